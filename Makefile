# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export CARE_DB ?= data/warehouse/care.duckdb

.PHONY: run test demo bench clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(CARE_DB): | $(VENV)/.runtime
	$(PY) -m pipelines demo

demo: $(VENV)/.runtime  ## rebuild the demo warehouse from scratch
	$(PY) -m pipelines demo --replace

run: $(VENV)/.runtime $(CARE_DB)  ## build the demo warehouse if missing, then open the dashboard
	$(PY) -m streamlit run dashboard/app.py

test: $(VENV)/.dev  ## run the test suite
	$(PY) -m pytest -q

bench: $(VENV)/.dev  ## run the benchmarks (prints figures; not a test)
	$(PY) bench/ingest.py

clean:  ## remove the virtualenv and the local warehouse
	rm -rf $(VENV) data/warehouse

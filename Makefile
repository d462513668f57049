# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export CARE_DB ?= data/warehouse/care.duckdb

.PHONY: run test demo bench clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# the project itself, editable: dashboard, pipelines and models import each other by name
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

MODEL := models/artifacts/care_model.skops

# retrained when the corpus or the code that reads it changes: a model file from an
# earlier checkout is not kept by accident
$(MODEL): $(wildcard data/labels/*.jsonl) $(wildcard models/*.py) | $(VENV)/.runtime
	$(PY) -m models train

$(CARE_DB): | $(VENV)/.runtime $(MODEL)
	$(PY) -m pipelines demo

demo: $(VENV)/.runtime  ## rebuild the demo warehouse from scratch
	$(PY) -m pipelines demo --replace

run: $(VENV)/.runtime $(MODEL) $(CARE_DB)  ## train the model and build the demo warehouse if missing, then open the dashboard
	# bring an existing warehouse up to this version (new model, new derived columns); quick when nothing changed
	$(PY) -m pipelines build -q
	$(PY) -m streamlit run dashboard/app.py

test: $(VENV)/.dev  ## run the test suite
	$(PY) -m pytest -q

bench: $(VENV)/.dev  ## run the benchmarks (prints figures; not a test)
	$(PY) bench/ingest.py
	$(PY) bench/classify.py

clean:  ## remove the virtualenv, the trained model and the local warehouse
	rm -rf $(VENV) data/warehouse models/artifacts

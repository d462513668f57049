"""The dashboard in a real headless Chromium: every page loads with no error box, and a
screenshot of each page is saved under test-artefacts/screens/ to be looked at."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser_server import CHROMIUM, CHROMIUM_FLAGS
from tests.browser_server import start as start_server
from tests.browser_server import stop as stop_server

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "test-artefacts" / "screens"
PAGES = ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "labels", "export", "data", "review"]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: .ci/run installs it with apt-get install -y chromium")
    pytest.skip("Chromium is not installed here (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(demo_db):
    proc, url = start_server(demo_db)
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.mark.parametrize("page_name", PAGES)
def test_page_loads_without_errors_and_is_screenshotted(server, browser, page_name):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        # every page by its own path, the default one too (it is also served at /)
        page.goto(f"{server}/{page_name}", wait_until="networkidle", timeout=60_000)
        page.wait_for_selector("h1", timeout=30_000)
        # wait until Streamlit has finished running the script and drawn the charts
        page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""",
                               timeout=30_000)
        if page_name in ("speed", "escalation", "churn", "topics"):
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        page.wait_for_timeout(1500)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0
        assert page.get_by_text("Page not found").count() == 0
        page.screenshot(path=str(ARTEFACTS / f"{page_name}.png"), full_page=True)
        assert page.locator("h1").first.inner_text().strip()
    finally:
        page.close()


def test_a_link_reproduces_the_view(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{server}/?lang=English&op=TIM", wait_until="networkidle", timeout=60_000)
        page.wait_for_selector("h1", timeout=30_000)
        page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=30_000)
        page.wait_for_timeout(1000)
        assert "Scorecard" in page.locator("h1").first.inner_text()
        assert "op=TIM" in page.url and "lang=English" in page.url   # the view is in the link
        assert page.get_by_text("Where customers go").count() == 0  # scorecard only, in English
        assert page.get_by_text("Filters").count() >= 1
    finally:
        page.close()


def test_a_load_runs_while_the_dashboard_is_open_and_the_dashboard_sees_it(demo_db, browser, tmp_path):
    """DuckDB lets one process write or many read, never both: a real dashboard process
    holds its read-only connection while a real pipeline process loads and publishes."""
    db = tmp_path / "care.duckdb"
    shutil.copyfile(demo_db, db)
    proc, url = start_server(db)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{url}/data", wait_until="networkidle", timeout=60_000)
        page.wait_for_selector("h1", timeout=30_000)
        page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=30_000)
        freshness = page.get_by_text("Ultimo caricamento").first.inner_text()
        env = {**os.environ, "CARE_DB": str(db)}
        done = subprocess.run([sys.executable, "-m", "pipelines", "run", str(ROOT / "tests" / "data" / "twcs_sample.csv"),
                               "-q"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr          # no "Conflicting lock is held"
        page.reload(wait_until="networkidle")
        page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=30_000)
        page.wait_for_timeout(1500)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(ARTEFACTS / "data_after_load.png"), full_page=True)
        # the new load shows on the next query: tables draw on a canvas, so read the caption
        assert page.get_by_text("Ultimo caricamento").first.inner_text() != freshness
    finally:
        page.close()
        stop_server(proc)


def test_chromium_has_an_emoji_font():
    """Without one, the emoji of customers' posts and of the page icons are empty boxes in
    the screenshots and the PDF review (.ci/run installs fonts-noto-color-emoji)."""
    fonts = subprocess.run(["fc-list", ":charset=1f600", "family"], capture_output=True, text=True).stdout
    if "emoji" not in fonts.lower() and not os.environ.get("CI"):
        pytest.skip("no emoji font here: apt-get install -y fonts-noto-color-emoji")
    assert "emoji" in fonts.lower()

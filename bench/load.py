"""Load test: concurrent browser sessions against one real dashboard server.

    .venv/bin/python bench/load.py --db bench/out/scale_10000000.duckdb [--sessions 20]

Starts `streamlit run dashboard/app.py` on loopback and opens SESSIONS sessions at once
in one headless Chromium (each its own browser context, as separate users are). Each
session opens the scorecard with a view of its own (the sessions cycle through a few
filter links, so that they do not all read the same cached figures), then visits every
other page once through the sidebar, as a user clicks through it. A page counts as
shown when its title is up, Streamlit has finished the run (no status widget, no stale
elements, no placeholder skeletons of lazily loaded elements) and, on chart pages, the
charts are drawn. Bounded: one pass per session,
PAGE_TIMEOUT per page and --deadline for the whole test.

Prints p50/p95/max per page (client-side, click to drawn), errors seen, and the
server's peak memory. Server and browser share this machine's cores, so the figures
include Chromium's own rendering.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.i18n import t  # noqa: E402
from dashboard.local_server import CHROMIUM, CHROMIUM_FLAGS, start, stop  # noqa: E402

PAGES = ["scorecard", "speed", "escalation", "churn", "topics", "conversations", "export", "data", "review"]
CHART_PAGES = {"speed", "escalation", "churn", "topics"}
# The views the sessions cycle through: the default, one operator, one channel, English,
# business hours for one operator.
VIEWS = ["", "op=TIM", "ch=twitter", "lang=English", "bh=true&op=Vodafone"]
PAGE_TIMEOUT_MS = 180_000
# The time of the page's last DOM change, kept by an observer in every document: a page
# counts as shown once its title is up, Streamlit has finished the run and nothing has
# changed for QUIET_MS; its time is click to last change.
WATCH_CHANGES = """
window.__lastChange = performance.now();
new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
QUIET_MS = 750
SETTLED = """([title, quiet]) => {
    const h1 = document.querySelector('h1');
    return h1 !== null && h1.innerText.trim() === title
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid*="Skeleton"]')
        && performance.now() - window.__lastChange > quiet;
}"""


async def settle(page, key: str, lang: str, clicked_at: float) -> float:
    """Seconds from clicked_at (the page's clock) to the page's last change."""
    await page.wait_for_function(SETTLED, arg=[t(f"page_{key}", lang), QUIET_MS], timeout=PAGE_TIMEOUT_MS,
                                 polling=100)
    if key in CHART_PAGES:
        assert await page.locator(".js-plotly-plot .main-svg").count(), f"{key}: no chart drawn"
    return (await page.evaluate("window.__lastChange") - clicked_at) / 1000


async def session(browser, url: str, view: str, start_gate: asyncio.Event, shots: Path | None = None) -> dict:
    lang = "en" if "lang=English" in view else "it"
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    await context.add_init_script(WATCH_CHANGES)
    page = await context.new_page()
    times: list[tuple[str, float]] = []
    errors: list[str] = []
    await start_gate.wait()
    try:
        for key in PAGES:
            if key == "scorecard":
                await page.goto(f"{url}/?{view}", timeout=PAGE_TIMEOUT_MS)
                clicked_at = 0.0     # the new document's clock starts at the navigation
            else:
                clicked_at = await page.evaluate("performance.now()")
                await page.locator(f'[data-testid="stSidebarNavLink"][href*="/{key}"]').first.click(
                    timeout=PAGE_TIMEOUT_MS)
            times.append((key, await settle(page, key, lang, clicked_at)))
            if shots is not None:   # what was counted as shown, to check by eye
                await page.screenshot(path=str(shots / f"{key}.png"))
            if await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count():
                errors.append(f"{key} ({view or 'default'}): error box on the page")
    except Exception as exc:  # noqa: BLE001 - a failed session is reported, not fatal to the others
        errors.append(f"{len(times) < len(PAGES) and PAGES[len(times)]} ({view or 'default'}): "
                      f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await context.close()
    return {"times": times, "errors": errors}


def peak_rss_mb(pid: int, stop_event: threading.Event, result: dict) -> None:
    """The server's resident memory, sampled every half second (Linux /proc)."""
    while not stop_event.is_set():
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    result["peak"] = max(result.get("peak", 0), int(line.split()[1]) / 1024)
        except OSError:
            return
        stop_event.wait(0.5)


async def load_test(url: str, sessions: int, deadline: float, shots: Path | None = None) -> list[dict]:
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        gate = asyncio.Event()
        tasks = [asyncio.create_task(session(browser, url, VIEWS[i % len(VIEWS)], gate, shots if i == 0 else None))
                 for i in range(sessions)]
        await asyncio.sleep(2)     # contexts created: every session starts at the same moment
        gate.set()
        done, pending = await asyncio.wait(tasks, timeout=deadline)
        for task in pending:
            task.cancel()
        await browser.close()
    results = [task.result() for task in done]
    results += [{"times": [], "errors": ["session cut by the deadline"]} for _ in pending]
    return results


def warm_up(url: str) -> None:
    """One session alone first, so that the figures are of a running server, not of
    Python importing plotly and DuckDB opening the file."""
    asyncio.run(load_test(url, 1, 600))


def report(results: list[dict], seconds: float, sessions: int, peak_mb: float) -> None:
    by_page: dict[str, list[float]] = {}
    for result in results:
        for key, value in result["times"]:
            by_page.setdefault(key, []).append(value)
    shown = sum(len(r["times"]) for r in results)
    print(f"\n{sessions} concurrent browser sessions on one server, every page once each: "
          f"{shown} of {sessions * len(PAGES)} page views shown in {seconds:.0f} s; server peak {peak_mb:,.0f} MB")
    print(f"{'page':<15} {'n':>3} {'p50':>9} {'p95':>9} {'max':>9}")
    for key in PAGES:
        values = sorted(by_page.get(key, []))
        if not values:
            print(f"{key:<15} {0:>3} {'-':>9} {'-':>9} {'-':>9}")
            continue
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        print(f"{key:<15} {len(values):>3} {statistics.median(values):>7.2f} s {p95:>7.2f} s {values[-1]:>7.2f} s")
    errors = [e for r in results for e in r["errors"]]
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="the warehouse to serve")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--deadline", type=float, default=900, help="seconds for the whole test (default 900)")
    ap.add_argument("--screenshots", type=Path, help="save the first session's pages here, as they were when timed")
    args = ap.parse_args()
    if not args.db.exists():
        sys.exit(f"error: {args.db}: no such warehouse (build one with bench/scale.py or bench/ingest.py)")
    proc, url = start(args.db)
    memory: dict = {}
    stop_sampling = threading.Event()
    sampler = threading.Thread(target=peak_rss_mb, args=(proc.pid, stop_sampling, memory), daemon=True)
    sampler.start()
    try:
        warm_up(url)
        started = time.time()
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
        results = asyncio.run(load_test(url, args.sessions, args.deadline, args.screenshots))
        seconds = time.time() - started
    finally:
        stop_sampling.set()
        stop(proc)
    report(results, seconds, args.sessions, memory.get("peak", 0))


if __name__ == "__main__":
    main()

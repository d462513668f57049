"""Load test: concurrent sessions against one real dashboard server.

    .venv/bin/python -m bench.load --db bench/out/scale_10000000.duckdb [--sessions 20] [--client protocol]

Starts `streamlit run dashboard/app.py` on loopback and opens SESSIONS sessions at once
in one headless Chromium (each its own browser context, as separate users are). Each
session opens the scorecard with a view of its own (the sessions cycle through a few
filter links, so that they do not all read the same cached figures), then visits every
other page once through the sidebar, as a user clicks through it. A page counts as
shown when its title is up, Streamlit has finished the run (no status widget, no stale
elements, no placeholder skeletons of lazily loaded elements) and, on chart pages, the
charts are drawn. Bounded: one pass per session,
PAGE_TIMEOUT per page and --deadline for the whole test.

Prints p50/p95/max per page (client-side, click to drawn), errors seen, the server's
peak memory and the CPU time the server and everything else used. Server and browser
share this machine's cores, so the figures include Chromium's own rendering.

With --client protocol the sessions are Streamlit's own wire protocol instead of a
browser (a websocket each, sending what the browser sends: "run this page with this
query string"): a page counts as shown when the server reports the run finished. This
measures the server alone, with no browser on the same cores.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from pipelines.contract.words import t
from tests.browser_server import CHROMIUM, CHROMIUM_FLAGS, start, stop

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
        errors.append(failure(times, view, exc))
    finally:
        await context.close()
    return {"times": times, "errors": errors}


async def protocol_session(url: str, view: str, start_gate: asyncio.Event) -> dict:
    """One session over Streamlit's websocket protocol: each page is one rerun request,
    timed to the server's script_finished message."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    times: list[tuple[str, float]] = []
    errors: list[str] = []
    pages: dict[str, str] = {}

    async def run_page(ws, key: str, page_hash: str) -> None:
        request = BackMsg()
        request.rerun_script.query_string = view
        request.rerun_script.page_script_hash = page_hash
        started = time.perf_counter()
        await ws.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), PAGE_TIMEOUT_MS / 1000))
            kind = message.WhichOneof("type")
            if kind == "navigation":
                pages.update({p.url_pathname: p.page_script_hash for p in message.navigation.app_pages})
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element" \
                    and message.delta.new_element.WhichOneof("type") == "exception":
                errors.append(f"{key} ({view or 'default'}): exception on the page")
            elif kind == "script_finished":
                if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    errors.append(f"{key} ({view or 'default'}): run ended with status {message.script_finished}")
                times.append((key, time.perf_counter() - started))
                return

    await start_gate.wait()
    try:
        async with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None) as ws:
            for key in PAGES:
                await run_page(ws, key, "" if key == "scorecard" else pages[key])
    except Exception as exc:  # noqa: BLE001 - a failed session is reported, not fatal to the others
        errors.append(failure(times, view, exc))
    return {"times": times, "errors": errors}


def failure(times: list, view: str, exc: Exception) -> str:
    """The page a session was on when it failed, its view and the error, on one line."""
    page = PAGES[len(times)] if len(times) < len(PAGES) else "-"
    first_line = str(exc).splitlines()[0] if str(exc) else ""
    return f"{page} ({view or 'default'}): {type(exc).__name__}: {first_line}"


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


async def load_test(url: str, sessions: int, deadline: float, shots: Path | None = None,
                    client: str = "browser") -> list[dict]:
    gate = asyncio.Event()
    if client == "protocol":
        return await run_sessions([protocol_session(url, VIEWS[i % len(VIEWS)], gate) for i in range(sessions)],
                                  gate, deadline)
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            return await run_sessions([session(browser, url, VIEWS[i % len(VIEWS)], gate, shots if i == 0 else None)
                                       for i in range(sessions)], gate, deadline, settle_seconds=2)
        finally:
            await browser.close()


async def run_sessions(sessions: list, gate: asyncio.Event, deadline: float, settle_seconds: float = 0) -> list[dict]:
    """Start the sessions together (after settle_seconds, once browser contexts exist);
    those still running at the deadline are cancelled and reported as cut."""
    tasks = [asyncio.create_task(s) for s in sessions]
    await asyncio.sleep(settle_seconds)
    gate.set()
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    return [task.result() for task in done] + [{"times": [], "errors": ["session cut by the deadline"]}
                                                for _ in pending]


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time of one process, or of the whole machine when pid is None (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    if pid is None:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        return (sum(int(x) for x in fields) - int(fields[3]) - int(fields[4])) / tick   # all but idle, iowait
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def warm_up(url: str, client: str) -> None:
    """One session alone first, so that the figures are of a running server, not of
    Python importing plotly and DuckDB opening the file."""
    asyncio.run(load_test(url, 1, 600, client=client))


def report(results: list[dict], seconds: float, sessions: int, peak_mb: float, cpu: dict, client: str) -> None:
    by_page: dict[str, list[float]] = {}
    for result in results:
        for key, value in result["times"]:
            by_page.setdefault(key, []).append(value)
    shown = sum(len(r["times"]) for r in results)
    print(f"\n{sessions} concurrent {client} sessions on one server, every page once each: "
          f"{shown} of {sessions * len(PAGES)} page views shown in {seconds:.0f} s; server peak {peak_mb:,.0f} MB")
    print(f"{'page':<15} {'n':>3} {'p50':>9} {'p95':>9} {'max':>9}")
    for key in PAGES:
        values = sorted(by_page.get(key, []))
        if not values:
            print(f"{key:<15} {0:>3} {'-':>9} {'-':>9} {'-':>9}")
            continue
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        print(f"{key:<15} {len(values):>3} {statistics.median(values):>7.2f} s {p95:>7.2f} s {values[-1]:>7.2f} s")
    print(f"CPU during the test: the dashboard server {cpu['server']:.0f} s, everything else on the machine "
          f"({'Chromium and ' if client == 'browser' else ''}this script) {max(0.0, cpu['machine'] - cpu['server']):.0f} s, in {seconds:.0f} s of wall time "
          f"on {os.cpu_count()} cores")
    errors = [e for r in results for e in r["errors"]]
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="the warehouse to serve")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--deadline", type=float, default=900, help="seconds for the whole test (default 900)")
    ap.add_argument("--client", choices=("browser", "protocol"), default="browser",
                    help="browser: headless Chromium (default); protocol: Streamlit's websocket protocol, no browser")
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
        warm_up(url, args.client)
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
        started, server_cpu, machine_cpu = time.time(), cpu_seconds(proc.pid), cpu_seconds()
        results = asyncio.run(load_test(url, args.sessions, args.deadline, args.screenshots, args.client))
        seconds = time.time() - started
        cpu = {"server": cpu_seconds(proc.pid) - server_cpu, "machine": cpu_seconds() - machine_cpu}
    finally:
        stop_sampling.set()
        stop(proc)
    report(results, seconds, args.sessions, memory.get("peak", 0), cpu, args.client)


if __name__ == "__main__":
    main()

"""The weekly review as one self-contained HTML page (inline CSS and SVG, no external
URL, every customer text escaped), and as a PDF printed by headless Chromium."""
from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from pipelines.contract.kpis import HIGHER_IS_BETTER, MOVER_RATES
from pipelines.contract.words import TEXTS, label
from pipelines.outputs.formatting import long_day, moment, number, percent, short_day, weekday
from pipelines.outputs.report import KPIS, Review

RATE_KPIS = frozenset(MOVER_RATES)


def kpi_text(kpi: str, value, lang: str) -> str:
    """A KPI's value as the review and the scorecard show it."""
    if kpi in RATE_KPIS:
        return percent(value, lang)
    return number(value, lang, 0 if kpi == "frt_median_min" else 2)


def _delta(kpi: str, value, lang: str) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    magnitude = number(abs(100 * value), lang, 1) + " pt" if kpi in RATE_KPIS else number(abs(value), lang, 0 if kpi == "frt_median_min" else 2)
    return sign + magnitude


def sentences(review: Review, lang: str = "it") -> dict[str, list[str]]:
    """The review's findings written out, from the numbers."""
    w, name = TEXTS[lang], lambda op: review.names.get(op, op)
    movers = []
    for m in review.movers:
        text = w["mover"].format(op=name(m["operator"]), metric=w[m["metric"]].lower(),
                                 verb=w["up" if m["change"] > 0 else "down"],
                                 delta=number(abs(100 * m["change"]), lang, 1) + " pt",
                                 before=percent(m["before"], lang), after=percent(m["after"], lang), n=m["n"])
        if m["drivers"]:
            text += w["driven"].format(what=", ".join(f"{label('category', c, lang)} ({b} → {n})"
                                                     for c, b, n in m["drivers"]))
        movers.append(text + ".")
    anomalies = []
    for a in review.anomalies:
        if a["kind"] == "volume":
            anomalies.append(w["volume"].format(op=name(a["operator"]), day=short_day(a["day"], lang), value=a["value"],
                                                ratio=number(a["value"] / a["usual"], lang, 1) if a["usual"] else "–",
                                                usual=number(a["usual"], lang), cat=label("category", a["category"], lang)) + ".")
        else:
            anomalies.append(w["negative_share"].format(op=name(a["operator"]), day=short_day(a["day"], lang),
                                                        value=percent(a["value"], lang), usual=percent(a["usual"], lang),
                                                        cat=label("category", a["category"], lang)) + ".")
    churn = []
    for c in review.churn:
        text = w["churn_line"].format(op=name(c["operator"]), threat=c["threat"], switched=c["switched"],
                                      cancel=c["cancel"])
        if c["competitors"]:
            top = sorted(c["competitors"].items(), key=lambda kv: -kv[1])[:3]
            text += f" ({w['towards']} " + ", ".join(f"{name(k)} {v}" for k, v in top) + ")"
        churn.append(text + ".")
    return {"movers": movers or [w["no_movers"]], "anomalies": anomalies or [w["no_anomalies"]],
            "churn": churn or [w["no_churn"]]}


def _daily_svg(review: Review, lang: str) -> str:
    width, height, pad = 330, 120, 22
    days = sorted({d["day"] for d in review.daily})
    if not days:
        return ""
    top = max(d["conversations"] for d in review.daily) or 1
    x = {day: pad + i * (width - 2 * pad) / max(1, len(days) - 1) for i, day in enumerate(days)}
    lines = []
    for op in sorted({d["operator"] for d in review.daily}):
        points = " ".join(f"{x[d['day']]:.1f},{height - pad - d['conversations'] / top * (height - 2 * pad):.1f}"
                          for d in review.daily if d["operator"] == op)
        lines.append(f'<polyline fill="none" stroke="{html.escape(review.colors.get(op, "#6B7280"))}" '
                     f'stroke-width="2" points="{points}"/>')
    labels = "".join(f'<text x="{x[d]:.1f}" y="{height - 6}" font-size="8" text-anchor="middle">'
                     f'{weekday(d, lang)}</text>' for d in days)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">'
            f'<text x="{pad}" y="12" font-size="9">{TEXTS[lang]["daily"]} (max {top})</text>'
            + "".join(lines) + labels + "</svg>")


CSS = """
@page { size: A4; margin: 10mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.6pt; color: #111827; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 2px 0; } h2 { font-size: 10pt; margin: 8px 0 3px 0; border-bottom: 1px solid #E5E7EB; }
.sub { color: #6B7280; margin-bottom: 6px; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 2px 4px; text-align: right; border-bottom: 1px solid #F3F4F6; }
th { font-weight: 600; font-size: 7.6pt; color: #374151; } td.l, th.l { text-align: left; }
.good { color: #15803D; } .bad { color: #B91C1C; } .d { font-size: 7pt; display: block; white-space: nowrap; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 4px; margin-right: 4px; }
ul { margin: 2px 0 2px 14px; padding: 0; } li { margin: 1px 0; }
.cols { display: flex; gap: 10px; } .cols > div { flex: 1; }
.ex { border-left: 3px solid #E5E7EB; padding-left: 6px; margin: 3px 0; font-size: 7.6pt; }
.b { color: #1D4ED8; } .foot { color: #6B7280; font-size: 7pt; margin-top: 6px; }
"""


def render_html(review: Review, lang: str = "it", examples: bool = True) -> str:
    """The page; `examples=False` leaves out the customer texts (for viewers)."""
    w, esc = TEXTS[lang], html.escape
    text = sentences(review, lang)
    head = "".join(f"<th>{esc(w[k])}</th>" for k in KPIS)
    rows = []
    for r in review.kpis:
        cells = []
        for kpi in KPIS:
            better = HIGHER_IS_BETTER[kpi]
            classes = []
            for key in (f"{kpi}_vs_last", f"{kpi}_vs_4w"):
                value = r.get(key)
                classes.append("" if not value else ("good" if (value > 0) == better else "bad"))
            cells.append(f'<td>{kpi_text(kpi, r[kpi], lang)}<span class="d"><span class="{classes[0]}">'
                         f'{_delta(kpi, r.get(f"{kpi}_vs_last"), lang)}</span> / <span class="{classes[1]}">'
                         f'{_delta(kpi, r.get(f"{kpi}_vs_4w"), lang)}</span></span></td>')
        colour = esc(review.colors.get(r["operator"], "#6B7280"))
        rows.append(f'<tr><td>{r["rank"]}</td><td class="l"><span class="dot" style="background:{colour}"></span>'
                    f'{esc(review.names.get(r["operator"], r["operator"]))}</td><td>{r["conversations"]}</td>'
                    + "".join(cells) + "</tr>")
    shown = []
    for ex in review.examples if examples else []:
        lines = "".join(
            f'<div class="{"b" if m["is_brand"] else ""}">{esc(m["at"])} · '
            f'{esc(review.names.get(ex["operator"], ex["operator"]) if m["is_brand"] else w["customer"])}: '
            f'{esc(m["text"][:220])}</div>' for m in ex["messages"])
        shown.append(f'<div class="ex"><b>{esc(review.names.get(ex["operator"], ex["operator"]))}</b> · '
                        f'{esc(label("category", ex["category"], lang))}{lines}</div>')
    generated = moment(datetime.now(timezone.utc), lang)
    lists = {k: "".join(f"<li>{esc(s)}</li>" for s in v) for k, v in text.items()}
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{esc(w['title'])} {esc(review.week)}</title>
<style>{CSS}</style></head><body>
<h1>{esc(w['title'])} — {esc(review.week)}</h1>
<div class="sub">{long_day(review.first_day, lang)} – {long_day(review.last_day, lang)} · {esc(w['generated'])} {generated}</div>
<h2>{esc(w['kpis'])} <span class="sub">({esc(w['vs'])})</span></h2>
<table><tr><th>{esc(w['rank_short'])}</th><th class="l">{esc(w['operator'])}</th><th>{esc(w['conversations_short'])}</th>{head}</tr>
{''.join(rows)}</table>
<div class="cols"><div><h2>{esc(w['movers'])}</h2><ul>{lists['movers']}</ul>
<h2>{esc(w['anomalies'])}</h2><ul>{lists['anomalies']}</ul></div>
<div>{_daily_svg(review, lang)}</div></div>
<h2>{esc(w['churn'])}</h2><ul>{lists['churn']}</ul>
{f"<h2>{esc(w['examples'])}</h2>" + ''.join(shown) if shown else ""}
<div class="foot">{esc(w['method'])}</div>
</body></html>"""


# Without the networking flags Chromium keeps trying to reach Google's hosts, which a
# closed network refuses. (The browser tests and bench/load.py launch it with these too.)
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def print_pdf(html_text: str, out: Path) -> None:
    """Print the page to PDF with Debian's headless Chromium (no network needed)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("PDF needs Chromium: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "review.html"
        page.write_text(html_text, encoding="utf-8")
        done = subprocess.run([chromium, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                               "--no-pdf-header-footer",
                               f"--print-to-pdf={out}", page.as_uri()], capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"Chromium could not print the PDF: {done.stderr.strip().splitlines()[-1:] or done.returncode}")

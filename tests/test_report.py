"""The weekly review: a warehouse with a known outage spike and a known mover must name
both; an empty week gives a clear message; the HTML is self-contained; the PDF is one
A4 page per language."""
from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta, timezone

import duckdb
import pytest

from pipelines.load.ingest import ingest_file
from pipelines.marts.metrics import build_marts
from pipelines.outputs.report import default_week, week_bounds, weekly_review
from pipelines.outputs.report_html import render_html, sentences
from pipelines.threads.place import rebuild_conversations
from pipelines.warehouse import building

REPORT_WEEK = "2026-W10"   # Monday 2 March .. Sunday 8 March 2026


def make_warehouse(tmp_path, db_path):
    """Five quiet weeks for TIM and Vodafone (20 conversations a day, all answered in
    10 minutes), then the report week: TIM answers only every other conversation (the
    mover), and Vodafone has 150 network complaints on Wednesday 4 March (the spike)."""
    path = tmp_path / "history.csv"
    labels = []
    start = date(2026, 1, 26)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["message_id", "conversation_id", "in_reply_to", "operator", "channel", "author_id",
                      "is_brand", "created_at", "text"])
        n = 0
        for offset in range(41):
            day = start + timedelta(days=offset)
            in_report_week = day >= date(2026, 3, 2)
            for op in ("tim", "vodafone"):
                spike = op == "vodafone" and day == date(2026, 3, 4)
                for i in range(150 if spike else 20):
                    n += 1
                    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.utc) + timedelta(minutes=3 * i)
                    conv, customer = f"k{n}", f"c{n}"
                    category = "network" if spike else "billing"
                    out.writerow([f"{conv}a", conv, "", op, "twitter", customer, "false", at.isoformat(), "aiuto"])
                    labels.append((f"{conv}a", "negative", category, None))
                    answered = not (op == "tim" and in_report_week and i % 2)
                    if answered:
                        reply = at + timedelta(minutes=10)
                        out.writerow([f"{conv}b", conv, f"{conv}a", op, "twitter", "TIMCare" if op == "tim" else "VodafoneIT",
                                      "true", reply.isoformat(), "verifichiamo"])
                        labels.append((f"{conv}b", None, None, "acknowledge"))
    with building(db_path) as con:
        ingest_file(con, path)
        con.executemany("""insert into message_labels (source, message_id, model_version, sentiment, category,
                           churn, competitor, followup, act) values ('canonical', ?, 'fixture', ?, ?, 'none', '', 'none', ?)""",
                        labels)
        rebuild_conversations(con)
        build_marts(con, log=lambda m: None)


@pytest.fixture
def review(tmp_path, db_path):
    import duckdb
    make_warehouse(tmp_path, db_path)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        yield weekly_review(con, REPORT_WEEK)
    finally:
        con.close()


def test_the_review_names_the_spike_and_the_mover(review):
    assert week_bounds(REPORT_WEEK) == (date(2026, 3, 2), date(2026, 3, 8))
    mover = review.movers[0]
    assert (mover["operator"], mover["metric"]) == ("tim", "response_rate")
    assert mover["before"] == 1.0 and mover["after"] == pytest.approx(0.5) and not mover["good"]
    spike = review.anomalies[0]
    assert (spike["operator"], spike["day"], spike["kind"], spike["category"]) == ("vodafone", date(2026, 3, 4), "volume", "network")
    assert spike["value"] == 150 and spike["usual"] == 20
    kpis = {r["operator"]: r for r in review.kpis}
    assert kpis["tim"]["response_rate_vs_last"] == pytest.approx(-0.5)
    assert kpis["vodafone"]["rank"] == 1
    text = sentences(review, "en")
    assert text["movers"][0].startswith("TIM: response rate falls by 50.0 pt (100.0 % → 50.0 %")
    assert text["anomalies"][0].startswith("Vodafone, Wed 04/03: 150 conversations, 7.5 times the usual (20)")
    it = sentences(review, "it")
    assert it["movers"][0].startswith("TIM: tasso di risposta scende di 50,0 pt")
    # categories by their names, days by Babel: "main topic: network" was an id
    assert text["anomalies"][0].endswith("main topic: Network and line.")
    assert it["anomalies"][0].startswith("Vodafone, mer 04/03: 150 conversazioni, 7,5 volte il solito (20)")
    assert it["anomalies"][0].endswith("tema principale: Rete e linea.")


def test_no_change_is_claimed_without_support(review):
    # Vodafone answered everything both weeks: nothing to claim about it
    assert all(m["operator"] != "vodafone" for m in review.movers)


def test_the_html_is_self_contained_and_escaped(review):
    page = render_html(review, "it")
    assert "<script" not in page and not re.search(r"(src|href)=\"https?:", page)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)
    assert "Revisione settimanale" in page and "<svg" in page
    from pipelines.contract.labels import CATEGORY
    assert not [c for c in CATEGORY if re.search(rf"\b{c}\b", page)], "a category id in the Italian review"
    assert "2 marzo 2026 – 8 marzo 2026" in page and "+00:00" not in page


def test_an_empty_week_is_a_clear_message(cli, tmp_path, db_path):
    make_warehouse(tmp_path, db_path)
    code, _, err = cli("report", "--week", "2025-W01", "--out", tmp_path / "r.html")
    assert code == 1 and "no conversations in 2025-W01" in err and "Traceback" not in err
    code, _, err = cli("report", "--week", "yesterday", "--out", tmp_path / "r.html")
    assert code == 1 and "2026-W10" in err


def test_report_command_writes_html_and_a_one_page_pdf_per_language(cli, tmp_path, db_path):
    import shutil
    make_warehouse(tmp_path, db_path)
    code, out, _ = cli("report", "--week", REPORT_WEEK, "--out", tmp_path / "review.html")
    assert code == 0 and out.startswith(f"wrote {tmp_path / 'review.html'}")
    if not shutil.which("chromium"):
        pytest.skip("PDF printing needs Chromium (installed by .ci/run)")
    for lang in ("it", "en"):
        pdf = tmp_path / f"review_{lang}.pdf"
        code, out, err = cli("report", "--week", REPORT_WEEK, "--lang", lang, "--out", pdf)
        assert code == 0, err
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
        assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1


@pytest.mark.parametrize("latest, today, expected", [
    ("2026-W10", date(2026, 3, 9), "2026-W10"),    # Monday 9 March: last week (2-8 March) has ended
    ("2026-W11", date(2026, 3, 9), "2026-W10"),    # data of this week, not over yet: still last week
    ("2026-W11", date(2026, 3, 15), "2026-W10"),   # Sunday: the week is not over until it ends
    ("2026-W04", date(2026, 3, 9), "2026-W04"),    # the data stop earlier: their newest week
    ("2025-W52", date(2026, 1, 5), "2025-W52"),    # across the new year
    ("2026-W01", date(2026, 1, 5), "2026-W01"),    # 2026-W01 is 29 Dec 2025 .. 4 Jan 2026
    (None, date(2026, 3, 9), "2026-W10"),
])
def test_the_default_week_is_the_last_one_that_has_ended(latest, today, expected):
    assert default_week(latest, today) == expected


def test_report_without_a_week_reviews_the_newest_week_with_data(cli, tmp_path, db_path):
    make_warehouse(tmp_path, db_path)
    code, out, err = cli("report", "--out", tmp_path / "review.html")
    assert code == 0, err
    with duckdb.connect(str(db_path), read_only=True) as con:
        newest = con.execute("select max(opened_week) from conversation_facts").fetchall()[0][0]
    assert f"({newest}, it," in out
    code, out, err = cli("report", "--week", "last", "--out", tmp_path / "last.html")   # the same, said aloud
    assert code == 0 and f"({newest}, it," in out, err

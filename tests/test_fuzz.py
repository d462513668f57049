"""Property-based: whatever bytes arrive, a reader either reads rows or raises its
one-line SourceError; nothing else escapes, and normalising never crashes either."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.contract.operators import Operators
from pipelines.normalise.privacy import Pseudonymiser
from pipelines.normalise.rows import Context, normalise_batch
from pipelines.sources import SourceError, open_reader

OPERATORS = Operators.load()
CTX = Context(source="fuzz", operators=OPERATORS, pseudonymiser=Pseudonymiser(b"s", lambda h: OPERATORS.resolve(h) is not None))
HEADERS = [b"", b"message_id,created_at,text,author_id\n", b"tweet_id,author_id,inbound,created_at,text\n",
           b'{"data": [', b'{"message_id": ', b"\xef\xbb\xbf", b"PAR1"]


def read_all(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            reader = open_reader(path)
            for batch in reader.batches():
                table, rejects = normalise_batch(batch, CTX)
                assert table.num_rows + len(rejects) == len(batch)
        except SourceError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.sampled_from(HEADERS), body=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".json", ".parquet", ""]))
def test_random_bytes_never_crash_a_reader(head, body, suffix):
    read_all(head + body, suffix)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), min_size=4, max_size=6), max_size=8))
def test_random_csv_cells_never_crash(rows):
    def cell(v):
        return '"' + v.replace('"', '""') + '"'
    body = "\n".join(",".join(cell(v) for v in row) for row in rows)
    read_all(("message_id,created_at,text,author_id\n" + body).encode("utf-8", "surrogatepass"), ".csv")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_redaction_is_idempotent_on_any_text(text):
    redacted, _ = CTX.pseudonymiser.redact(text.replace("@", " "))
    assert CTX.pseudonymiser.redact(redacted)[0] == redacted

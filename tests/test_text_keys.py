"""Each message gets the labels of its own text. The distinct texts are keyed by MD5
(sql/labels/01_to_classify.sql), not by DuckDB's 64-bit hash(): that one gives texts a
digit apart the same value, and a join on it would hand one text's labels to the other."""
from __future__ import annotations

import numpy as np

from pipelines.contract.labels import BRAND_TASKS, CUSTOMER_TASKS
from pipelines.labels.classify import classify_messages
from pipelines.warehouse import building

# two customer texts of the 10 M demo that DuckDB's hash() maps to one value
TWINS = ("@TIM_Official il tecnico ha staccato la mia linea per attaccarne un'altra, ora sono isolato da 2 giorni!",
         "@TIM_Official il tecnico ha staccato la mia linea per attaccarne un'altra, ora sono isolato da 9 giorni.")


class TextEcho:
    """A model whose every label is the last characters of the text it read."""
    version = "echo-1"
    path = None
    meta: dict = {}

    def predict(self, texts, role):
        tasks = CUSTOMER_TASKS if role == "customer" else BRAND_TASKS
        return {task: ([text[-9:] for text in texts], np.ones(len(texts))) for task in tasks}


def test_texts_that_share_duckdbs_hash_keep_their_own_labels(cli, db_path, tmp_path):
    with building(db_path, fresh=True) as con:
        assert con.execute("select hash(?) = hash(?)", TWINS).fetchone()[0], "the texts no longer collide"
    rows = [f"m{i},t{i},c{i},tim,twitter,false,2026-11-0{1 + i}T10:00:00Z,\"{text}\"" for i, text in enumerate(TWINS * 3)]
    csv = tmp_path / "twins.csv"
    csv.write_text("message_id,conversation_id,author_id,operator,channel,is_brand,created_at,text\n"
                   + "\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = cli("ingest", csv)
    assert code == 0, err
    with building(db_path) as con:
        assert classify_messages(con, model=TextEcho(), log=lambda *_: None) == 6
        labelled = con.execute("select m.text, l.category, l.sentiment from messages as m "
                               "join message_labels as l using (source, message_id)").fetchall()
    assert len(labelled) == 6
    assert all(category == sentiment == text[-9:] for text, category, sentiment in labelled)
    assert {category for _, category, _ in labelled} == {"2 giorni!", "9 giorni."}

"""The notebook peer of `pipelines run` (bench/peers.py): what an analyst would write with
pandas and our model. Read the file, redact e-mails and phone numbers with regular
expressions, pseudonymise customers with a salted hash, label the distinct texts with the
care model in one process, first-response times per conversation, median and p90 per
operator and ISO week. Prints its seconds, and the model's own share of them."""
from __future__ import annotations

import hashlib
import sys
import time

import pandas as pd

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from models.classifier import load  # noqa: E402

EMAIL = r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}"
PHONE = r"(?:(?:\+|00)?39[ .\-/]?)?\(?(?:3\d{2}|0\d{1,3})\)?(?:[ .\-/]?\d{2,8}){1,4}"
SALT = b"peer-salt"


def main(path: str) -> None:
    started = time.time()
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["is_brand"] = df["is_brand"] == "true"
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True, format="ISO8601")
    df["text"] = df["text"].str.replace(EMAIL, "[EMAIL]", regex=True).str.replace(PHONE, "[TELEFONO]", regex=True)
    customers = ~df["is_brand"]
    pseudonyms = {a: hashlib.sha256(SALT + a.encode()).hexdigest() for a in df.loc[customers, "author_id"].unique()}
    df.loc[customers, "author_id"] = df.loc[customers, "author_id"].map(pseudonyms)

    model_started = time.time()
    model = load()
    for role, mask in (("customer", customers), ("brand", df["is_brand"])):
        texts = df.loc[mask, "text"].unique().tolist()
        for task, (labels, _confidence) in model.predict(texts, role).items():
            df.loc[mask, task] = df.loc[mask, "text"].map(dict(zip(texts, labels)))
    model_seconds = time.time() - model_started

    opened = df[customers].groupby("conversation_id")["created_at"].min().rename("opened_at")
    replied = df[df["is_brand"]].groupby("conversation_id")["created_at"].min().rename("replied_at")
    conversations = pd.concat([opened, replied, df.groupby("conversation_id")["operator"].first()], axis=1)
    conversations = conversations[conversations["replied_at"] > conversations["opened_at"]]
    conversations["frt"] = (conversations["replied_at"] - conversations["opened_at"]).dt.total_seconds() / 60
    conversations["week"] = conversations["opened_at"].dt.tz_convert("Europe/Rome").dt.strftime("%G-W%V")
    weekly = conversations.groupby(["operator", "week"])["frt"].agg(["median", lambda s: s.quantile(0.9)])
    print(f"pandas: {len(df):,} messages, {len(weekly):,} operator-weeks in {time.time() - started:.1f} s "
          f"(model {model_seconds:.1f} s)")


if __name__ == "__main__":
    main(sys.argv[1])

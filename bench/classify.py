"""Classifier benchmark: prediction speed on 200 000 demo messages, in one process.

Prints messages/s for the real stream (repeated texts, such as operator boilerplate,
are classified once) and for distinct texts only, the latter also by the reference path
that the fast one reproduces. Target (DESIGN.md): at least
20 000 messages/s per core.

    .venv/bin/python bench/classify.py [--messages N]
"""
from __future__ import annotations

import argparse
import dataclasses
import time

from models.classifier import ensure_model
from pipelines.contract.operators import Operators
from pipelines.demo.generator import DemoParams, generate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=200_000)
    args = ap.parse_args()
    rows = [r for batch, _, _ in generate(DemoParams(messages=args.messages), Operators.load()) for r in batch]
    customer = [r["text"] for r in rows if not r["is_brand"]]
    brand = [r["text"] for r in rows if r["is_brand"]]
    model = ensure_model()
    model.predict(customer[:1000], "customer")  # warm up
    started = time.perf_counter()
    model.predict(customer, "customer")
    model.predict(brand, "brand")
    stream = time.perf_counter() - started
    distinct_customer = list(dict.fromkeys(customer))
    distinct_brand = list(dict.fromkeys(brand))
    started = time.perf_counter()
    model.predict(distinct_customer, "customer")
    model.predict(distinct_brand, "brand")
    distinct = time.perf_counter() - started
    n_distinct = len(distinct_customer) + len(distinct_brand)
    reference = dataclasses.replace(model, fast=False)   # sklearn's transform and predict_proba
    started = time.perf_counter()
    reference.predict(distinct_customer, "customer")
    reference.predict(distinct_brand, "brand")
    slow = time.perf_counter() - started
    print(f"model:            {model.version}")
    print(f"messages:         {len(rows):,} ({len(customer):,} customer, {len(brand):,} operator; {n_distinct:,} distinct texts)")
    print(f"stream:           {stream:.1f} s, {len(rows) / stream:,.0f} messages/s (one process, one core)")
    print(f"distinct texts:   {distinct:.1f} s, {n_distinct / distinct:,.0f} texts/s")
    print(f"  reference path: {slow:.1f} s, {n_distinct / slow:,.0f} texts/s (model.fast off: sklearn's own transform and heads)")


if __name__ == "__main__":
    main()

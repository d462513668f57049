"""Batch pipelines: read care logs, validate, redact, thread and load them into DuckDB."""

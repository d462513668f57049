-- whether rows still carry the old per-format source names (see canonical_source.sql)
select count(*) from (select 1 from messages where source in ('csv', 'jsonl', 'parquet') limit 1)

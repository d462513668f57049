-- whether a table exists: $name in schema $schema
select count(*) from duckdb_tables() where table_name = $name and schema_name = $schema

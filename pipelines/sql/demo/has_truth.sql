-- whether the warehouse holds the demo generator's true labels (schema truth)
select count(*) from duckdb_tables() where schema_name = 'truth'

-- where the scratch database lives (the workers' Parquet parts go beside it)
select path from duckdb_databases() where database_name = 'scratch'

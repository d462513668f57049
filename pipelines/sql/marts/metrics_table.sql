-- a metrics mart: the operator_metrics query at one grain, stored as a table of the target schema
create or replace table {target}.{mart} as
{query}

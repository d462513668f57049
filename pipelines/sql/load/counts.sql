-- the load's counts for its summary line and the load log
with this_load as (
    select count(*) as count_loaded, count(*) filter (where operator is null) as count_unresolved_operator
    from main.messages
    where load_id = getvariable('load_id')
)
select
    count_loaded,
    (select count(*) from scratch.candidates where status = 'duplicate') as count_duplicate,
    (select count(*) from scratch.candidates where status = 'conflict')
        + (select count(*) from scratch.placed where place_reason is not null) as count_rejected_sql,
    count_unresolved_operator
from this_load

-- the load's counts for its summary line and the load log
select
    (select count(*) from main.messages where load_id = getvariable('load_id')) as count_loaded,
    (select count(*) from scratch.candidates where status = 'duplicate') as count_duplicate,
    (select count(*) from scratch.candidates where status = 'conflict')
        + (select count(*) from scratch.placed where place_reason is not null) as count_rejected_sql,
    (select count(*) from main.messages where load_id = getvariable('load_id') and operator is null)
        as count_unresolved_operator

-- Each staged row is new, a duplicate (same id and same text as a row already kept) or a
-- conflict (same id, different text: rejected with the reason, the first copy is kept).
-- Repeated ids are rare, so they are found by aggregation and only they are compared.
-- The texts stay in scratch.incoming (the merge reads them by ordinal): copying them
-- into every staging table was a good part of a load's time.
create or replace table scratch.repeated as
with firsts as (
    select source, message_id, min(ordinal) as kept_ordinal
    from scratch.incoming
    group by source, message_id
    having count(*) > 1
)
select f.source, f.message_id, f.kept_ordinal, i.line as kept_line, i.text as kept_text
from firsts as f
join scratch.incoming as i
    on i.source = f.source and i.message_id = f.message_id and i.ordinal = f.kept_ordinal;

create or replace table scratch.candidates as
with existing as (
    select m.source, m.message_id, m.text, m.load_id
    from main.messages as m
    semi join scratch.incoming as i on i.source = m.source and i.message_id = m.message_id
),
final as (
    select
        i.* exclude (text),
        case
            when r.message_id is not null and i.ordinal <> r.kept_ordinal and i.text = r.kept_text then 'duplicate'
            when r.message_id is not null and i.ordinal <> r.kept_ordinal then 'conflict'
            when e.message_id is not null and e.text = i.text then 'duplicate'
            when e.message_id is not null then 'conflict'
            else 'new'
        end as status,
        case
            when r.message_id is not null and i.ordinal <> r.kept_ordinal and i.text <> r.kept_text
                then 'duplicate message_id with different text (line ' || r.kept_line || ' kept)'
            when e.message_id is not null and e.text <> i.text
                then 'message_id already loaded with different text (load ' || e.load_id || ')'
        end as reason
    from scratch.incoming as i
    left join scratch.repeated as r
        on r.source = i.source and r.message_id = i.message_id
    left join existing as e
        on e.source = i.source and e.message_id = i.message_id
        and (r.message_id is null or i.ordinal = r.kept_ordinal)
)
select * from final;

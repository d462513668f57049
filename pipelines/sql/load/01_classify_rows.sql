-- Each staged row is new, a duplicate (same id and same text as a row already kept) or a
-- conflict (same id, different text: rejected with the reason, the first copy is kept).
create or replace table scratch.ranked as
select
    i.*,
    row_number()  over by_id as copy_no,
    first_value(i.text) over by_id as kept_text,
    first_value(i.line) over by_id as kept_line
from scratch.incoming as i
window by_id as (partition by i.source, i.message_id order by i.line
                 rows between unbounded preceding and current row);

create or replace table scratch.candidates as
with existing as (
    select m.source, m.message_id, m.text, m.load_id
    from main.messages as m
    semi join scratch.incoming as i on i.source = m.source and i.message_id = m.message_id
),
final as (
    select
        r.* exclude (copy_no, kept_text, kept_line),
        case
            when r.copy_no > 1 and r.text = r.kept_text then 'duplicate'
            when r.copy_no > 1 then 'conflict'
            when e.message_id is not null and e.text = r.text then 'duplicate'
            when e.message_id is not null then 'conflict'
            else 'new'
        end as status,
        case
            when r.copy_no > 1 and r.text <> r.kept_text
                then 'duplicate message_id with different text (line ' || r.kept_line || ' kept)'
            when r.copy_no = 1 and e.message_id is not null and e.text <> r.text
                then 'message_id already loaded with different text (load ' || e.load_id || ')'
        end as reason
    from scratch.ranked as r
    left join existing as e
        on r.copy_no = 1 and e.source = r.source and e.message_id = r.message_id
)
select * from final;

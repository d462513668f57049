-- Every row with its cleaned id, stripped text, author and time, and the first problem
-- that rejects it, in normalise_batch's order (null: the row is good). The one table
-- that holds every row's text: the steps after it keep only what they change.
-- Times SQL does not read are Python's (scratch.parsed_times): built first with none, this
-- table lists them (time_for_python), and is built again only when there are some.
create or replace temp table checked as
with fields as (
    select
        r.ordinal, r.line, r.source, r.conversation_id, r.in_reply_to, r.operator, r.channel, r.is_brand,
        r.lang, r.customer_id,
        -- reader_rows' fields come stripped (canonical_rows.sql, twcs_rows.sql): stripping
        -- them again here cost about 0.2 s per million rows
        r.message_id as id_text,
        r.text as body,
        ltrim(coalesce(nullif(r.author_handle, ''), r.author_id), '@') as author_raw,
        r.created_at as time_text
    from reader_rows as r
),
read as (
    select
        s.* exclude (id_text),
        care_clean_stripped_id(s.id_text) as mid,
        care_time_us(s.time_text) as sql_us
    from fields as s
),
timed as (
    select
        r.* exclude (sql_us, time_text),
        coalesce(r.sql_us, p.us) as us,
        case when r.time_text is null or r.time_text = '' then 'missing created_at'
             when r.sql_us is not null then null
             else p.error end as time_error,
        case when r.sql_us is null and r.time_text <> '' then r.time_text end as time_for_python
    from read as r
    left join scratch.parsed_times as p on p.value = r.time_text
)
select
    *,
    case
        when mid is null then 'missing message_id'
        when length(mid) > $max_id then 'message_id longer than ' || $max_id || ' characters'
        when body is null or body = '' then 'missing text'
        when length(body) > $max_text then 'text longer than ' || $max_text || ' characters'
        when time_error is not null then time_error
        when not (us between $min_us and $max_us) then 'created_at is outside 2006 .. today'
        when author_raw is null or author_raw = '' then 'missing author_id'
    end as problem
from timed

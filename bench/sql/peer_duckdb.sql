-- The non-ML part of the job in plain DuckDB, as an analyst would write it (bench/peers.py):
-- read the file, redact e-mails and phone numbers, pseudonymise customers with a salted
-- hash, first-response times per conversation, median and p90 per operator and ISO week.
-- $path: the demo CSV, $salt: any secret
create table messages as
select
    message_id,
    conversation_id,
    operator,
    is_brand,
    created_at,
    regexp_replace(
        regexp_replace(text, '[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}', '[EMAIL]', 'g'),
        '(?:(?:\+|00)?39[ .\-/]?)?\(?(?:3\d{2}|0\d{1,3})\)?(?:[ .\-/]?\d{2,8}){1,4}', '[TELEFONO]', 'g') as text,
    case when is_brand then author_id else sha256($salt || author_id) end as author_id
from read_csv($path, header = true);

create table first_responses as
with conversations as (
    select
        conversation_id,
        any_value(operator) as operator,
        min(created_at) filter (where not is_brand) as opened_at,
        min(created_at) filter (where is_brand) as replied_at
    from messages
    group by conversation_id
)
select
    operator,
    strftime(timezone('Europe/Rome', opened_at), '%G-W%V') as week,
    median(date_diff('second', opened_at, replied_at) / 60.0) as frt_median_min,
    quantile_cont(date_diff('second', opened_at, replied_at) / 60.0, 0.9) as frt_p90_min
from conversations
where opened_at is not null and replied_at > opened_at
group by all;

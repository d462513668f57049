-- The TWCS reader's rows (sources/twcs.py, twcs_row): tweet ids without a float's ".0",
-- inbound turned into is_brand, every message on twitter (the c_ names are the
-- file's columns). Every text field comes stripped, as from the canonical reader's view:
-- normalise/01_checked reads them as they are.
create or replace temp view reader_rows as
select
    ordinal,
    line,
    care_clean_id({c_tweet_id}) as message_id,
    null::varchar as source,
    null::varchar as conversation_id,
    {in_reply_to} as in_reply_to,
    null::varchar as operator,
    'twitter' as channel,
    nullif(care_strip({c_author_id}), '') as author_id,
    null::varchar as author_handle,
    not care_bool({c_inbound}) as is_brand,
    nullif(care_strip({c_created_at}), '') as created_at,
    care_strip({c_text}) as text,
    null::varchar as lang,
    null::varchar as customer_id
from raw_fields

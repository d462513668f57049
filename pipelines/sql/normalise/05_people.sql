-- Who wrote each good row and whose conversation it is, as normalise_batch decides:
-- the operator the row names and the one its author is, an operator's account kept
-- readable, a customer's key to be pseudonymised.
create or replace table scratch.people as
with resolved as (
    select
        c.ordinal,
        c.author_raw,
        c.is_brand as said_brand,
        coalesce(xi.op_id, xh.op_id) as explicit_operator,
        coalesce(ai.op_id, ah.op_id) as author_operator,
        coalesce(nullif(c.customer_id, ''), f.first_person) as customer_key
    from checked as c
    left join scratch.mention_facts as f on f.ordinal = c.ordinal
    -- (checked's operator comes stripped, by reader_rows)
    left join scratch.op_ids as xi on xi.op_id = ltrim(c.operator, '@')
    left join scratch.op_handles as xh on xh.handle = care_lower(ltrim(c.operator, '@'))
    left join scratch.op_ids as ai on ai.op_id = c.author_raw
    left join scratch.op_handles as ah on ah.handle = care_lower(c.author_raw)
    where c.problem is null
)
select
    *,
    coalesce(said_brand, author_operator is not null) as is_brand,
    case when coalesce(said_brand, author_operator is not null) then customer_key else author_raw end as person_key
from resolved

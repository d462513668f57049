-- Every @mention of every good row, in order: found here for the 'mentions' texts (the
-- handle as privacy._MENTION takes it), from Python for the others (lower case). Each
-- is an operator's (the operator's id, as Operators.resolve finds it) or a person's.
create or replace table scratch.mentions as
with bodies as (
    select r.ordinal, r.route, c.body
    from scratch.routed as r
    join checked as c on c.ordinal = r.ordinal
),
listed as (
    select ordinal, regexp_extract_all(body, '(?:^|\s)@({handle})', 1) as handles
    from bodies
    where route = 'mentions'
    union all
    select b.ordinal, p.mentions
    from bodies as b
    join scratch.py_redacted as p on p.body = b.body
    where b.route = 'python'
),
each as (
    select ordinal, unnest(handles) as handle, generate_subscripts(handles, 1) as i
    from listed
)
select
    e.ordinal,
    e.i,
    e.handle,
    h.op_id is not null as is_brand_handle,
    coalesce(o.op_id, h.op_id) as op_id
from each as e
left join scratch.op_handles as h on h.handle = care_lower(e.handle)
left join scratch.op_ids as o on o.op_id = care_lower(e.handle);

-- per row: the operators it mentions, the first person it mentions (whose the
-- conversation is, for an operator's reply), and what each mention becomes
create or replace table scratch.mention_facts as
select
    ordinal,
    list(op_id order by i) filter (where op_id is not null) as mention_ops,
    arg_min(care_lower(handle), i) filter (where op_id is null) as first_person,
    bool_or(not is_brand_handle) as names_a_person,
    list(case when is_brand_handle then handle else care_pseudonym(handle) end order by i) as replacements
from scratch.mentions
group by ordinal

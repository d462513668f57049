-- The good rows, normalised, into the load's staging table (rows.STAGED_SCHEMA), those
-- with $after < ordinal <= $until: a big load runs this once per range of rows, so that
-- each join on ordinal holds one range in memory (10 M rows at once spilled to disk).
insert into scratch.incoming by name
select
    c.mid as message_id,
    coalesce(nullif(c.source, ''), $source) as source,
    -- checked's fields come stripped (reader_rows)
    care_clean_stripped_id(c.conversation_id) as conversation_src,
    care_clean_stripped_id(c.in_reply_to) as in_reply_to,
    case when p.is_brand then coalesce(p.explicit_operator, p.author_operator, $default_operator, p.author_raw)
         else coalesce(p.explicit_operator, $default_operator) end as operator_hint,
    care_lower(coalesce(nullif(c.channel, ''), $default_channel)) as channel,
    case when p.is_brand then p.author_raw else k.pseudonym end as author_id,
    p.is_brand,
    make_timestamp(c.us)::timestamptz as created_at,
    coalesce(r.text, c.body) as text,
    coalesce(care_lang_code(c.lang),
             case when coalesce(d.it, 0) = 0 and coalesce(d.en, 0) = 0 then 'other'
                  when d.it >= d.en then 'it' else 'en' end) as lang,
    k.pseudonym as customer_id,
    coalesce(f.mention_ops, []) as mention_operators,
    c.line,
    c.ordinal
from checked as c
join scratch.people as p on p.ordinal = c.ordinal and p.ordinal > $after and p.ordinal <= $until
left join scratch.redacted as r on r.ordinal = c.ordinal and r.ordinal > $after and r.ordinal <= $until
left join scratch.mention_facts as f on f.ordinal = c.ordinal and f.ordinal > $after and f.ordinal <= $until
left join scratch.pseudonyms as k on k.person_key = p.person_key
left join scratch.detected as d on d.ordinal = c.ordinal and d.ordinal > $after and d.ordinal <= $until
where c.ordinal > $after and c.ordinal <= $until

-- language.detect for rows whose source gave no usable tag: Italian and English
-- function words counted in the stored text (lower-cased as Python does: İ becomes i
-- and a combining dot).
create or replace table scratch.detected as
with words as (
    select c.ordinal, unnest(regexp_extract_all(lower(replace(coalesce(r.text, c.body), 'İ', 'i' || chr(775))),
                                                '[a-zàèéìòóù'']+')) as word
    from checked as c
    left join scratch.redacted as r on r.ordinal = c.ordinal
    where c.problem is null and care_lang_code(c.lang) is null
)
select
    w.ordinal,
    count(*) filter (where l.lang = 'it') as it,
    count(*) filter (where l.lang = 'en') as en
from words as w
join scratch.lang_words as l on l.word = w.word
group by w.ordinal

-- The texts redaction changes: people's @handles as pseudonyms (the text cut at its
-- mentions and put back together), or Python's redaction. Every other text is stored
-- as checked has it.
create or replace table scratch.redacted as
with cut as (
    select
        r.ordinal,
        regexp_split_to_array(c.body, '(?:^|\s)@{handle}') as pieces,
        regexp_extract_all(c.body, '(^|\s)@{handle}', 1) as spaces,
        f.replacements
    from scratch.routed as r
    join checked as c on c.ordinal = r.ordinal
    join scratch.mention_facts as f on f.ordinal = r.ordinal
    where r.route = 'mentions' and f.names_a_person
)
select
    ordinal,
    pieces[1] || array_to_string(list_transform(range(1, len(replacements) + 1), lambda i:
        spaces[i] || '@' || replacements[i] || pieces[i + 1]), '') as text
from cut
union all
select r.ordinal, p.text
from scratch.routed as r
join checked as c on c.ordinal = r.ordinal
join scratch.py_redacted as p on p.body = c.body
where r.route = 'python'

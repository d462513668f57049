-- Where each good row's text is redacted. privacy.redact changes a text only through an
-- @mention, an e-mail address, or (in a text with two digits in a row) a run of digits or
-- a codice fiscale's letters long enough to be a phone, card, IBAN, VAT or tax number.
-- SQL does texts with none of these ('plain'), and texts whose only such thing is
-- @mentions that start the text or follow a space ('mentions'); the supersets below send
-- every other text to Python ('python'),
-- as do texts holding one of the four letters that Python's case-blind handle pattern
-- reads as ASCII ones (İ ı ſ K).
create or replace table scratch.routed as
select ordinal, route
from (
    select
        ordinal,
        case
            when not regexp_matches(body, '[\p{Nd}@]') then 'plain'
            when regexp_matches(body, '\p{Nd}(?:[ .\-/()]{0,2}\p{Nd}){4,}')
                -- a codice fiscale's shape (omocodia lets letters stand for its digits, so
                -- long words have it too) counts only beside two digits in a row: without
                -- them privacy.redact looks for no number at all (a third of the 1 M demo's
                -- Python texts were words of that shape)
                or (regexp_matches(body, '\p{Nd}\p{Nd}')
                    and regexp_matches(body, '(?i)[a-z](?: ?[a-z]){5}(?: ?[0-9lmnpqrstuv]){2} ?[abcdehlmprst](?: ?[0-9lmnpqrstuv]){2} ?[a-z](?: ?[0-9lmnpqrstuv]){3} ?[a-z]'))
                or regexp_matches(body, '[^\t\n\f\r ]@')
                or regexp_matches(body, '[İıſK]')
                then 'python'
            when contains(body, '@') then 'mentions'
            else 'plain'
        end as route
    from checked
    where problem is null
)
where route <> 'plain'

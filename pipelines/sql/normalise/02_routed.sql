-- Where each good row's text is redacted. privacy.redact changes a text only through an
-- @mention, an e-mail address, or (in a text with two digits in a row) a run of digits or
-- a codice fiscale's letters long enough to be a phone, card, IBAN, VAT or tax number.
-- SQL does texts with none of these ('plain'), and texts whose only such thing is
-- @mentions that start the text or follow a space ('mentions'); the supersets below send
-- every other text to Python ('python'),
-- as do texts holding one of the four letters that Python's case-blind handle pattern
-- reads as ASCII ones (İ ı ſ and the Kelvin sign U+212A; until 8 December an ASCII K
-- stood for the last, and sent every text with a capital K and a digit to Python).
create or replace table scratch.routed as
select ordinal, route
from (
    select
        ordinal,
        case
            when not regexp_matches(body, '[\p{Nd}@]') then 'plain'
            -- a run of digits, an @ glued to something, or one of the four letters, in one
            -- pass over the text (three patterns took 0.72-0.80 s per million texts, one
            -- 0.44-0.61 s)
            when regexp_matches(body, '\p{Nd}(?:[ .\-/()]{0,2}\p{Nd}){4,}|[^\t\n\f\r ]@|[İıſK]')
                -- a codice fiscale's shape (omocodia lets letters stand for its digits, so
                -- long words have it too) counts only beside two digits in a row: without
                -- them privacy.redact looks for no number at all (a third of the 1 M demo's
                -- Python texts were words of that shape)
                or (regexp_matches(body, '\p{Nd}\p{Nd}')
                    and regexp_matches(body, '(?i)[a-z](?: ?[a-z]){5}(?: ?[0-9lmnpqrstuv]){2} ?[abcdehlmprst](?: ?[0-9lmnpqrstuv]){2} ?[a-z](?: ?[0-9lmnpqrstuv]){3} ?[a-z]'))
                then 'python'
            when contains(body, '@') then 'mentions'
            else 'plain'
        end as route
    from checked
    where problem is null
)
where route <> 'plain'

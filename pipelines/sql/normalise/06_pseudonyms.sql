-- Each person's pseudonym, once per key rather than once per row (the keyed hash is the
-- costliest expression of the load): SQL's HMAC for ASCII keys, Python's for the others.
create or replace table scratch.pseudonyms as
select p.person_key, coalesce(k.pseudonym, care_pseudonym(p.person_key)) as pseudonym
from (select distinct person_key from scratch.people where person_key is not null) as p
left join scratch.py_pseudonyms as k on k.person_key = p.person_key

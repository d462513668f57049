-- people's keys that are not ASCII once normalised: Python's lower() decides those
select distinct person_key from scratch.people
where person_key is not null and not regexp_full_match(care_key(person_key), '[\x00-\x7f]*')

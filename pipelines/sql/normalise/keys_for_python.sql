-- people's keys that are not ASCII: Python's lower() decides those (DuckDB's lower-cases
-- some letters otherwise: İ becomes i, where Python gives i and a combining dot)
select distinct person_key from scratch.people
where person_key is not null and not regexp_full_match(person_key, '[\x00-\x7f]*')

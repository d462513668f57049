-- the rejected rows with their raw fields, for the rejects table's redacted copy
select c.ordinal, c.line, c.problem, columns('^c[0-9]+$')
from checked as c
join raw_fields as f using (ordinal)
where c.problem is not null
order by c.ordinal

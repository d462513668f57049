-- rejected rows by reason (what viewers see: counts and reasons, never the rows)
select reason, count(*) as rows, any_value(source_file) as example_file, min(source_line) as first_line
from rejects
group by reason
order by rows desc
limit 50

-- the main category of one operator's day
select category, count(*)
from conversation_facts
where operator = $operator and opened_local_date = $day
group by 1
order by 2 desc, 1
limit 1

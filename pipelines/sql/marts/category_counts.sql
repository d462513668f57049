-- conversations per operator and category (the opening post's), for the period set
select operator, category, count(*) as conversations
from period_facts
group by all
order by operator, category

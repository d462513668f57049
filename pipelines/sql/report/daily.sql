-- conversations per operator and day of the week
select operator, local_date, count_conversations
from operator_days
where local_date between $first and $last
order by 1, 2

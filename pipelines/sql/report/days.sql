-- each operator's days from $from to $last: volume and negative openings
select operator, local_date, count_conversations, count_negative
from operator_days
where local_date between $from and $last
order by operator, local_date

-- the week's outage days (operator_days' rule), with the operator's usual day
select operator, local_date, count_conversations, median_volume, mad_volume
from operator_days
where is_outage and local_date between $first and $last

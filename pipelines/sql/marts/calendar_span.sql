-- the days the care calendar must cover (the data, plus a week for late replies), and
-- the operators it covers
select
    min(created_at)::date - 1 as first_day,
    max(created_at)::date + 8 as last_day,
    list(distinct operator order by operator) filter (where operator is not null) as operators
from main.messages

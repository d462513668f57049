-- the first-response distribution per operator, for the box plot (the chosen clock's frt)
select
    operator,
    count(frt) as n,
    quantile_cont(frt, 0.05) as p05,
    quantile_cont(frt, 0.25) as q1,
    quantile_cont(frt, 0.5) as median,
    quantile_cont(frt, 0.75) as q3,
    quantile_cont(frt, 0.9) as p90,
    quantile_cont(frt, 0.95) as p95
from period_facts
where frt is not null
group by operator
order by operator

-- the customer texts labelled a threat or a switch, per operator: where to look for a competitor
select c.n, d.text, c.operator
from (
    select distinct t.n, t.operator
    from scratch.message_texts as t
    join scratch.text_labels as l using (n)
    where not t.is_brand and l.churn in ('threat', 'switched')
) as c
join scratch.distinct_texts as d using (n)

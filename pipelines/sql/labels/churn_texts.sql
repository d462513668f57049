-- the customer texts labelled a threat or a switch, per operator: where to look for a competitor
select distinct t.text, t.operator
from scratch.to_classify as t
join scratch.distinct_texts as d using (is_brand, text)
join scratch.text_labels as l using (n)
where not t.is_brand and l.churn in ('threat', 'switched')

-- the texts Python redacts, each once
select distinct c.body
from scratch.routed as r
join checked as c on c.ordinal = r.ordinal
where r.route = 'python'

-- the physical lines the rows span (the header's excluded)
select coalesce(sum(breaks), 0) + count(*)
from raw_lines

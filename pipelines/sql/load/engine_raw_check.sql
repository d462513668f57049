-- rows read, the physical lines they span (the header's excluded), and whether a field
-- is longer than the Python reader accepts
select count(*), coalesce(sum(breaks), 0) + count(*), coalesce(bool_or(too_long), false)
from raw_lines

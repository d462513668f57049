-- created_at values SQL did not read (other layouts, impossible dates): Python's
-- parse_timestamp decides them, each distinct value once
select distinct time_for_python
from checked
where time_for_python is not null

-- the latest loads, newest first
select source_file, file_format, finished_at, count_read, count_loaded, count_duplicate, count_rejected,
       count_unresolved_operator
from loads
order by finished_at desc
limit 50

-- rows read, and whether a field is longer than the Python reader accepts ({too_long} is
-- written by engine_csv.read_raw)
select count(*), coalesce(bool_or({too_long}), false)
from raw_read

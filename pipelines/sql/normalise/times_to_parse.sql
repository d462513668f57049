-- created_at values SQL does not read (other layouts, impossible dates): Python's
-- parse_timestamp decides them, each distinct value once
select distinct care_strip(created_at) as value
from reader_rows
where care_strip(created_at) <> '' and care_time_us(care_strip(created_at)) is null

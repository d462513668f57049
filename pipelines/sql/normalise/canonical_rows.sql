-- The canonical reader's rows (sources/canonical.py, CanonicalReader._row): every mapped
-- field stripped, blank as null, is_brand as a boolean. {fields} is written by
-- normalise.in_engine from the file's column mapping.
create or replace temp view reader_rows as
select ordinal, line, {fields}
from raw_fields

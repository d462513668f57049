-- CanonicalReader.brand_accounts: authors flagged is_brand whose operator no row names
select distinct ltrim(coalesce(author_handle, author_id), '@')
from reader_rows
where is_brand and operator is null and coalesce(author_handle, author_id) is not null

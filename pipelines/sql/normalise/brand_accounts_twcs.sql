-- TwcsReader.brand_accounts: the authors of the lines whose inbound is false
select distinct author_id from reader_rows where is_brand and author_id is not null

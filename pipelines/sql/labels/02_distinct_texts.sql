-- each distinct text once (operators repeat their boilerplate), numbered for batching
create or replace table scratch.distinct_texts as
select row_number() over () as n, is_brand, text_key, text
from (select distinct is_brand, text_key, text from scratch.to_classify);

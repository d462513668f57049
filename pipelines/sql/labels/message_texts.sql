-- each message with its text's number, joined on the text's key (01_to_classify.sql):
-- the labels and the competitors then join on numbers too.
-- Run once the labelling workers are gone, so their memory and this join's never add up.
create or replace table scratch.message_texts as
select t.source, t.message_id, t.is_brand, t.operator, d.n
from scratch.to_classify as t
join scratch.distinct_texts as d using (is_brand, text_key);

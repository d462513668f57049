-- each message with its text's number: the one join on the texts themselves (the labels
-- and the competitors then join on numbers, which at 10 M messages is seconds, not tens).
-- Run once the labelling workers are gone, so their memory and this join's never add up.
create or replace table scratch.message_texts as
select t.source, t.message_id, t.is_brand, t.operator, d.n
from scratch.to_classify as t
join scratch.distinct_texts as d using (is_brand, text);

-- what the dashboard lists, draws and opens without reading every message, for one pass's
-- conversations: the opening post, the rows of the messages and of their labels, and the
-- hours of the week they were written. Apart from the sums, whose window would carry the
-- lists through its sort.
create or replace temp table conversation_reads_part as
select
    conversation_id,
    $pass::integer as pass,
    min(opening_post) as first_post,   -- two posts in the same microsecond: the same one on every load
    list(message_row) as message_rows,
    list(label_row) filter (where label_row is not null) as label_rows,
    list_sort(list(hour_of_week) filter (where not is_brand)) as customer_hours,
    list_sort(list(hour_of_week) filter (where is_brand)) as operator_hours
from conversation_events
group by conversation_id;

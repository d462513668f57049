-- the filtered conversations, every metric column (not the rows and hours the dashboard reads)
select * exclude (frt, first_post, message_rows, label_rows, customer_hours, operator_hours) from period_facts order by opened_at

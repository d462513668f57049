-- the filtered conversations, every metric column
select * exclude (frt) from period_facts order by opened_at

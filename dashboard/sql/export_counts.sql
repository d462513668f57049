-- the rows each export would hold, shown before the download
select
    (select count(*) from period_facts) as conversations,
    (select count(*) from messages as m semi join period_facts as p using (conversation_id)) as messages,
    (select count(*) from (select distinct operator, opened_week from period_facts)) as weekly

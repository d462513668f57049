-- the rows each export would hold, shown before the download (a conversation's messages
-- are its customer messages and its operator replies)
select
    (select count(*) from period_facts) as conversations,
    (select coalesce(sum(count_customer_messages + count_operator_replies), 0) from period_facts) as messages,
    (select count(*) from (select distinct operator, opened_week from period_facts)) as weekly

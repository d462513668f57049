-- what the filters can choose from: the period, the operators with conversations (their
-- names and colours), the channels
select
    (select min(opened_local_date) from conversation_facts) as first_day,
    (select max(opened_local_date) from conversation_facts) as last_day,
    (select list({'id': o.operator_id, 'name': o.name, 'color': o.color}
                 order by o.is_configured desc, o.operator_id)
     from operators as o
     where o.operator_id in (select distinct operator from conversation_facts)) as operators,
    (select list(distinct channel order by channel) from conversation_facts) as channels

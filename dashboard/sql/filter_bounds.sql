-- what the filters can choose from: the period, the operators with conversations, the
-- channels; and every operator's name and colour (a competitor named in a churn flow,
-- ho. or Kena, has no conversations of its own but is shown by its name)
select
    (select min(opened_local_date) from conversation_facts) as first_day,
    (select max(opened_local_date) from conversation_facts) as last_day,
    (select list(o.operator_id order by o.is_configured desc, o.operator_id)
     from operators as o
     where o.operator_id in (select distinct operator from conversation_facts)) as operators,
    (select list({'id': o.operator_id, 'name': o.name, 'color': o.color}) from operators as o) as every_operator,
    (select list(distinct channel order by channel) from conversation_facts) as channels

-- fails with a catalog error when the warehouse was published without its metric marts
select 1 from conversation_facts limit 0

-- the operators table rewritten: the config's entries and every brand account seen
-- (registered as operator_rows)
delete from main.operators;
insert into main.operators
select operator_id, name, color, is_configured, is_scored, handles from operator_rows;

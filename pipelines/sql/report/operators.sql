-- every operator's name and colour
select operator_id, name, color from operators

-- how many rows the last round of pointer jumping moved (0: every chain end is found)
select count(*)
from scratch.pointers as a
join scratch.pointers_next as b using (ordinal)
where a.ptr <> b.ptr

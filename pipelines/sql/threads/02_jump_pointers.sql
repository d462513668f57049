-- One round of pointer jumping: every row now points to its pointer's pointer. Repeated
-- until nothing moves, it finds each row's chain end in log2(depth) rounds.
create or replace table scratch.pointers_next as
select a.ordinal, coalesce(b.ptr, a.ptr) as ptr
from scratch.pointers as a
left join scratch.pointers as b on b.ordinal = a.ptr;

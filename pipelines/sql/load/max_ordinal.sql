-- the highest ordinal placed: the merge's passes cover 1 .. this
select coalesce(max(ordinal), 0) from scratch.placed

-- the latest exports, newest first (SQLite)
select * from exports order by exported_at desc limit ?

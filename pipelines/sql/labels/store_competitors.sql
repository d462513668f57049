-- the competitors found (registered as found)
create or replace table scratch.competitors as select * from found

-- an empty care calendar, for a warehouse with no messages
create or replace table main.care_calendar (operator varchar, local_date date, open_at timestamptz, close_at timestamptz)

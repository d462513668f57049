-- each operator's opening hours per local day (registered as openings, computed in
-- pipelines/marts/care_calendar.py from the operators config and the holiday calendar)
create or replace table main.care_calendar as select * from openings

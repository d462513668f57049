-- the conversations that the chosen definitions keep, with the chosen clock's first
-- response time as `frt`. The choices are variables (set by metrics.py, defaults there):
--   questions_only   count only conversations opened by a question (the public benchmark's way)
--   business_hours   first response time on each operator's business clock instead of the calendar
--   exclude_outages  leave out the operator's outage days
--   exclude_partial  leave out partial conversations (their root is outside the data)
--   sla_minutes      the first-response target for the SLA hit rate (used by operator_metrics)
--   date_from / date_to / operators   the period (local opening dates, inclusive) and operators
--   channels / categories / sentiments   the dashboard's filters (null: all)
create or replace temp view period_facts as
select
    f.*,
    case when getvariable('business_hours') then f.frt_business_minutes else f.frt_minutes end as frt
from {facts} as f
left join {days} as d
    on d.operator = f.operator and d.local_date = f.opened_local_date
where (not getvariable('questions_only') or f.is_question)
  and (not getvariable('exclude_outages') or not coalesce(d.is_outage, false))
  and (not getvariable('exclude_partial') or not f.is_partial)
  and f.opened_local_date between getvariable('date_from') and getvariable('date_to')
  and (getvariable('operators') is null or list_contains(getvariable('operators'), f.operator))
  and (getvariable('channels') is null or list_contains(getvariable('channels'), f.channel))
  and (getvariable('categories') is null or list_contains(getvariable('categories'), f.category))
  and (getvariable('sentiments') is null or list_contains(getvariable('sentiments'), f.first_sentiment))

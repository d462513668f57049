-- marts/operator_metrics.sql in Spark SQL: the same definitions over the Parquet export
-- of conversation_facts and operator_days. Differences are the dialect's only:
-- percentile() for quantile_cont(), named parameters (:sla_minutes...) for DuckDB's session
-- variables, bound by pipelines/outputs/spark.py.
with facts as (
    select
        f.*,
        case when :business_hours then f.frt_business_minutes else f.frt_minutes end as frt
    from conversation_facts as f
    left join operator_days as d
        on d.operator = f.operator and d.local_date = f.opened_local_date
    where (not :questions_only or f.is_question)
      and (not :exclude_outages or not coalesce(d.is_outage, false))
      and (not :exclude_partial or not f.is_partial)
      and f.opened_local_date between :date_from and :date_to
)
select
    operator,
    count(*) as conversations,
    count(*) filter (where is_answered) as answered,
    count(*) filter (where is_answered) / count(*) as response_rate,
    percentile(frt, 0.5) as frt_median_min,
    percentile(frt, 0.9) as frt_p90_min,
    count(*) filter (where frt <= :sla_minutes)
        / nullif(count(*) filter (where frt is not null or not is_answered), 0) as sla_hit_rate,
    count(*) filter (where is_escalated) as escalated,
    count(*) filter (where escalation_outcome = 'success') as escalation_success,
    count(*) filter (where escalation_outcome = 'failure') as escalation_failure,
    count(*) filter (where escalation_outcome = 'success')
        / nullif(count(*) filter (where is_escalated), 0) as escalation_success_rate,
    count(*) filter (where is_deflected) as deflected,
    count(*) filter (where is_repeated_data_request) as repeated_data_request,
    count(*) filter (where churn_kind is not null) as churn_signals,
    (sum(count_positive) - sum(count_negative)) / nullif(sum(count_customer_messages), 0) as net_sentiment,
    count(*) filter (where is_sentiment_recovered)
        / nullif(count(*) filter (where first_sentiment = 'negative'), 0) as sentiment_recovery_rate
from facts
group by operator
order by operator

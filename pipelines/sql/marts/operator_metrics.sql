-- care metrics per {group_cols}, over period_facts (the conversations the chosen definitions
-- keep): every rate with its numerator and denominator beside it.
with facts as (
    select * from period_facts
),
categories as (
    select {group_cols}, category, count(*) as n
    from facts
    group by all
),
top_categories as (
    select {group_cols}, list(category order by n desc, category)[1:3] as top_categories
    from categories
    group by all
),
metrics as (
    select
        {group_cols},
        count(*) as conversations,
        count(*) filter (where is_answered) as answered,
        count(*) filter (where is_answered) / count(*) as response_rate,
        quantile_cont(frt, 0.5) as frt_median_min,
        quantile_cont(frt, 0.9) as frt_p90_min,
        -- both clocks, whatever the choice: the dashboard shows them side by side
        quantile_cont(frt_minutes, 0.5) as frt_calendar_median_min,
        quantile_cont(frt_minutes, 0.9) as frt_calendar_p90_min,
        quantile_cont(frt_business_minutes, 0.5) as frt_business_median_min,
        quantile_cont(frt_business_minutes, 0.9) as frt_business_p90_min,
        -- unanswered conversations count as misses; answered ones with no known first
        -- response time (partial threads the operator's reply opens) count neither way
        count(*) filter (where frt <= getvariable('sla_minutes')) as sla_hits,
        count(*) filter (where frt is not null or not is_answered) as sla_conversations,
        count(*) filter (where frt <= getvariable('sla_minutes'))
            / nullif(count(*) filter (where frt is not null or not is_answered), 0) as sla_hit_rate,
        count(*) filter (where is_partial) as partial_conversations,
        count(*) filter (where is_escalated) as escalated,
        count(*) filter (where is_escalated) / nullif(count(*) filter (where is_answered), 0) as escalation_rate,
        count(*) filter (where escalation_outcome = 'success') as escalation_success,
        count(*) filter (where escalation_outcome = 'failure') as escalation_failure,
        count(*) filter (where escalation_outcome = 'unknown') as escalation_unknown,
        -- unknown stays in the denominator: never folded into success
        count(*) filter (where escalation_outcome = 'success')
            / nullif(count(*) filter (where is_escalated), 0) as escalation_success_rate,
        count(*) filter (where is_resolved) as resolved,
        quantile_cont(resolution_minutes, 0.5) as resolution_median_min,
        count(*) filter (where is_deflected) as deflected,
        count(*) filter (where is_deflected) / nullif(count(*) filter (where is_answered), 0) as deflection_rate,
        count(*) filter (where is_repeated_data_request) as repeated_data_request,
        count(*) filter (where is_repeated_data_request)
            / nullif(count(*) filter (where is_answered), 0) as repeated_data_request_rate,
        count(*) filter (where churn_kind is not null) as churn_signals,
        count(*) filter (where churn_kind is not null) / count(*) as churn_signal_rate,
        count(*) filter (where churn_kind = 'threat') as churn_threats,
        count(*) filter (where churn_kind = 'switched') as churn_switches,
        count(*) filter (where churn_kind = 'cancel') as churn_cancels,
        sum(count_customer_messages)::bigint as customer_messages,
        sum(count_positive)::bigint as positive_messages,
        sum(count_negative)::bigint as negative_messages,
        (sum(count_positive) - sum(count_negative))::double / nullif(sum(count_customer_messages), 0) as net_sentiment,
        count(*) filter (where first_sentiment = 'negative') as started_negative,
        count(*) filter (where is_sentiment_recovered) as sentiment_recovered,
        count(*) filter (where is_sentiment_recovered)
            / nullif(count(*) filter (where first_sentiment = 'negative'), 0) as sentiment_recovery_rate,
        count(*) filter (where is_recontact) as recontacts,
        count(*) filter (where is_recontact) / count(*) as recontact_rate,
        count(*) filter (where is_one_touch_resolution) as one_touch_resolutions,
        count(*) filter (where is_one_touch_resolution)
            / nullif(count(*) filter (where is_resolved), 0) as one_touch_resolution_rate
    from facts
    group by all
),
final as (
    select m.*, t.top_categories
    from metrics as m
    join top_categories as t using ({group_cols})
)
select * from final

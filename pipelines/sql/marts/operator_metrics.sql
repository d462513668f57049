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
        count_if(is_answered) as answered,
        count_if(is_answered) / count(*) as response_rate,
        -- filled in `final` from one sort per clock (frt is the chosen clock's); both
        -- clocks, whatever the choice: the dashboard shows them side by side
        null::double as frt_median_min,
        null::double as frt_p90_min,
        null::double as frt_calendar_median_min,
        null::double as frt_calendar_p90_min,
        null::double as frt_business_median_min,
        null::double as frt_business_p90_min,
        -- unanswered conversations count as misses; answered ones with no known first
        -- response time (partial threads the operator's reply opens) count neither way
        count_if(frt <= getvariable('sla_minutes')) as sla_hits,
        count_if(frt is not null or not is_answered) as sla_conversations,
        count_if(frt <= getvariable('sla_minutes'))
            / nullif(count_if(frt is not null or not is_answered), 0) as sla_hit_rate,
        count_if(is_partial) as partial_conversations,
        count_if(is_escalated) as escalated,
        count_if(is_escalated) / nullif(count_if(is_answered), 0) as escalation_rate,
        count_if(escalation_outcome = 'success') as escalation_success,
        count_if(escalation_outcome = 'failure') as escalation_failure,
        count_if(escalation_outcome = 'unknown') as escalation_unknown,
        -- unknown stays in the denominator: never folded into success
        count_if(escalation_outcome = 'success')
            / nullif(count_if(is_escalated), 0) as escalation_success_rate,
        count_if(is_resolved) as resolved,
        quantile_cont(resolution_minutes, 0.5) as resolution_median_min,
        count_if(is_deflected) as deflected,
        count_if(is_deflected) / nullif(count_if(is_answered), 0) as deflection_rate,
        count_if(is_repeated_data_request) as repeated_data_request,
        count_if(is_repeated_data_request)
            / nullif(count_if(is_answered), 0) as repeated_data_request_rate,
        count_if(churn_kind is not null) as churn_signals,
        count_if(churn_kind is not null) / count(*) as churn_signal_rate,
        count_if(churn_kind = 'threat') as churn_threats,
        count_if(churn_kind = 'switched') as churn_switches,
        count_if(churn_kind = 'cancel') as churn_cancels,
        sum(count_customer_messages)::bigint as customer_messages,
        sum(count_positive)::bigint as positive_messages,
        sum(count_negative)::bigint as negative_messages,
        (sum(count_positive) - sum(count_negative))::double / nullif(sum(count_customer_messages), 0) as net_sentiment,
        count_if(first_sentiment = 'negative') as started_negative,
        count_if(is_sentiment_recovered) as sentiment_recovered,
        count_if(is_sentiment_recovered)
            / nullif(count_if(first_sentiment = 'negative'), 0) as sentiment_recovery_rate,
        count_if(is_recontact) as recontacts,
        count_if(is_recontact) / count(*) as recontact_rate,
        count_if(is_one_touch_resolution) as one_touch_resolutions,
        count_if(is_one_touch_resolution)
            / nullif(count_if(is_resolved), 0) as one_touch_resolution_rate,
        quantile_cont(frt_minutes, [0.5, 0.9]) as calendar_quantiles,
        quantile_cont(frt_business_minutes, [0.5, 0.9]) as business_quantiles
    from facts
    group by all
),
final as (
    select
        m.* exclude (calendar_quantiles, business_quantiles) replace (
            case when getvariable('business_hours') then m.business_quantiles[1] else m.calendar_quantiles[1] end
                as frt_median_min,
            case when getvariable('business_hours') then m.business_quantiles[2] else m.calendar_quantiles[2] end
                as frt_p90_min,
            m.calendar_quantiles[1] as frt_calendar_median_min,
            m.calendar_quantiles[2] as frt_calendar_p90_min,
            m.business_quantiles[1] as frt_business_median_min,
            m.business_quantiles[2] as frt_business_p90_min
        ),
        t.top_categories
    from metrics as m
    join top_categories as t using ({group_cols})
)
select * from final

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
    -- count_if counts about twice as fast as count(*) filter; it gives null, not 0, when
    -- every value it sees is null (a group of unanswered conversations), hence coalesce
    select
        {group_cols},
        count(*) as conversations,
        coalesce(count_if(is_answered), 0) as answered,
        coalesce(count_if(is_answered), 0) / count(*) as response_rate,
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
        coalesce(count_if(frt <= getvariable('sla_minutes')), 0) as sla_hits,
        coalesce(count_if(frt is not null or not is_answered), 0) as sla_conversations,
        coalesce(count_if(frt <= getvariable('sla_minutes')), 0)
            / nullif(coalesce(count_if(frt is not null or not is_answered), 0), 0) as sla_hit_rate,
        coalesce(count_if(is_partial), 0) as partial_conversations,
        coalesce(count_if(is_escalated), 0) as escalated,
        coalesce(count_if(is_escalated), 0) / nullif(coalesce(count_if(is_answered), 0), 0) as escalation_rate,
        coalesce(count_if(escalation_outcome = 'success'), 0) as escalation_success,
        coalesce(count_if(escalation_outcome = 'failure'), 0) as escalation_failure,
        coalesce(count_if(escalation_outcome = 'unknown'), 0) as escalation_unknown,
        -- unknown stays in the denominator: never folded into success
        coalesce(count_if(escalation_outcome = 'success'), 0)
            / nullif(coalesce(count_if(is_escalated), 0), 0) as escalation_success_rate,
        coalesce(count_if(is_resolved), 0) as resolved,
        quantile_cont(resolution_minutes, 0.5) as resolution_median_min,
        coalesce(count_if(is_deflected), 0) as deflected,
        coalesce(count_if(is_deflected), 0) / nullif(coalesce(count_if(is_answered), 0), 0) as deflection_rate,
        coalesce(count_if(is_repeated_data_request), 0) as repeated_data_request,
        coalesce(count_if(is_repeated_data_request), 0)
            / nullif(coalesce(count_if(is_answered), 0), 0) as repeated_data_request_rate,
        coalesce(count_if(churn_kind is not null), 0) as churn_signals,
        coalesce(count_if(churn_kind is not null), 0) / count(*) as churn_signal_rate,
        coalesce(count_if(churn_kind = 'threat'), 0) as churn_threats,
        coalesce(count_if(churn_kind = 'switched'), 0) as churn_switches,
        coalesce(count_if(churn_kind = 'cancel'), 0) as churn_cancels,
        sum(count_customer_messages)::bigint as customer_messages,
        sum(count_positive)::bigint as positive_messages,
        sum(count_negative)::bigint as negative_messages,
        (sum(count_positive) - sum(count_negative))::double / nullif(sum(count_customer_messages), 0) as net_sentiment,
        coalesce(count_if(first_sentiment = 'negative'), 0) as started_negative,
        coalesce(count_if(is_sentiment_recovered), 0) as sentiment_recovered,
        coalesce(count_if(is_sentiment_recovered), 0)
            / nullif(coalesce(count_if(first_sentiment = 'negative'), 0), 0) as sentiment_recovery_rate,
        coalesce(count_if(is_recontact), 0) as recontacts,
        coalesce(count_if(is_recontact), 0) / count(*) as recontact_rate,
        coalesce(count_if(is_one_touch_resolution), 0) as one_touch_resolutions,
        coalesce(count_if(is_one_touch_resolution), 0)
            / nullif(coalesce(count_if(is_resolved), 0), 0) as one_touch_resolution_rate,
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

-- one row per operator and local day: volume, negative share, and whether the day is an
-- outage. Robust: a day is an outage when its volume is more than five robust standard
-- deviations (1.4826 x MAD) above the operator's median day and at least twice it.
create or replace table {target}.operator_days as
with days as (
    select operator, opened_local_date as local_date,
           count(*) as count_conversations,
           count(*) filter (where first_sentiment = 'negative') as count_negative
    from {target}.conversation_facts
    group by all
),
centre as (
    select operator, median(count_conversations) as median_volume from days group by operator
),
spread as (
    select d.operator, median(abs(d.count_conversations - c.median_volume)) as mad_volume
    from days as d join centre as c using (operator)
    group by d.operator
),
final as (
    select
        d.*,
        c.median_volume,
        s.mad_volume,
        d.count_conversations >= 2 * c.median_volume
            and d.count_conversations > c.median_volume + 5 * 1.4826 * greatest(s.mad_volume, 1)
            as is_outage
    from days as d
    join centre as c using (operator)
    join spread as s using (operator)
)
select * from final;

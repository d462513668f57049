-- the second pass: each message's labels read again inside its conversation. The
-- classifier sees one message at a time; some labels only make sense in the thread:
--   repeated_data_request  an operator reply after an earlier request for data that asks
--                          for data again, in whatever words ("abbiamo necessità dei dati
--                          richiesti nel messaggio precedente"), is a data request, not
--                          an escalation, however the model read it alone;
--   bounced                a customer reporting being sent back and forth between two
--                          operators or two care lines ("TIM dice che non sono più loro
--                          cliente e il vostro 192 193 dice che non sono ancora vostro")
--                          is a care failure (customer_service), not a switch: a switch
--                          read there is dropped with its competitor (a threat to leave
--                          or a cancel said while bounced stays);
--   followup_category      a follow-up ("risolto, grazie", "ancora nulla") keeps the
--                          conversation's category instead of one of its own;
--   own_operator           the operator the conversation is with is never its competitor
--                          (models/competitors.py takes only destinations of a move).
-- `thread_rule` names the rule that changed a row (null: the labels as they came). Kept in
-- the warehouse (thread_labels) so the dashboard's threads and exports show what the metrics count.
create or replace table {target}.thread_labels as
with messages as not materialized (
    -- what the rules read in a message's text, read before the labels are joined: the join
    -- then carries two flags, not every message's text (15.4 s to 14.6 s on 10 M messages)
    select
        rowid as message_row,
        conversation_id,
        source,
        message_id,
        is_brand,
        created_at,
        operator,
        -- (case, not and: DuckDB evaluates both sides of an and, a pattern ~1 s per 10 M texts)
        -- an operator reply that asks for data: needs, awaits, reminds of, or refers back to
        -- data asked, and does not thank for data received
        case when not is_brand then false
             when regexp_matches(text, '(necessit|bisogno|serv[oeia]|occorr|attesa|aspett|ricord|invia|inviar|mandar|fornir|comunicar|indicar|scriver|manca|ancora|senza).{{0,60}}(dati|informazion|\binfo\b|quanto (ti |vi )?(abbiamo |avevamo )?(richiest|chiest|indicat)|numero|codice|document|dettagli)|(dati|informazioni|dettagli) (che )?(ti |vi )?(abbiamo |avevamo )?(gi[aà] )?(richiest|chiest|indicat)|\b(still )?need (the|your|those) (details|information|info)|(details|information|info) (we )?(requested|asked)', 'i')
             then not regexp_matches(text, '(grazie (per|dei|delle)|ricevut|ci hai (inviato|mandato|scritto)|thanks for (the|your)).{{0,30}}(dati|informazion|\binfo\b|dettagli|details|information)', 'i')
        else false end as asks_for_data,
        -- a customer who says they are sent back and forth between operators or care lines
        case when not is_brand then regexp_matches(text, '((dice|dicono|sostiene|sostengono|risulta|rispondono|risponde) che non (sono|risulto|sarei) (pi[uù]|ancora)|\b(mi|ci) (rimand|rimbalz|rimpall|palleggi|sballott)|rimbalz|rimpall|palleggi|ping.?pong|scaricabarile|scarica(no)? la colpa|(dice|dicono) che (e|è) colpa (di|del|dell)|nessuno dei due|uno dice .{{0,60}} l.?altro dice|bouncing me|back and forth between|each (one|side) blames the other)', 'i')
        else false end as says_bounced
    from main.messages
),
labelled as not materialized (
    select
        m.message_row,
        m.conversation_id,
        m.source,
        m.message_id,
        m.is_brand,
        m.created_at,
        m.operator,
        m.asks_for_data,
        m.says_bounced,
        l.sentiment,
        l.category,
        l.churn,
        nullif(l.competitor, '') as competitor,
        l.followup,
        l.act,
        coalesce(l.human_tasks, []::varchar[]) as human_tasks,
        l.label_origin
    from messages as m
    join stg_labels as l using (source, message_id)
),
threads as (
    -- what each message is read against: an aggregate and a join, not window functions,
    -- which sorted every message of the warehouse twice
    select
        conversation_id,
        arg_min(category, created_at) filter (where not is_brand) as thread_category,
        min(created_at) filter (where not is_brand) as first_customer_message_at,
        min(created_at) filter (where is_brand and act = 'request_data') as first_data_request_at
    from labelled
    group by conversation_id
),
placed as (
    select
        l.*,
        t.thread_category,
        l.created_at > t.first_data_request_at as after_data_request,
        l.created_at > t.first_customer_message_at as after_first_post
    from labelled as l
    join threads as t using (conversation_id)
),
ruled as (
    select
        *,
        case
            when is_brand and act <> 'request_data' and after_data_request
                 and asks_for_data
                then 'repeated_data_request'
            when not is_brand
                 and (category is distinct from 'customer_service' or churn = 'switched')
                 and says_bounced
                then 'bounced'
            when not is_brand and after_first_post and followup in ('fixed', 'still_broken')
                 and category is distinct from thread_category
                then 'followup_category'
            when not is_brand and competitor = operator
                then 'own_operator'
        end as thread_rule
    from placed
),
final as (
    -- a label a person set stands: the rules change only what the model said
    select
        source,
        message_id,
        -- the message's row in main.messages: the marts join on it, not on two strings
        -- (0.5 s less per pass of conversation_events on 10 M messages)
        message_row,
        sentiment,
        case
            when list_contains(human_tasks, 'category') then category
            when thread_rule = 'bounced' then 'customer_service'
            when thread_rule = 'followup_category' then thread_category
            else category
        end as category,
        -- bounced mid-porting is no switch; a threat or a cancel said while bounced stays
        case
            when thread_rule = 'bounced' and churn = 'switched' and not list_contains(human_tasks, 'churn') then 'none'
            else churn
        end as churn,
        case
            when thread_rule = 'own_operator' then null
            when thread_rule = 'bounced' and churn = 'switched' and not list_contains(human_tasks, 'churn') then null
            else competitor
        end as competitor,
        followup,
        case
            when thread_rule = 'repeated_data_request' and not list_contains(human_tasks, 'act') then 'request_data'
            else act
        end as act,
        thread_rule,
        label_origin
    from ruled
)
select * from final;

-- how fresh the warehouse is, the model that labelled it, and how many conversations are partial
select
    (select max(created_at) from messages) as last_message,
    (select max(finished_at) from loads) as last_load,
    (select any_value(model_version) from message_labels) as model_version,
    (select count(*) filter (where is_partial) from conversation_facts) as partial,
    (select count(*) from conversation_facts) as conversations

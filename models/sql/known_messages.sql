-- which of the given messages the warehouse holds, whose they are and the model version
-- that labelled them, with the text training will read (registered as wanted: source, message_id)
select w.source, w.message_id, m.is_brand, l.model_version, m.lang, m.text
from wanted as w
join messages as m using (source, message_id)
left join message_labels as l using (source, message_id)

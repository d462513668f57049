-- the analysts' corrections (SQLite, beside the warehouse): one row per message, task and
-- correction; the latest correction of a message's task wins
create table if not exists corrections (
    source         text not null,
    message_id     text not null,
    task           text not null,   -- sentiment, category, churn, followup, act
    label          text not null,   -- a label id of the task (pipelines/contract/labels.py)
    corrected_by   text not null,
    corrected_at   text not null,   -- UTC, ISO 8601
    model_version  text,            -- the model whose label it corrects (null: not yet labelled)
    via            text not null,   -- label-studio, or the dashboard
    role           text,            -- customer / brand: which heads the text trains
    lang           text,
    text           text             -- the message as the warehouse holds it (redacted): what training reads
)

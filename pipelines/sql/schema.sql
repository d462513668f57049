-- The warehouse's core tables. Analysts query these directly: names and columns are stable.
-- No primary keys: they cost a third of the bulk-load speed; loads keep keys unique by an
-- anti-join on (source, message_id) and tests check the grain.

-- one row per message (canonical record, DESIGN.md)
create table if not exists messages (
    message_id      varchar not null,
    source          varchar not null,       -- canonical, twcs, x_v2, facebook, instagram, demo, or --source NAME
    conversation_id varchar not null,
    in_reply_to     varchar,
    operator        varchar,                -- null: could not be resolved (kept and counted)
    channel         varchar not null,
    author_id       varchar not null,       -- customers pseudonymised (c_...), operator handles readable
    customer_id     varchar,                -- the customer of the conversation, pseudonymised
    is_brand        boolean not null,
    created_at      timestamptz not null,   -- UTC; shown in Europe/Rome
    text            varchar not null,       -- personal data redacted at ingestion
    lang            varchar not null,       -- it / en / other
    thread_kind     varchar not null,       -- source (conversation id given), reply_chain, session
    load_id         varchar not null,
    source_line     bigint
);

-- one row per rejected input row
create table if not exists rejects (
    load_id     varchar not null,
    source_file varchar not null,
    source_line bigint,                     -- first line of the row in the file (row number for Parquet)
    message_id  varchar,
    reason      varchar not null,
    raw         varchar                     -- the row's text, redacted, cut to 300 characters
);

-- one row per load of one file (or one demo build)
create table if not exists loads (
    load_id         varchar not null,
    source_file     varchar not null,
    file_format     varchar not null,
    file_bytes      bigint,
    file_sha256     varchar,
    started_at      timestamptz not null,
    finished_at     timestamptz not null,
    count_read      bigint not null,
    count_loaded    bigint not null,
    count_duplicate bigint not null,
    count_rejected  bigint not null,
    count_unresolved_operator bigint not null
);

-- one row per operator: the config's, plus brand accounts met in sources
create table if not exists operators (
    operator_id   varchar not null,
    name          varchar not null,
    color         varchar not null,
    is_configured boolean not null,
    is_scored     boolean not null,
    handles       varchar[]
);

-- one row per conversation; rebuilt by sql/conversations.sql after every load
create table if not exists conversations (
    conversation_id varchar not null
);

-- the analysts' corrections in force, one row per message and task: a copy of the
-- corrections store beside the warehouse, refreshed at every build (pipelines/labels/human.py)
create table if not exists label_corrections (
    source         varchar not null,
    message_id     varchar not null,
    task           varchar not null,
    label          varchar not null,
    corrected_by   varchar not null,
    corrected_at   timestamptz not null,
    model_version  varchar
);

-- one row per message and model version: the classifier's labels and confidences
-- (customer messages carry sentiment..followup, operator replies carry act)
create table if not exists message_labels (
    source                varchar not null,
    message_id            varchar not null,
    model_version         varchar not null,
    sentiment             varchar,
    sentiment_confidence  double,
    category              varchar,
    category_confidence   double,
    churn                 varchar,
    churn_confidence      double,
    competitor            varchar,  -- operator id named as destination of a threat or switch
    followup              varchar,  -- fixed / still_broken / none
    followup_confidence   double,
    act                   varchar,
    act_confidence        double
);

-- the current model on held-out labelled data (the corpus's split, its real lines and the
-- analysts' held-out corrections): how often a true label was predicted as each label.
-- Written at every classification; pipelines/marts/uncertainty.py reads it to say how sure
-- each label-derived figure is
create table if not exists label_confusion (
    model_version          varchar not null,
    task                   varchar not null,
    true_label             varchar not null,
    predicted_label        varchar not null,
    n                      bigint not null,
    held_out_corrections   bigint not null   -- of the task's held-out examples, how many are analysts' corrections
);

-- the export audit (SQLite): one row per file a user downloaded
create table if not exists exports (
    exported_at text not null,   -- UTC, ISO 8601 to the second
    user text not null,
    role text not null,
    what text not null,          -- conversations or messages
    format text not null,
    rows integer not null,
    filters text not null        -- the link that reproduces the view
)

-- one row of the load log
insert into main.loads values (
    getvariable('load_id'), getvariable('source_file'), $format, $size, $sha256,
    to_timestamp($started), to_timestamp($finished),
    $count_read, $count_loaded, $count_duplicate, $count_rejected, $count_unresolved_operator)

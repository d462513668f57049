-- one part of the distinct texts, as a Parquet file for a labelling worker
copy (select n, is_brand, text from scratch.distinct_texts where n > $after and n <= $until order by n)
to $path (format parquet)

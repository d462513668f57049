select count(*) from scratch.distinct_texts

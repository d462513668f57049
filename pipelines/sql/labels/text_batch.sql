-- one batch of distinct texts to label
select n, is_brand, text from scratch.distinct_texts where n > $after and n <= $until

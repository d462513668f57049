select count(*) from scratch.to_classify

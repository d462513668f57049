-- rejected rows keep up to 300 characters of text: they age out with their load
delete from main.rejects where load_id in (select load_id from main.loads where finished_at < $cutoff)

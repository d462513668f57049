delete from main.messages where created_at < $cutoff

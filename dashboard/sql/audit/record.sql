-- one export (SQLite, positional parameters)
insert into exports values (?, ?, ?, ?, ?, ?, ?)

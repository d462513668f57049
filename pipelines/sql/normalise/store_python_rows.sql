-- Python's answers (registered as care_python_rows) kept as scratch.{name}
create or replace table scratch.{name} as select * from care_python_rows

-- every operator the warehouse's messages name
select distinct operator from main.messages where operator is not null

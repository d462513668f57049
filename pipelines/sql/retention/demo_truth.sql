delete from main.demo_truth_messages where message_id in (select message_id from expired where source = 'demo')

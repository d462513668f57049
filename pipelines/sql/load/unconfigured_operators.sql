-- brand accounts met in earlier loads that the operators config does not list
select operator_id from main.operators where not is_configured

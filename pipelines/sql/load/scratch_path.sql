-- where a load's staged files go (warehouse.building sets it: beside the warehouse)
select getvariable('care_staging_base')

with raw_projects as (
    select
        project_id,
        document_id,
        project_name,
        implementing_unit,
        implementation_period,
        basis,
        amount,
        amount_source,
        is_complete,
        flag,
        line_no,
        printed_amount
    from {{ raw_rows('raw_projects') }}
)

select
    cast(project_id as varchar) as project_id,
    cast(document_id as varchar) as document_id,
    cast(project_name as varchar) as project_name,
    cast(implementing_unit as varchar) as implementing_unit,
    cast(implementation_period as varchar) as implementation_period,
    cast(basis as varchar) as basis,
    cast(amount as decimal(18, 2)) as amount,
    cast(amount_source as varchar) as amount_source,
    cast(is_complete as boolean) as is_complete,
    cast(flag as varchar) as flag,
    cast(line_no as integer) as line_no,
    cast(printed_amount as varchar) as printed_amount
from raw_projects

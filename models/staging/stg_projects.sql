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
    from {{ ref('raw_projects') }}
)

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
from raw_projects

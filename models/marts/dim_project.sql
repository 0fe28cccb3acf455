-- One row per project section of 项目经费情况说明 (amount = its 年度预算安排 total).
with projects as (
    select
        project_id,
        document_id,
        project_name,
        implementing_unit,
        amount,
        implementation_period,
        basis,
        amount_source,
        is_complete,
        flag,
        line_no,
        printed_amount
    from {{ ref('stg_projects') }}
)

select
    project_id,
    document_id,
    coalesce(project_name, '') as project_name,
    implementing_unit,
    amount,
    implementation_period,
    basis,
    amount_source,
    is_complete,
    flag,
    line_no,
    printed_amount
from projects

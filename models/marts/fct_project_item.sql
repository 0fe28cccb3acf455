-- Itemised sub-amounts of a project's 年度预算安排.
with project_items as (
    select
        project_id,
        document_id,
        item_no,
        item_name,
        amount,
        line_no
    from {{ ref('stg_project_items') }}
)

select
    project_id,
    document_id,
    item_no,
    item_name,
    amount,
    line_no
from project_items

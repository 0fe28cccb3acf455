with raw_project_items as (
    select
        project_id,
        document_id,
        item_no,
        item_name,
        amount,
        line_no
    from {{ ref('raw_project_items') }}
)

select
    project_id,
    document_id,
    item_no,
    item_name,
    amount,
    line_no
from raw_project_items

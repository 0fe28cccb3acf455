with raw_project_items as (
    select
        project_id,
        document_id,
        item_no,
        item_name,
        amount,
        line_no
    from {{ raw_rows('raw_project_items') }}
)

select
    cast(project_id as varchar) as project_id,
    cast(document_id as varchar) as document_id,
    cast(item_no as integer) as item_no,
    cast(item_name as varchar) as item_name,
    cast(amount as decimal(18, 2)) as amount,
    cast(line_no as integer) as line_no
from raw_project_items

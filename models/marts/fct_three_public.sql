-- 三公 and 机关运行经费: one row per document that prints the table and per item, zeros kept;
-- an item whose cell is blank is 0 with is_printed = false.
with three_public_cells as (
    select
        document_id,
        measure,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        row_text
    from {{ ref('int_published_cells') }}
    where row_kind = 'item' and table_key = 'three_public'
),

printing_documents as (
    select distinct document_id
    from three_public_cells
),

items as (
    select
        item_list.item,
        item_list.item_order
    from (
        values
        ('abroad', 1),
        ('reception', 2),
        ('vehicle_purchase', 3),
        ('vehicle_operation', 4),
        ('operation_fund', 5)
    ) as item_list (item, item_order)
)

select
    printing_documents.document_id,
    items.item,
    coalesce(three_public_cells.amount, 0) as amount,
    three_public_cells.document_id is not null as is_printed,
    three_public_cells.printed_amount,
    three_public_cells.printed_unit,
    three_public_cells.line_no,
    three_public_cells.row_text,
    items.item_order
from printing_documents
cross join items
left join three_public_cells
    on
        printing_documents.document_id = three_public_cells.document_id
        and items.item = three_public_cells.measure

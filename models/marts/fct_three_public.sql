-- 三公 and 机关运行经费 by stage: one row per document that prints the table, per stage and per item, zeros kept;
-- an item whose cell is blank is 0 with is_printed = false. A budget prints the 预算数 (stage 'budget'); a
-- final account's table prints 预算数 and 决算数 for each 三公 item (no 机关运行经费 column: absent, not 0).
with three_public_cells as (
    select
        document_id,
        coalesce(side, 'budget') as stage,  -- noqa: RF04
        measure,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        row_text
    from {{ ref('int_summary_items') }}
    where table_key = 'three_public'
),

final_account_stages as (
    select
        printed_tables.document_id,
        stage_list.stage  -- noqa: RF04
    from {{ ref('stg_tables') }} as printed_tables
    inner join {{ ref('stg_documents') }} as documents
        on printed_tables.document_id = documents.document_id
    cross join (values ('budget'), ('final')) as stage_list (stage)  -- noqa: RF04
    where
        printed_tables.table_key = 'three_public'
        and printed_tables.table_status = 'present'
        and documents.kind = 'final_account'
),

printing_stages as (
    select
        document_id,
        stage
    from three_public_cells
    union
    select
        document_id,
        stage
    from final_account_stages
),

document_kinds as (
    select
        document_id,
        kind
    from {{ ref('stg_documents') }}
),

items as (
    select
        item_list.item,
        item_list.item_order,
        item_list.in_final_account
    from (
        values
        ('abroad', 1, true),
        ('reception', 2, true),
        ('vehicle_purchase', 3, true),
        ('vehicle_operation', 4, true),
        ('operation_fund', 5, false)
    ) as item_list (item, item_order, in_final_account)
)

select
    printing_stages.document_id,
    items.item,
    printing_stages.stage,
    coalesce(three_public_cells.amount, 0) as amount,
    three_public_cells.document_id is not null as is_printed,
    three_public_cells.printed_amount,
    three_public_cells.printed_unit,
    three_public_cells.line_no,
    three_public_cells.row_text,
    items.item_order
from printing_stages
inner join document_kinds
    on printing_stages.document_id = document_kinds.document_id
cross join items
left join three_public_cells
    on
        printing_stages.document_id = three_public_cells.document_id
        and printing_stages.stage = three_public_cells.stage
        and items.item = three_public_cells.measure
where document_kinds.kind = 'budget' or items.in_final_account

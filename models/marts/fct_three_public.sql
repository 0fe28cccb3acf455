-- 三公 and 机关运行经费 (and, where the template prints them, 会议费 / 培训费) by stage: one row per document that
-- prints the table, per stage and per item of its template, zeros kept; an item whose cell is blank is 0 with
-- is_printed = false. A budget prints the 预算数 (stage 'budget'); a final account's table prints 预算数 and
-- 决算数 for each 三公 item (no 机关运行经费 column: absent, not 0).
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
    from {{ ref('int_published_cells') }}
    where row_kind = 'item' and table_key = 'three_public'
),

{%- set item_rows = [] %}
{%- for template, template_items in budget_vocabulary()['three_public_items'].items() %}
    {%- for item in template_items %}
        {%- set _ = item_rows.append("('" ~ template ~ "', '" ~ item ~ "', " ~ loop.index ~ ")") %}
    {%- endfor %}
{%- endfor %}
{%- for item in ['abroad', 'reception', 'vehicle_purchase', 'vehicle_operation'] %}
    {%- set _ = item_rows.append("('final_account', '" ~ item ~ "', " ~ loop.index ~ ")") %}
{%- endfor %}

documents as (
    select
        document_id,
        template,
        kind
    from {{ ref('stg_documents') }}
),

-- a final account's table has a 预算数 and a 决算数 side even where every cell of one side is blank
final_account_stages as (
    select
        printed_tables.document_id,
        stage_list.stage  -- noqa: RF04
    from {{ ref('stg_tables') }} as printed_tables
    inner join documents
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

-- The items each template's 三公 table prints (budget_vocabulary().three_public_items, from the registry,
-- and the 决算 table's four 三公 items): an item a template does not publish is no row at all, never a 0.
items as (
    select
        item_list.template,
        item_list.item,
        item_list.item_order
    from (
        values {{ item_rows | join(', ') }}
    ) as item_list (template, item, item_order)
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
inner join documents
    on printing_stages.document_id = documents.document_id
inner join items
    on documents.template = items.template
left join three_public_cells
    on
        printing_stages.document_id = three_public_cells.document_id
        and printing_stages.stage = three_public_cells.stage
        and items.item = three_public_cells.measure

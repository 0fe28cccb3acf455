-- 三公 and 机关运行经费 (and, where the template prints them, 会议费 / 培训费): one row per document that
-- prints the table and per item of its template, zeros kept; an item whose cell is blank is 0 with
-- is_printed = false.
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

{%- set item_rows = [] %}
{%- for template, template_items in budget_vocabulary()['three_public_items'].items() %}
    {%- for item in template_items %}
        {%- set _ = item_rows.append("('" ~ template ~ "', '" ~ item ~ "', " ~ loop.index ~ ")") %}
    {%- endfor %}
{%- endfor %}

printing_documents as (
    select distinct
        three_public_cells.document_id,
        documents.template
    from three_public_cells
    inner join {{ ref('stg_documents') }} as documents
        on three_public_cells.document_id = documents.document_id
),

-- The items each template's 三公 table prints (budget_vocabulary().three_public_items, from the registry):
-- an item a template does not publish is no row at all, never a 0.
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
inner join items
    on printing_documents.template = items.template
left join three_public_cells
    on
        printing_documents.document_id = three_public_cells.document_id
        and items.item = three_public_cells.measure

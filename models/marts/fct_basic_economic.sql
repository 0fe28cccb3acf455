-- Leaf-grain basic expenditure by economic classification (normally 款), fund and cost type, zero cells
-- omitted: every template's basic-expenditure economic tables (budget_vocabulary().basic_economic_tables,
-- each with its fund_type). A table that prints no 人员经费/公用经费 split for a document gives its 合计 as
-- cost_type 'total' instead.
{%- set economic_tables = budget_vocabulary()['basic_economic_tables'] %}
{%- set table_list = "'" ~ economic_tables.keys() | join("', '") ~ "'" %}

with leaf_cells as (
    select
        document_id,
        table_key,
        code,
        code_level,
        measure,
        amount,
        printed_amount,
        line_no,
        row_text,
        column_source
    from {{ ref('int_published_cells') }}
    where
        row_kind = 'code'
        and table_key in ({{ table_list }})
        and is_leaf
        and measure in ('personnel', 'public', 'total')
        and amount <> 0
),

split_tables as (
    select distinct
        document_id,
        table_key
    from {{ ref('int_published_cells') }}
    where row_kind = 'code' and measure in ('personnel', 'public')
)

select
    leaf_cells.document_id,
    leaf_cells.code as economic_code,
    leaf_cells.measure as cost_type,
    leaf_cells.amount,
    leaf_cells.code_level,
    leaf_cells.line_no,
    leaf_cells.row_text,
    leaf_cells.printed_amount,
    leaf_cells.column_source,
    {{ vocabulary_case('leaf_cells.table_key', 'basic_economic_tables', 'null') }} as fund_type
from leaf_cells
left join split_tables
    on
        leaf_cells.document_id = split_tables.document_id
        and leaf_cells.table_key = split_tables.table_key
where
    (leaf_cells.measure <> 'total' and split_tables.document_id is not null)
    or (leaf_cells.measure = 'total' and split_tables.document_id is null)

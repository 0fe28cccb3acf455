-- Leaf-grain expenditure: leaf code rows of every template's function-classified expenditure tables
-- (budget_vocabulary().expenditure_tables, each with its fund_type), 基本支出 / 项目支出 columns (not 合计),
-- and in a final account's 支出决算表 also 上缴上级支出 / 经营支出 / 对附属单位补助支出; zero cells omitted.
-- A table that prints no 基本/项目 split for a document (one 金额 per code, e.g. the
-- Jiangsu 财政拨款支出预算表) gives its 合计 as expenditure_type 'total' instead, so a 'total' row never
-- stands beside basic/project rows of the same document, code and fund. Sums over any column never double count.
{%- set expenditure_tables = budget_vocabulary()['expenditure_tables'] %}
{%- set table_list = "'" ~ expenditure_tables.keys() | join("', '") ~ "'" %}

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
        and (
            measure in ('basic', 'project', 'total')
            -- a final account's 支出决算表 also prints 上缴上级 / 经营 / 对附属单位补助 支出
            or (
                table_key = 'expenditure'
                and measure in ('to_superior', 'operating_expenditure', 'to_subordinates')
            )
        )
        and amount <> 0
),

split_tables as (
    select distinct
        document_id,
        table_key
    from {{ ref('int_published_cells') }}
    where row_kind = 'code' and measure in ('basic', 'project')
)

select
    leaf_cells.document_id,
    leaf_cells.code as function_code,
    {{ vocabulary_case('leaf_cells.table_key', 'expenditure_tables', 'null') }} as fund_type,
    case leaf_cells.measure
        when 'operating_expenditure' then 'operating' else leaf_cells.measure
    end as expenditure_type,
    leaf_cells.amount,
    leaf_cells.code_level,
    leaf_cells.table_key,
    leaf_cells.line_no,
    leaf_cells.row_text,
    leaf_cells.printed_amount,
    leaf_cells.column_source
from leaf_cells
left join split_tables
    on
        leaf_cells.document_id = split_tables.document_id
        and leaf_cells.table_key = split_tables.table_key
where
    (leaf_cells.measure <> 'total' and split_tables.document_id is not null)
    or (leaf_cells.measure = 'total' and split_tables.document_id is null)

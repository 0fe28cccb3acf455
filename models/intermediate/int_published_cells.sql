-- Every printed cell of the nine tables, placed: its row (code / total / item row and a key for it), its place in
-- the code hierarchy (classification, level, parent, leaf flag; code rows only) and the display rounding it carries
-- (half the last digit its table prints). A code is a leaf when no child code is printed (with at least one cell) in
-- the same document and table. The marts and the figures the narrative is compared with all read this model.
with printed_cells as (
    select
        document_id,
        table_key,
        side,
        row_kind,
        code,
        row_label,
        measure,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        page_no,
        row_text,
        column_source
    from {{ ref('stg_amounts') }}
    -- balance / grand_total: the 结转结余 and 总计 rows of a final account's two summary tables
    where row_kind in ('code', 'total', 'item', 'balance', 'grand_total')
),

printed_codes as (
    select distinct
        document_id,
        table_key,
        code
    from printed_cells
    where row_kind = 'code'
),

parents_with_children as (
    select distinct
        document_id,
        table_key,
        {{ parent_code('code') }} as code
    from printed_codes
    where {{ parent_code('code') }} is not null
),

placed_cells as (
    select
        printed_cells.document_id,
        printed_cells.table_key,
        -- a coded row has no side; total and item rows of the summary tables sit on one
        case when printed_cells.row_kind <> 'code' then printed_cells.side end as side,
        printed_cells.row_kind,
        case printed_cells.row_kind
            when 'code' then printed_cells.code
            else concat_ws(':', printed_cells.row_kind, printed_cells.side, printed_cells.line_no)
        end as row_key,
        -- item rows carry the 类 code resolved for the expenditure side of the summary tables
        case when printed_cells.row_kind <> 'total' then printed_cells.code end as code,
        case
            -- the registry's classification of each coded table (basic_economic, 江苏 fiscal_basic_economic …)
            when printed_cells.row_kind = 'code'
                then {{ vocabulary_case('printed_cells.table_key', 'coded_tables', "'function'") }}
            when printed_cells.row_kind = 'item' and printed_cells.code is not null then 'function'
        end as classification,
        case
            when printed_cells.row_kind in ('code', 'item') then {{ code_level('printed_cells.code') }}
        end as code_level,
        case when printed_cells.row_kind = 'code' then {{ parent_code('printed_cells.code') }} end as parent_code,
        case when printed_cells.row_kind = 'code' then parents_with_children.code is null end as is_leaf,
        printed_cells.row_label,
        printed_cells.measure,
        printed_cells.amount,
        printed_cells.printed_amount,
        printed_cells.printed_unit,
        printed_cells.line_no,
        printed_cells.page_no,
        printed_cells.row_text,
        printed_cells.column_source
    from printed_cells
    left join parents_with_children
        on
            printed_cells.row_kind = 'code'
            and printed_cells.document_id = parents_with_children.document_id
            and printed_cells.table_key = parents_with_children.table_key
            and printed_cells.code = parents_with_children.code
),

cells_with_precision as (
    select
        *,
        max(length(coalesce(regexp_extract(printed_amount, '\.(\d+)$', 1), ''))) over (
            partition by document_id, table_key
        ) as table_decimals
    from placed_cells
)

select
    document_id,
    table_key,
    side,
    row_kind,
    row_key,
    code,
    classification,
    code_level,
    parent_code,
    is_leaf,
    row_label,
    measure,
    amount,
    printed_amount,
    printed_unit,
    -- half the last digit the table prints, for a 万元 cell: 50 yuan when the table prints two decimals,
    -- 5,000 when it prints whole 万元 (a bare 0 in a two-decimal table is as precise as the rest); a blank
    -- (-, 无) is exactly 0
    cast(
        case
            when printed_unit <> '万元' or not regexp_matches(printed_amount, '\d') then 0
            else {{ var('wan_yuan_rounding', 50) }} * power(10, 2 - table_decimals)
        end as decimal(18, 2)
    ) as rounding_tolerance,
    line_no,
    page_no,
    row_text,
    column_source
from cells_with_precision

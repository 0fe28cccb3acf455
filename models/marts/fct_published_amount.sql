-- Every printed cell of the nine tables with its provenance, coded rows with level / parent / leaf flag.
-- The arithmetic tests run on this model; nothing is built from it, so a failing test never skips a mart.
with coded_cells as (
    select
        document_id,
        table_key,
        cast(null as varchar) as side,
        'code' as row_kind,
        code as row_key,
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
        line_no,
        page_no,
        row_text,
        column_source
    from {{ ref('int_coded_amounts') }}
),

total_cells as (
    select
        document_id,
        table_key,
        side,
        'total' as row_kind,
        concat_ws(':', 'total', side, line_no) as row_key,
        cast(null as varchar) as code,
        cast(null as varchar) as classification,
        cast(null as varchar) as code_level,
        cast(null as varchar) as parent_code,
        cast(null as boolean) as is_leaf,
        row_label,
        measure,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        page_no,
        row_text,
        column_source
    from {{ ref('int_published_totals') }}
),

item_cells as (
    select
        document_id,
        table_key,
        side,
        'item' as row_kind,
        concat_ws(':', 'item', side, line_no) as row_key,
        code,
        case when code is not null then 'function' end as classification,
        code_level,
        cast(null as varchar) as parent_code,
        cast(null as boolean) as is_leaf,
        row_label,
        measure,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        page_no,
        row_text,
        column_source
    from {{ ref('int_summary_items') }}
),

printed_cells as (
    select * from coded_cells
    union all
    select * from total_cells
    union all
    select * from item_cells
),

cells_with_precision as (
    select
        *,
        max(length(coalesce(regexp_extract(printed_amount, '\.(\d+)$', 1), ''))) over (
            partition by document_id, table_key
        ) as table_decimals
    from printed_cells
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

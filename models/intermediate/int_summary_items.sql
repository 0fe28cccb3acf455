-- Printed cells of the labelled rows: income sources and expenditure 类 of the two summary tables
-- (财务收支预算总表, 财政拨款收支预算总表) and the single row of the 三公 table.
with item_cells as (
    select
        document_id,
        table_key,
        side,
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
    where row_kind = 'item'
)

select
    document_id,
    table_key,
    side,
    code,
    {{ code_level('code') }} as code_level,
    row_label,
    measure,
    amount,
    printed_amount,
    printed_unit,
    line_no,
    page_no,
    row_text,
    column_source
from item_cells

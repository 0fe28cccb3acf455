-- Printed cells of the total rows (合计 of the coded tables, 收入总计 / 支出总计 of the summary tables).
with total_cells as (
    select
        document_id,
        table_key,
        side,
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
    where row_kind = 'total'
)

select
    document_id,
    table_key,
    side,
    row_label,
    measure,
    amount,
    printed_amount,
    printed_unit,
    line_no,
    page_no,
    row_text,
    column_source
from total_cells

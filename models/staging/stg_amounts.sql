with raw_amounts as (
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
    from {{ source('raw', 'raw_amounts') }}
)

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
from raw_amounts

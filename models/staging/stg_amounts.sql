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
    from {{ raw_rows('raw_amounts') }}
)

select
    cast(document_id as varchar) as document_id,
    cast(table_key as varchar) as table_key,
    cast(side as varchar) as side,
    cast(row_kind as varchar) as row_kind,
    cast(code as varchar) as code,
    cast(row_label as varchar) as row_label,
    cast(measure as varchar) as measure,
    cast(amount as decimal(18, 2)) as amount,
    cast(printed_amount as varchar) as printed_amount,
    cast(printed_unit as varchar) as printed_unit,
    cast(line_no as integer) as line_no,
    cast(page_no as integer) as page_no,
    cast(row_text as varchar) as row_text,
    cast(column_source as varchar) as column_source
from raw_amounts

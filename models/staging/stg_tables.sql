with raw_tables as (
    select
        document_id,
        table_key,
        title,
        amount_unit,
        status,
        note,
        line_start,
        line_end
    from {{ ref('raw_tables') }}
)

select
    document_id,
    table_key,
    title as table_title,
    amount_unit,
    status as table_status,
    note,
    line_start,
    line_end
from raw_tables

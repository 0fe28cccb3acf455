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
    from {{ raw_rows('raw_tables') }}
)

select
    cast(document_id as varchar) as document_id,
    cast(table_key as varchar) as table_key,
    cast(title as varchar) as table_title,
    cast(amount_unit as varchar) as amount_unit,
    cast(status as varchar) as table_status,
    cast(note as varchar) as note,
    cast(line_start as integer) as line_start,
    cast(line_end as integer) as line_end
from raw_tables

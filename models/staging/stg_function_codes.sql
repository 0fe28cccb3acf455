with raw_function_codes as (
    select
        document_id,
        code,
        level,
        printed_name,
        parent_code,
        table_key,
        line_no
    from {{ raw_rows('raw_function_codes') }}
)

select
    cast(document_id as varchar) as document_id,
    cast(code as varchar) as code,
    cast(level as varchar) as printed_level,
    cast(printed_name as varchar) as printed_name,
    cast(parent_code as varchar) as parent_code,
    cast(table_key as varchar) as table_key,
    cast(line_no as integer) as line_no
from raw_function_codes

with raw_economic_codes as (
    select
        document_id,
        code,
        level,
        printed_name,
        parent_code,
        table_key,
        line_no
    from {{ ref('raw_economic_codes') }}
)

select
    document_id,
    code,
    level as printed_level,
    printed_name,
    parent_code,
    table_key,
    line_no
from raw_economic_codes

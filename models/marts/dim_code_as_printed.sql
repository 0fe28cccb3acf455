-- Every code each document prints, with its name exactly as printed (one row per distinct name).
with printed_codes as (
    select
        document_id,
        'function' as classification,
        code,
        printed_name,
        table_key,
        line_no
    from {{ ref('stg_function_codes') }}
    union all
    select
        document_id,
        'economic' as classification,
        code,
        printed_name,
        table_key,
        line_no
    from {{ ref('stg_economic_codes') }}
)

select
    document_id,
    classification,
    code,
    printed_name,
    {{ code_level('code') }} as code_level,
    {{ parent_code('code') }} as parent_code,
    table_key,
    line_no
from printed_codes

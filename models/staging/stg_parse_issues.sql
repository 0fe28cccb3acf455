with raw_parse_issues as (
    select
        document_id,
        source_file,
        table_key,
        line_no,
        severity,
        issue,
        row_text
    from {{ ref('raw_parse_issues') }}
)

select
    document_id,
    source_file,
    table_key,
    line_no,
    severity,
    issue,
    row_text
from raw_parse_issues

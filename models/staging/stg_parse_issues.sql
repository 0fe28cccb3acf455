with raw_parse_issues as (
    select
        document_id,
        source_file,
        table_key,
        line_no,
        severity,
        issue,
        row_text
    from {{ raw_rows('raw_parse_issues') }}
)

select
    cast(document_id as varchar) as document_id,
    cast(source_file as varchar) as source_file,
    cast(table_key as varchar) as table_key,
    cast(line_no as integer) as line_no,
    cast(severity as varchar) as severity,
    cast(issue as varchar) as issue,
    cast(row_text as varchar) as row_text
from raw_parse_issues

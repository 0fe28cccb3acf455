-- 表下说明写的年度与文档的预算年度不同（例如 2025 年文档的注写“本部门2024年无……”）。
with noted_years as (
    select
        printed_tables.document_id,
        printed_tables.table_key,
        printed_tables.note,
        printed_tables.line_start,
        documents.fiscal_year,
        try_cast(regexp_extract(printed_tables.note, '(\d{4})年', 1) as integer) as note_year
    from {{ ref('stg_tables') }} as printed_tables
    inner join {{ ref('dim_document') }} as documents
        on printed_tables.document_id = documents.document_id
    where regexp_matches(coalesce(printed_tables.note, ''), '\d{4}年')
),

findings as (
    select
        document_id,
        table_key as table_name,
        cast(null as varchar) as code,
        'note_year' as measure,
        cast(fiscal_year as varchar) as expected,
        cast(note_year as varchar) as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when note_year <> fiscal_year then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ table_label('table_key', 'document_id') }},
            ' 的说明写 ', cast(note_year as varchar),
            ' 年，文档是 ', cast(fiscal_year as varchar), ' 年预算：', note
        ) as message,
        line_start as line_no,
        cast(null as varchar) as detail
    from noted_years
)

{{ select_findings('findings') }}

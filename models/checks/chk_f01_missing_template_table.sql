-- 决算模板的九张表中，文档没有公开的表（许多公开的决算省略某些表：说出是哪一张）。
with final_documents as (
    select document_id
    from {{ ref('dim_document') }}
    where kind = 'final_account'
),

missing_tables as (
    select
        document_id,
        table_key
    from {{ ref('stg_tables') }}
    where table_status = 'missing'
),

findings as (
    select
        missing_tables.document_id,
        missing_tables.table_key as table_name,
        cast(null as varchar) as code,
        'table' as measure,
        '公开' as expected,
        '未公开' as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        'warning' as severity,
        concat(
            {{ doc_label('missing_tables.document_id') }}, ' 没有公开决算模板中的“',
            {{ vocabulary_case('missing_tables.table_key', 'tables_final_account') }}, '”'
        ) as message,
        cast(null as integer) as line_no,
        cast(null as varchar) as detail
    from missing_tables
    inner join final_documents
        on missing_tables.document_id = final_documents.document_id
)

{{ select_findings('findings') }}

-- One row per ingested document (部门预算 / 单位预算 / 决算).
with documents as (
    select
        document_id,
        region,
        department_name,
        scope,
        fiscal_year,
        kind,
        amount_unit,
        source_file,
        source_sha256,
        title,
        template
    from {{ ref('stg_documents') }}
)

select
    document_id,
    region,
    department_name,
    scope,
    fiscal_year,
    kind,
    amount_unit,
    source_file,
    title,
    source_sha256,
    concat_ws(
        ' ',
        department_name,
        cast(fiscal_year as varchar),
        {{ vocabulary_case('scope', 'scopes') }} || {{ vocabulary_case('kind', 'kinds') }}
    ) as document_label,
    template,
    -- One file per document for now; a disclosure published as two files will list both.
    [source_file] as source_files
from documents

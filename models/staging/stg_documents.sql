with raw_documents as (
    select
        document_id,
        source_file,
        source_sha256,
        region,
        department_name,
        scope,
        fiscal_year,
        kind,
        amount_unit,
        title,
        template
    from {{ raw_rows('raw_documents') }}
)

select
    document_id,
    source_file,
    source_sha256,
    region,
    department_name,
    scope,
    fiscal_year,
    kind,
    amount_unit,
    title,
    template
from raw_documents

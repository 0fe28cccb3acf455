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
    from {{ ref('raw_documents') }}
)

select
    cast(document_id as varchar) as document_id,
    cast(source_file as varchar) as source_file,
    cast(source_sha256 as varchar) as source_sha256,
    cast(region as varchar) as region,
    cast(department_name as varchar) as department_name,
    cast(scope as varchar) as scope,
    cast(fiscal_year as integer) as fiscal_year,
    cast(kind as varchar) as kind,
    cast(amount_unit as varchar) as amount_unit,
    cast(title as varchar) as title,
    cast(template as varchar) as template  -- noqa: RF04
from raw_documents

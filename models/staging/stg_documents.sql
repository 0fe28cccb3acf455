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
        template,
        source_files
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
    template,
    -- Every file the document was read from, by name ('|' between names in the raw file).
    list_sort(string_split(coalesce(source_files, source_file), '|')) as source_files
from raw_documents

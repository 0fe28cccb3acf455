-- Fiscal years covered by the ingested documents.
with documents as (
    select
        document_id,
        fiscal_year,
        kind
    from {{ ref('stg_documents') }}
),

years as (
    select
        fiscal_year,
        count(*) as document_count,
        count(*) filter (where kind = 'budget') as budget_document_count,
        count(*) filter (where kind = 'final_account') as final_account_document_count
    from documents
    group by fiscal_year
)

select
    fiscal_year,
    document_count,
    budget_document_count,
    final_account_document_count,
    fiscal_year = max(fiscal_year) over () as is_latest
from years

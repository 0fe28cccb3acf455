-- Spending by 款 across departments (all funds, leaf facts rolled up to the 5-digit code). Documents counted in
-- totals only: a unit document whose department document is loaded is already inside it.
with leaf_expenditure as (
    select
        document_id,
        function_code,
        expenditure_type,
        amount
    from fct_expenditure
    where fund_type = 'all'
),

kuan_totals as (
    select
        document_id,
        left(function_code, 5) as kuan_code,
        sum(amount) filter (where expenditure_type = 'basic') as basic_amount,
        sum(amount) filter (where expenditure_type = 'project') as project_amount,
        sum(amount) as total_amount
    from leaf_expenditure
    group by document_id, left(function_code, 5)
)

select
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    kuan_totals.kuan_code,
    kuan_names.function_name as kuan_name,
    kuan_totals.basic_amount,
    kuan_totals.project_amount,
    kuan_totals.total_amount
from kuan_totals
inner join dim_document as documents
    on kuan_totals.document_id = documents.document_id
left join dim_function as kuan_names
    on kuan_totals.kuan_code = kuan_names.function_code
where documents.counted_in_totals
order by documents.department_name, documents.fiscal_year, kuan_totals.kuan_code

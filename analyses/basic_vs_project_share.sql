-- Basic (基本支出) vs project (项目支出) share of each document's all-funds expenditure. One row per document:
-- a department's 部门预算 includes its units' 单位预算 (counted_in_totals says which row a sum over documents keeps).
with totals as (
    select
        document_id,
        sum(amount) filter (where expenditure_type = 'basic') as basic_amount,
        sum(amount) filter (where expenditure_type = 'project') as project_amount,
        sum(amount) as total_amount
    from fct_expenditure
    where fund_type = 'all'
    group by document_id
)

select
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    documents.counted_in_totals,
    totals.basic_amount,
    totals.project_amount,
    totals.total_amount,
    round(100 * totals.basic_amount / nullif(totals.total_amount, 0), 2) as basic_percent,
    round(100 * totals.project_amount / nullif(totals.total_amount, 0), 2) as project_percent
from totals
inner join dim_document as documents
    on totals.document_id = documents.document_id
order by documents.department_name, documents.fiscal_year, documents.scope

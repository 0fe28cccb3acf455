-- Basic (基本支出) vs project (项目支出) share of each document's expenditure, over its widest by-function
-- expenditure (dim_document.function_fund_type: all funds, else 财政拨款, named in fund_name). One row per
-- document: a department's 部门预算 includes its units' 单位预算 (counted_in_totals says which row a sum over
-- documents keeps). A table that prints one 金额 per code (Jiangsu) has no split: basic, project and their
-- shares are NULL, never 0.
with totals as (
    select
        expenditure.document_id,
        expenditure.fund_type,
        sum(expenditure.amount) filter (where expenditure.expenditure_type = 'basic') as basic_amount,
        sum(expenditure.amount) filter (where expenditure.expenditure_type = 'project') as project_amount,
        sum(expenditure.amount) as total_amount
    from fct_expenditure as expenditure
    inner join dim_document as documents
        on
            expenditure.document_id = documents.document_id
            and expenditure.fund_type = documents.function_fund_type
    group by expenditure.document_id, expenditure.fund_type
)

select
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    documents.kind,
    documents.counted_in_totals,
    funds.fund_name,
    totals.basic_amount,
    totals.project_amount,
    totals.total_amount,
    round(100 * totals.basic_amount / nullif(totals.total_amount, 0), 2) as basic_percent,
    round(100 * totals.project_amount / nullif(totals.total_amount, 0), 2) as project_percent
from totals
inner join dim_document as documents
    on totals.document_id = documents.document_id
inner join dim_fund as funds
    on totals.fund_type = funds.fund_type
order by documents.department_name, documents.fiscal_year, documents.scope, documents.kind

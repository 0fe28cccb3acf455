-- Spending by 款 across departments (leaf facts rolled up to the 5-digit code), over each document's widest
-- by-function expenditure (dim_document.function_fund_type: all funds, else 财政拨款, named in fund_name;
-- basic / project NULL where the table prints one 金额 per code). Documents counted in totals only: a unit
-- document whose department document is loaded is already inside it. A budget and a final account are
-- separate rows (kind).
with leaf_expenditure as (
    select
        expenditure.document_id,
        expenditure.fund_type,
        expenditure.function_code,
        expenditure.expenditure_type,
        expenditure.amount
    from fct_expenditure as expenditure
    inner join dim_document as documents
        on
            expenditure.document_id = documents.document_id
            and expenditure.fund_type = documents.function_fund_type
),

kuan_totals as (
    select
        document_id,
        fund_type,
        left(function_code, 5) as kuan_code,
        sum(amount) filter (where expenditure_type = 'basic') as basic_amount,
        sum(amount) filter (where expenditure_type = 'project') as project_amount,
        sum(amount) as total_amount
    from leaf_expenditure
    group by document_id, fund_type, left(function_code, 5)
)

select
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    documents.kind,
    funds.fund_name,
    kuan_totals.kuan_code,
    kuan_names.function_name as kuan_name,
    kuan_totals.basic_amount,
    kuan_totals.project_amount,
    kuan_totals.total_amount
from kuan_totals
inner join dim_document as documents
    on kuan_totals.document_id = documents.document_id
inner join dim_fund as funds
    on kuan_totals.fund_type = funds.fund_type
left join dim_function as kuan_names
    on kuan_totals.kuan_code = kuan_names.function_code
where documents.counted_in_totals
order by documents.department_name, documents.fiscal_year, documents.kind, kuan_totals.kuan_code

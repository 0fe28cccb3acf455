-- Expenditure per document, fund and 类, with names: every fund a document prints by function. The funds
-- overlap (全部资金 holds 财政拨款, which holds 一般公共预算 and 政府性基金): add up only the rows where
-- is_widest_fund (the document's dim_document.function_fund_type), or one fund at a time. basic / project
-- are NULL where the table prints one 金额 per code (Jiangsu).
with leaf_expenditure as (
    select
        document_id,
        function_code,
        fund_type,
        expenditure_type,
        amount
    from fct_expenditure
),

class_totals as (
    select
        document_id,
        fund_type,
        left(function_code, 3) as class_code,
        sum(amount) filter (where expenditure_type = 'basic') as basic_amount,
        sum(amount) filter (where expenditure_type = 'project') as project_amount,
        sum(amount) as total_amount
    from leaf_expenditure
    group by document_id, fund_type, left(function_code, 3)
)

select
    documents.document_label,
    class_totals.fund_type,
    funds.fund_name,
    class_totals.fund_type = documents.function_fund_type as is_widest_fund,
    class_totals.class_code,
    function_names.function_name as class_name,
    class_totals.basic_amount,
    class_totals.project_amount,
    class_totals.total_amount
from class_totals
inner join dim_document as documents
    on class_totals.document_id = documents.document_id
inner join dim_fund as funds
    on class_totals.fund_type = funds.fund_type
left join dim_function as function_names
    on class_totals.class_code = function_names.function_code
order by documents.document_label, funds.coverage_rank, class_totals.class_code

-- Example query on the leaf-grain facts: expenditure per document, fund type and 类, with names.
-- `dbt compile --profiles-dir .` writes the runnable SQL to target/compiled/.../analyses/.
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
    class_totals.class_code,
    function_names.function_name as class_name,
    class_totals.basic_amount,
    class_totals.project_amount,
    class_totals.total_amount
from class_totals
inner join dim_document as documents
    on class_totals.document_id = documents.document_id
left join dim_function as function_names
    on class_totals.class_code = function_names.function_code
order by documents.document_label, class_totals.fund_type, class_totals.class_code

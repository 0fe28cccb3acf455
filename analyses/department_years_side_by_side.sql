-- A department's years side by side: each 类 with this year's amount, the previous loaded year's amount and
-- the change (department budgets only), over each budget's widest by-function expenditure
-- (dim_document.function_fund_type: all funds, else 财政拨款, named in fund_name). A year is compared only with
-- an earlier year of the same fund: all funds beside 财政拨款 would read as a change that is not one.
with class_by_year as (
    select
        documents.department_name,
        documents.fiscal_year,
        expenditure.fund_type,
        left(expenditure.function_code, 3) as class_code,
        sum(expenditure.amount) as total_amount
    from fct_expenditure as expenditure
    inner join dim_document as documents
        on
            expenditure.document_id = documents.document_id
            and expenditure.fund_type = documents.function_fund_type
    where
        documents.scope = 'department'
        and documents.kind = 'budget'
    group by documents.department_name, documents.fiscal_year, expenditure.fund_type, left(expenditure.function_code, 3)
),

with_previous as (
    select
        department_name,
        fiscal_year,
        fund_type,
        class_code,
        total_amount,
        lag(fiscal_year) over by_class as previous_year,
        lag(total_amount) over by_class as previous_amount
    from class_by_year
    window by_class as (partition by department_name, fund_type, class_code order by fiscal_year)
)

select
    with_previous.department_name,
    funds.fund_name,
    with_previous.class_code,
    class_names.function_name as class_name,
    with_previous.fiscal_year,
    with_previous.total_amount,
    with_previous.previous_year,
    with_previous.previous_amount,
    with_previous.total_amount - with_previous.previous_amount as change_amount,
    round(
        100 * (with_previous.total_amount - with_previous.previous_amount)
        / nullif(with_previous.previous_amount, 0),
        2
    ) as change_percent
from with_previous
inner join dim_fund as funds
    on with_previous.fund_type = funds.fund_type
left join dim_function as class_names
    on with_previous.class_code = class_names.function_code
order by with_previous.department_name, funds.sort_order, with_previous.class_code, with_previous.fiscal_year

-- Budget execution by 类 per department and year: the budget (预算) beside the final account (决算) of the same
-- body and year, with the execution rate. A side not loaded is NULL (and so is the rate).
-- The fund compared (fund_name) is the widest both loaded documents print by function: all funds for a
-- Shanghai budget and any 决算; a Jiangsu budget alone is read by its 财政拨款 (dim_document.function_fund_type),
-- and beside a 决算 by the widest fund both print (一般公共预算), never all funds against 财政拨款.
-- Plain SQL (no Jinja): run it as is in `make shell` (.read analyses/budget_execution_by_class.sql);
-- scripts/example_summary.py prints its result.
with execution as (
    select
        region,
        department_name,
        scope,
        fiscal_year,
        fund_type,
        function_code,
        budget_amount,
        final_amount,
        budget_document_id,
        final_document_id
    from fct_budget_execution
),

fund_sides as (
    -- each fund a body's year has, and whether every loaded side prints it
    select
        execution.region,
        execution.department_name,
        execution.scope,
        execution.fiscal_year,
        execution.fund_type,
        funds.coverage_rank,
        (bool_or(execution.budget_amount is not null) or max(execution.budget_document_id) is null)
        and (bool_or(execution.final_amount is not null) or max(execution.final_document_id) is null)
            as on_every_side
    from execution
    inner join dim_fund as funds
        on execution.fund_type = funds.fund_type
    group by
        execution.region, execution.department_name, execution.scope, execution.fiscal_year,
        execution.fund_type, funds.coverage_rank
),

compared_funds as (
    select
        region,
        department_name,
        scope,
        fiscal_year,
        fund_type
    from fund_sides
    qualify row_number() over (
        partition by region, department_name, scope, fiscal_year
        order by on_every_side desc, coverage_rank asc
    ) = 1
),

class_totals as (
    select
        execution.department_name,
        execution.scope,
        execution.fiscal_year,
        execution.fund_type,
        left(execution.function_code, 3) as class_code,
        sum(execution.budget_amount) as budget_amount,
        sum(execution.final_amount) as final_amount
    from execution
    inner join compared_funds
        on
            execution.region = compared_funds.region
            and execution.department_name = compared_funds.department_name
            and execution.scope = compared_funds.scope
            and execution.fiscal_year = compared_funds.fiscal_year
            and execution.fund_type = compared_funds.fund_type
    group by
        execution.department_name, execution.scope, execution.fiscal_year, execution.fund_type,
        left(execution.function_code, 3)
)

select
    class_totals.department_name,
    class_totals.scope,
    class_totals.fiscal_year,
    funds.fund_name,
    class_totals.class_code,
    function_names.function_name as class_name,
    class_totals.budget_amount,
    class_totals.final_amount,
    cast(
        round(100 * class_totals.final_amount / nullif(class_totals.budget_amount, 0), 2) as decimal(9, 2)
    ) as execution_percent
from class_totals
inner join dim_fund as funds
    on class_totals.fund_type = funds.fund_type
left join dim_function as function_names
    on class_totals.class_code = function_names.function_code
order by class_totals.department_name, class_totals.fiscal_year, class_totals.class_code;

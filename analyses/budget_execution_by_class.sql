-- Budget execution by 类 per department and year: the budget (预算) beside the final account (决算) of the same
-- body and year, all funds, with the execution rate. A side not loaded is NULL (and so is the rate).
-- Plain SQL (no Jinja): run it as is in `make shell` (.read analyses/budget_execution_by_class.sql);
-- scripts/example_summary.py prints its result.
with execution as (
    select
        department_name,
        scope,
        fiscal_year,
        left(function_code, 3) as class_code,
        budget_amount,
        final_amount
    from fct_budget_execution
    where fund_type = 'all'
),

class_totals as (
    select
        department_name,
        scope,
        fiscal_year,
        class_code,
        sum(budget_amount) as budget_amount,
        sum(final_amount) as final_amount
    from execution
    group by department_name, scope, fiscal_year, class_code
)

select
    class_totals.department_name,
    class_totals.scope,
    class_totals.fiscal_year,
    class_totals.class_code,
    function_names.function_name as class_name,
    class_totals.budget_amount,
    class_totals.final_amount,
    cast(
        round(100 * class_totals.final_amount / nullif(class_totals.budget_amount, 0), 2) as decimal(9, 2)
    ) as execution_percent
from class_totals
left join dim_function as function_names
    on class_totals.class_code = function_names.function_code
order by class_totals.department_name, class_totals.fiscal_year, class_totals.class_code;

-- The ten largest gaps between budget and final (一般公共预算, 项 by 项), with the reason the final account
-- states. The budget is the loaded budget document's figure, else the 年初预算 the 情况说明 states.
-- One fund for every template: the 情况说明 explains 一般公共预算 items, a fund every Shanghai and Jiangsu
-- budget and every 决算 prints by function (named in fund_name). A budget alone has no gap: it needs its 决算.
-- Plain SQL (no Jinja): run it as is in `make shell` (.read analyses/largest_execution_gaps.sql);
-- scripts/example_summary.py prints its result.
with gaps as (
    select
        department_name,
        fiscal_year,
        fund_type,
        function_code,
        coalesce(budget_amount, stated_budget_amount) as budget_amount,
        final_amount,
        stated_reason
    from fct_budget_execution
    where fund_type = 'general_public' and final_amount is not null
)

select
    gaps.department_name,
    gaps.fiscal_year,
    funds.fund_name,
    gaps.function_code,
    function_names.function_name,
    gaps.budget_amount,
    gaps.final_amount,
    gaps.final_amount - gaps.budget_amount as gap_amount,
    gaps.stated_reason
from gaps
inner join dim_fund as funds
    on gaps.fund_type = funds.fund_type
left join dim_function as function_names
    on gaps.function_code = function_names.function_code
where gaps.budget_amount is not null
order by abs(gaps.final_amount - gaps.budget_amount) desc, gaps.department_name asc, gaps.function_code asc
limit 10;

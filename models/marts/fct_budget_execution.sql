-- Budget execution: the final account (决算) of a year beside the budget (预算) of the same body (region,
-- department_name, scope) and year, 项 by 项 and fund, from fct_expenditure (all expenditure types added up).
-- Either side is NULL where only one document is loaded or the code is printed on one side only.
-- For the general public budget, the final account's 情况说明 clause of the 项 (if any) adds what it states:
-- its 年初预算, its 完成率 and its reason.
with documents as (
    select
        document_id,
        region,
        department_name,
        scope,
        fiscal_year,
        kind
    from {{ ref('dim_document') }}
),

spending as (
    select
        documents.region,
        documents.department_name,
        documents.scope,
        documents.fiscal_year,
        documents.kind,
        expenditure.document_id,
        expenditure.function_code,
        expenditure.fund_type,
        sum(expenditure.amount) as amount
    from {{ ref('fct_expenditure') }} as expenditure
    inner join documents
        on expenditure.document_id = documents.document_id
    group by all
),

budget_side as (
    select
        region,
        department_name,
        scope,
        fiscal_year,
        document_id,
        function_code,
        fund_type,
        amount
    from spending
    where kind = 'budget'
),

final_side as (
    select
        region,
        department_name,
        scope,
        fiscal_year,
        document_id,
        function_code,
        fund_type,
        amount
    from spending
    where kind = 'final_account'
),

bodies as (
    -- every body and year with at least one loaded document, and its document of each kind
    select
        region,
        department_name,
        scope,
        fiscal_year,
        max(document_id) filter (where kind = 'budget') as budget_document_id,
        max(document_id) filter (where kind = 'final_account') as final_document_id
    from documents
    group by region, department_name, scope, fiscal_year
),

side_by_side as (
    select
        coalesce(final_side.region, budget_side.region) as region,
        coalesce(final_side.department_name, budget_side.department_name) as department_name,
        coalesce(final_side.scope, budget_side.scope) as scope,
        coalesce(final_side.fiscal_year, budget_side.fiscal_year) as fiscal_year,
        coalesce(final_side.function_code, budget_side.function_code) as function_code,
        coalesce(final_side.fund_type, budget_side.fund_type) as fund_type,
        budget_side.amount as budget_amount,
        final_side.amount as final_amount
    from final_side
    full outer join budget_side
        on
            final_side.region = budget_side.region
            and final_side.department_name = budget_side.department_name
            and final_side.scope = budget_side.scope
            and final_side.fiscal_year = budget_side.fiscal_year
            and final_side.function_code = budget_side.function_code
            and final_side.fund_type = budget_side.fund_type
),

stated as (
    select
        document_id,
        function_code,
        prior_amount as stated_budget_amount,
        change_percent as stated_rate,
        reason as stated_reason
    from {{ ref('fct_narrative_fact') }}
    where topic = 'execution_item' and function_code is not null
    qualify row_number() over (partition by document_id, function_code order by fact_no) = 1
)

select
    side_by_side.region,
    side_by_side.department_name,
    side_by_side.scope,
    side_by_side.fiscal_year,
    side_by_side.function_code,
    side_by_side.fund_type,
    side_by_side.budget_amount,
    side_by_side.final_amount,
    cast(
        case when side_by_side.budget_amount <> 0 then side_by_side.final_amount / side_by_side.budget_amount end
        as decimal(12, 4)
    ) as execution_rate,
    bodies.budget_document_id,
    bodies.final_document_id,
    stated.stated_budget_amount,
    stated.stated_rate,
    stated.stated_reason
from side_by_side
inner join bodies
    on
        side_by_side.region = bodies.region
        and side_by_side.department_name = bodies.department_name
        and side_by_side.scope = bodies.scope
        and side_by_side.fiscal_year = bodies.fiscal_year
left join stated
    on
        bodies.final_document_id = stated.document_id
        and side_by_side.function_code = stated.function_code
        and side_by_side.fund_type = 'general_public'

-- Budget execution: the final account (决算) of a year beside the budget (预算) of the same body (region,
-- department_name, scope) and year, 项 by 项 and fund, from fct_expenditure (all expenditure types added up).
-- Items are paired by code first; codes left over on both sides are then paired by their printed names made
-- comparable (其他 / 其它, brackets full / half width, spaces, a trailing 支出), when a name picks exactly one
-- item on each side (paired_by). Either side is NULL where only one document is loaded or an item is
-- printed on one side only: such rows are kept.
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

by_code as (
    -- pairing 1: the same code on both sides
    select
        final_side.region,
        final_side.department_name,
        final_side.scope,
        final_side.fiscal_year,
        final_side.fund_type,
        budget_side.function_code as budget_function_code,
        final_side.function_code as final_function_code,
        budget_side.amount as budget_amount,
        final_side.amount as final_amount
    from final_side
    inner join budget_side
        on
            final_side.region = budget_side.region
            and final_side.department_name = budget_side.department_name
            and final_side.scope = budget_side.scope
            and final_side.fiscal_year = budget_side.fiscal_year
            and final_side.function_code = budget_side.function_code
            and final_side.fund_type = budget_side.fund_type
),

budget_left as (
    select
        budget_side.region,
        budget_side.department_name,
        budget_side.scope,
        budget_side.fiscal_year,
        budget_side.document_id,
        budget_side.function_code,
        budget_side.fund_type,
        budget_side.amount
    from budget_side
    where not exists (
        select 1
        from by_code
        where
            by_code.region = budget_side.region
            and by_code.department_name = budget_side.department_name
            and by_code.scope = budget_side.scope
            and by_code.fiscal_year = budget_side.fiscal_year
            and by_code.fund_type = budget_side.fund_type
            and by_code.budget_function_code = budget_side.function_code
    )
),

final_left as (
    select
        final_side.region,
        final_side.department_name,
        final_side.scope,
        final_side.fiscal_year,
        final_side.document_id,
        final_side.function_code,
        final_side.fund_type,
        final_side.amount
    from final_side
    where not exists (
        select 1
        from by_code
        where
            by_code.region = final_side.region
            and by_code.department_name = final_side.department_name
            and by_code.scope = final_side.scope
            and by_code.fiscal_year = final_side.fiscal_year
            and by_code.fund_type = final_side.fund_type
            and by_code.final_function_code = final_side.function_code
    )
),

code_name_keys as (
    -- each printed name of a code in a document, made comparable across the two documents
    select distinct
        document_id,
        code,
        {{ pairing_name_key('printed_name') }} as name_key
    from {{ ref('dim_code_as_printed') }}
    where classification = 'function'
),

name_candidates as (
    select distinct
        budget_left.region,
        budget_left.department_name,
        budget_left.scope,
        budget_left.fiscal_year,
        budget_left.fund_type,
        budget_left.function_code as budget_function_code,
        final_left.function_code as final_function_code,
        budget_left.amount as budget_amount,
        final_left.amount as final_amount
    from budget_left
    inner join code_name_keys as budget_names
        on
            budget_left.document_id = budget_names.document_id
            and budget_left.function_code = budget_names.code
    inner join final_left
        on
            budget_left.region = final_left.region
            and budget_left.department_name = final_left.department_name
            and budget_left.scope = final_left.scope
            and budget_left.fiscal_year = final_left.fiscal_year
            and budget_left.fund_type = final_left.fund_type
            and length(budget_left.function_code) = length(final_left.function_code)
    inner join code_name_keys as final_names
        on
            final_left.document_id = final_names.document_id
            and final_left.function_code = final_names.code
            and budget_names.name_key = final_names.name_key
),

by_name as (
    -- pairing 2: codes left unpaired on both sides whose names agree, when the name picks exactly one on each side
    select
        region,
        department_name,
        scope,
        fiscal_year,
        fund_type,
        budget_function_code,
        final_function_code,
        budget_amount,
        final_amount
    from name_candidates
    qualify
        count(*) over (
            partition by region, department_name, scope, fiscal_year, fund_type, budget_function_code
        ) = 1
        and count(*) over (
            partition by region, department_name, scope, fiscal_year, fund_type, final_function_code
        ) = 1
),

side_by_side as (
    -- paired rows, then the rows where only one side exists (kept)
    select
        region,
        department_name,
        scope,
        fiscal_year,
        final_function_code as function_code,
        budget_function_code,
        fund_type,
        budget_amount,
        final_amount,
        'code' as paired_by
    from by_code
    union all
    select
        region,
        department_name,
        scope,
        fiscal_year,
        final_function_code as function_code,
        budget_function_code,
        fund_type,
        budget_amount,
        final_amount,
        'name' as paired_by
    from by_name
    union all
    select
        region,
        department_name,
        scope,
        fiscal_year,
        function_code,
        function_code as budget_function_code,
        fund_type,
        amount as budget_amount,
        cast(null as decimal(18, 2)) as final_amount,
        cast(null as varchar) as paired_by
    from budget_left
    where
        not exists (
            select 1
            from by_name
            where
                by_name.region = budget_left.region
                and by_name.department_name = budget_left.department_name
                and by_name.scope = budget_left.scope
                and by_name.fiscal_year = budget_left.fiscal_year
                and by_name.fund_type = budget_left.fund_type
                and by_name.budget_function_code = budget_left.function_code
        )
    union all
    select
        region,
        department_name,
        scope,
        fiscal_year,
        function_code,
        cast(null as varchar) as budget_function_code,
        fund_type,
        cast(null as decimal(18, 2)) as budget_amount,
        amount as final_amount,
        cast(null as varchar) as paired_by
    from final_left
    where
        not exists (
            select 1
            from by_name
            where
                by_name.region = final_left.region
                and by_name.department_name = final_left.department_name
                and by_name.scope = final_left.scope
                and by_name.fiscal_year = final_left.fiscal_year
                and by_name.fund_type = final_left.fund_type
                and by_name.final_function_code = final_left.function_code
        )
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
    side_by_side.budget_function_code,
    side_by_side.paired_by,
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

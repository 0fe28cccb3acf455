-- 决算情况说明的“年初预算为X万元” = 已加载的同一主体同一年度预算文档的数（跨文档）：逐项条目对预算的一般公共预算
-- 支出功能分类表该项合计，一般公共预算合计条目对该表合计行。没有加载该预算时不检查。
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

facts as (
    select
        narrative.document_id,
        narrative.topic,
        narrative.label,
        narrative.item_no,
        narrative.function_code,
        narrative.xiang_name,
        narrative.prior_amount as stated_budget,
        narrative.line_no,
        budgets.document_id as budget_document_id
    from {{ ref('fct_narrative_fact') }} as narrative
    inner join documents as finals
        on narrative.document_id = finals.document_id
    inner join documents as budgets
        on
            finals.region = budgets.region
            and finals.department_name = budgets.department_name
            and finals.scope = budgets.scope
            and finals.fiscal_year = budgets.fiscal_year
            and budgets.kind = 'budget'
    where
        narrative.section = 'execution'
        and (narrative.topic = 'execution_item' or narrative.label = 'general_public')
),

budget_figures as (
    select
        document_id,
        case when row_kind = 'total' then 'general_public' end as total_label,
        code,
        amount
    from {{ ref('fct_published_amount') }}
    where table_key = 'general_public' and measure = 'total' and row_kind in ('code', 'total')
),

compared as (
    select
        facts.document_id,
        facts.function_code,
        facts.label,
        facts.item_no,
        facts.xiang_name,
        facts.stated_budget,
        coalesce(budget_figures.amount, 0) as budget_amount,
        facts.line_no,
        facts.budget_document_id
    from facts
    left join budget_figures
        on
            facts.budget_document_id = budget_figures.document_id
            and (
                (facts.topic = 'execution_item' and facts.function_code = budget_figures.code)
                or (facts.topic = 'execution_total' and facts.label = budget_figures.total_label)
            )
    where facts.topic = 'execution_total' or facts.function_code is not null
),

findings as (
    select
        document_id,
        'general_public' as table_name,
        function_code as code,
        'budget' as measure,
        {{ format_amount('budget_amount') }} as expected,
        {{ format_amount('stated_budget') }} as actual,
        budget_amount as expected_amount,
        stated_budget as actual_amount,
        {{ stated_severity('stated_budget', 'budget_amount', beyond='warning') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：',
            coalesce('第' || cast(item_no as varchar) || '条 ' || xiang_name, label),
            ' 写年初预算 ', {{ format_wan('stated_budget') }}, '，', {{ doc_label('budget_document_id') }},
            ' ', {{ table_label("'general_public'", 'budget_document_id') }}, '印 ',
            {{ format_table_money('budget_amount', 'budget_document_id') }},
            '（差 ', {{ format_wan('stated_budget - budget_amount') }}, '）'
        ) as message,
        line_no,
        budget_document_id as detail
    from compared
)

{{ select_findings('findings') }}

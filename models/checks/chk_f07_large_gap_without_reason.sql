-- 预算与决算相差大（相差超过预算的 {{ var('execution_gap_share', 0.1) }} 且超过
-- {{ var('execution_gap_amount', 100000) }} 元）却没有写明原因：情况说明逐项条目的两数，以及已加载预算文档与决算
-- 并排的一般公共预算各项（fct_budget_execution，该项没有带原因的条目时）。可能合理，为 warning。
with clause_gaps as (
    select
        narrative.document_id,
        narrative.function_code,
        narrative.item_no,
        narrative.xiang_name,
        narrative.prior_amount as budget_amount,
        narrative.amount as final_amount,
        narrative.line_no,
        '情况说明' as source_label
    from {{ ref('fct_narrative_fact') }} as narrative
    where
        narrative.section = 'execution'
        and narrative.topic = 'execution_item'
        and coalesce(narrative.reason, '') = ''
),

document_gaps as (
    select
        execution.final_document_id as document_id,
        execution.function_code,
        cast(null as integer) as item_no,
        cast(null as varchar) as xiang_name,
        execution.budget_amount,
        execution.final_amount,
        cast(null as integer) as line_no,
        '预算文档' as source_label
    from {{ ref('fct_budget_execution') }} as execution
    where
        execution.fund_type = 'general_public'
        and execution.final_document_id is not null
        and execution.budget_document_id is not null
        and coalesce(execution.stated_reason, '') = ''
        and not exists (
            select 1
            from clause_gaps
            where
                clause_gaps.document_id = execution.final_document_id
                and clause_gaps.function_code = execution.function_code
        )
),

gaps as (
    select * from clause_gaps
    union all
    select * from document_gaps
),

findings as (
    select
        document_id,
        'general_public' as table_name,
        function_code as code,
        'gap' as measure,
        {{ format_amount('coalesce(budget_amount, 0)') }} as expected,
        {{ format_amount('coalesce(final_amount, 0)') }} as actual,
        coalesce(budget_amount, 0) as expected_amount,
        coalesce(final_amount, 0) as actual_amount,
        case
            when
                abs(coalesce(final_amount, 0) - coalesce(budget_amount, 0))
                > {{ var('execution_gap_share', 0.1) }} * coalesce(budget_amount, 0)
                and abs(coalesce(final_amount, 0) - coalesce(budget_amount, 0))
                > {{ var('execution_gap_amount', 100000) }}
                then 'warning'
        end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 项 ', coalesce(function_code, xiang_name, ''),
            ' 预算 ', {{ format_table_money('coalesce(budget_amount, 0)') }}, '（', source_label, '），决算 ',
            {{ format_table_money('coalesce(final_amount, 0)') }}, '，相差 ',
            {{ format_table_money('coalesce(final_amount, 0) - coalesce(budget_amount, 0)') }}, '，没有写明原因'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from gaps
)

{{ select_findings('findings') }}

-- 绩效目标涉及的项目预算资金 vs 支出预算总表 项目支出合计：少于项目支出是 info（不是每个项目都要编报绩效目标），
-- 多于项目支出是 warning。
with stated as (
    select
        document_id,
        amount,
        printed_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where topic = 'performance_amount' and amount is not null
),

compared as (
    select
        stated.document_id,
        stated.amount as stated_amount,
        stated.printed_amount,
        stated.line_no,
        figures.amount as project_spending
    from stated
    inner join {{ ref('int_document_figures') }} as figures
        on
            stated.document_id = figures.document_id
            and figures.figure = 'project_expenditure'
),

findings as (
    select
        document_id,
        'other_information' as table_name,
        cast(null as varchar) as code,
        'performance_amount' as measure,
        {{ format_amount('project_spending') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        project_spending as expected_amount,
        stated_amount as actual_amount,
        case
            when {{ stated_severity('stated_amount', 'project_spending') }} is null then null
            when stated_amount < project_spending then 'info'
            else {{ stated_severity('stated_amount', 'project_spending', beyond='warning') }}
        end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 其他相关情况说明：编报绩效目标的项目涉及预算资金 ', printed_amount,
            {{ stated_in_table_unit('stated_amount', 'printed_amount') }},
            '，支出预算总表 项目支出合计 ', {{ format_table_money('project_spending') }}, '（差 ',
            {{ format_table_money('stated_amount - project_spending') }}, '）',
            case
                when stated_amount < project_spending
                    then '；绩效目标只为选定的项目编报，不涵盖全部项目支出，少于项目支出合计不是矛盾'
                else ''
            end
        ) as message,
        line_no,
        case when stated_amount < project_spending then '不是每个项目都须编报绩效目标，少于项目支出不一定矛盾' end as detail
    from compared
)

{{ select_findings('findings') }}

-- 单个项目的年度预算安排不超过支出预算总表 项目支出合计。
with compared as (
    select
        projects.document_id,
        projects.project_id,
        projects.project_name,
        projects.amount,
        projects.printed_amount,
        projects.line_no,
        figures.amount as project_spending
    from {{ ref('dim_project') }} as projects
    inner join {{ ref('int_document_figures') }} as figures
        on
            projects.document_id = figures.document_id
            and figures.figure = 'project_expenditure'
    where projects.amount is not null
),

findings as (
    select
        document_id,
        'project' as table_name,
        project_id as code,
        'amount' as measure,
        {{ format_amount('project_spending') }} as expected,
        {{ format_amount('amount') }} as actual,
        project_spending as expected_amount,
        amount as actual_amount,
        case when amount > project_spending + 50 then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 项目经费情况说明：项目「', coalesce(nullif(project_name, ''), '（无标题）'),
            '」年度预算安排 ', coalesce(printed_amount, {{ format_table_money('amount') }}),
            case
                when printed_amount is not null then {{ stated_in_table_unit('amount', 'printed_amount') }}
                else ''
            end,
            '，超过支出预算总表 项目支出合计 ', {{ format_table_money('project_spending') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

-- 项目经费情况说明列出了全部项目（节数 = 绩效目标写明的项目个数，且每个金额都读得出）时，
-- 各项目金额之和 = 支出预算总表 项目支出合计。
with projects as (
    select
        document_id,
        count(*) as project_count,
        count(amount) as amount_count,
        sum(amount) as projects_amount,
        min(line_no) as line_no
    from {{ ref('dim_project') }}
    group by document_id
),

stated_counts as (
    select
        document_id,
        max(quantity) as stated_count
    from {{ ref('fct_narrative_fact') }}
    where topic = 'performance_project_count'
    group by document_id
),

compared as (
    select
        projects.document_id,
        projects.project_count,
        projects.projects_amount,
        projects.line_no,
        figures.amount as project_spending
    from projects
    inner join stated_counts
        on projects.document_id = stated_counts.document_id
    inner join {{ ref('int_document_figures') }} as figures
        on
            projects.document_id = figures.document_id
            and figures.figure = 'project_expenditure'
    where
        projects.project_count = stated_counts.stated_count
        and projects.amount_count = projects.project_count
),

findings as (
    select
        document_id,
        'project' as table_name,
        cast(null as varchar) as code,
        'amount' as measure,
        {{ format_amount('project_spending') }} as expected,
        {{ format_amount('projects_amount') }} as actual,
        project_spending as expected_amount,
        projects_amount as actual_amount,
        {{ amount_severity('projects_amount - project_spending', '50 * project_count') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 项目经费情况说明：全部 ', cast(project_count as varchar), ' 个项目金额合计 ',
            {{ format_table_money('projects_amount') }}, '，支出预算总表 项目支出合计 ',
            {{ format_table_money('project_spending') }},
            '（差 ', {{ format_table_money('projects_amount - project_spending') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

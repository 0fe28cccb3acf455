-- 绩效目标写明的项目预算资金 = 各绩效目标填报表项目资金总额之和（填报表个数 = 写明的项目个数时）。
with forms as (
    select
        document_id,
        count(*) as form_count,
        sum(amount) as forms_amount,
        {{ printed_money_unit('max(printed_amount)') }} as forms_unit
    from {{ ref('fct_narrative_fact') }}
    where topic = 'performance_form_total' and amount is not null
    group by document_id
),

stated as (
    select
        document_id,
        max(amount) filter (where topic = 'performance_amount') as stated_amount,
        max(printed_amount) filter (where topic = 'performance_amount') as printed_amount,
        max(quantity) filter (where topic = 'performance_project_count') as stated_count,
        min(line_no) filter (where topic = 'performance_amount') as line_no
    from {{ ref('fct_narrative_fact') }}
    where topic in ('performance_amount', 'performance_project_count')
    group by document_id
),

compared as (
    select
        stated.document_id,
        stated.stated_amount,
        stated.printed_amount,
        stated.line_no,
        forms.forms_amount,
        forms.forms_unit,
        forms.form_count
    from stated
    inner join forms
        on stated.document_id = forms.document_id
    where stated.stated_count = forms.form_count and stated.stated_amount is not null
),

findings as (
    select
        document_id,
        'other_information' as table_name,
        cast(null as varchar) as code,
        'performance_amount' as measure,
        {{ format_amount('forms_amount') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        forms_amount as expected_amount,
        stated_amount as actual_amount,
        {{ stated_severity('stated_amount', 'forms_amount') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 其他相关情况说明：编报绩效目标的 ', cast(form_count as varchar),
            ' 个项目涉及预算资金 ', printed_amount, '，而 ', cast(form_count as varchar),
            ' 张绩效目标填报表的项目资金总额合计 ', {{ format_money('forms_amount', 'forms_unit') }}, '（差 ',
            {{ format_money('stated_amount - forms_amount', 'forms_unit') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

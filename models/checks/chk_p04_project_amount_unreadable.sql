-- 项目年度预算安排的金额印得不成数字（如“294.4044.00元”）：报告印刷原文和去掉多余小数点的读法。warning。
with unreadable as (
    select
        document_id,
        project_id,
        project_name,
        implementing_unit,
        printed_amount,
        line_no,
        regexp_extract(printed_amount, '^[0-9.,]+') as printed_number,
        case when printed_amount like '%万%' then 10000 else 1 end as unit_factor
    from {{ ref('dim_project') }}
    where amount is null and coalesce(printed_amount, '') <> ''
),

readings as (
    select
        unreadable.*,
        -- keep only the last decimal point: 294.4044.00 → 2944044.00
        replace(replace(
            left(
                unreadable.printed_number,
                length(unreadable.printed_number) - strpos(reverse(unreadable.printed_number), '.')
            ),
            '.',
            ''
        ), ',', '')
        || right(unreadable.printed_number, strpos(reverse(unreadable.printed_number), '.')) as candidate_number
    from unreadable
),

findings as (
    select
        document_id,
        'project' as table_name,
        project_id as code,
        'amount' as measure,
        {{ format_amount('try_cast(candidate_number as decimal(18, 2)) * unit_factor') }} as expected,
        printed_amount as actual,
        try_cast(candidate_number as decimal(18, 2)) * unit_factor as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        'warning' as severity,
        concat(
            {{ doc_label('document_id') }}, ' 项目经费情况说明：项目「', coalesce(nullif(project_name, ''), '（无标题）'),
            '」（', implementing_unit, '）年度预算安排印为“', printed_amount, '”，不是有效数字',
            coalesce(
                '；去掉多余的小数点读作 '
                || {{ format_money(
                    'try_cast(candidate_number as decimal(18, 2)) * unit_factor', printed_money_unit('printed_amount')
                ) }},
                ''
            )
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from readings
)

{{ select_findings('findings') }}

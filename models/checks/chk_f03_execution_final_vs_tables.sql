-- 决算情况说明每一条的“支出决算为Y万元” = 表中的决算数：逐项条目对一般公共预算财政拨款支出决算表该项合计，
-- 一般公共预算合计条目对该表合计行，三公条目对三公经费支出决算表各项决算数之和。
with facts as (
    select
        document_id,
        fact_no,
        topic,
        label,
        item_no,
        function_code,
        class_name,
        kuan_name,
        xiang_name,
        amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'execution'
),

table_figures as (
    select
        document_id,
        'item' as figure_kind,
        code,
        amount
    from {{ ref('fct_published_amount') }}
    where table_key = 'general_public' and row_kind = 'code' and measure = 'total'
    union all
    select
        document_id,
        'general_public' as figure_kind,
        cast(null as varchar) as code,
        amount
    from {{ ref('fct_published_amount') }}
    where table_key = 'general_public' and row_kind = 'total' and measure = 'total'
    union all
    select
        document_id,
        'three_public' as figure_kind,
        cast(null as varchar) as code,
        sum(amount) as amount
    from {{ ref('fct_three_public') }}
    where stage = 'final'
    group by document_id
),

compared as (
    select
        facts.document_id,
        facts.function_code,
        facts.label,
        facts.item_no,
        facts.xiang_name,
        facts.amount as stated_amount,
        coalesce(table_figures.amount, 0) as table_amount,
        facts.line_no
    from facts
    inner join table_figures
        on
            facts.document_id = table_figures.document_id
            and (
                (
                    facts.topic = 'execution_item'
                    and table_figures.figure_kind = 'item'
                    and facts.function_code = table_figures.code
                )
                or (facts.topic = 'execution_total' and facts.label = table_figures.figure_kind)
            )
),

findings as (
    select
        document_id,
        case when label = 'three_public' then 'three_public' else 'general_public' end as table_name,
        function_code as code,
        'final' as measure,
        {{ format_amount('table_amount') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        table_amount as expected_amount,
        stated_amount as actual_amount,
        {{ stated_severity('stated_amount', 'table_amount') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：',
            coalesce('第' || cast(item_no as varchar) || '条 ' || xiang_name, label),
            ' 写支出决算 ', {{ format_wan('stated_amount') }}, '，表中决算数 ', {{ format_table_money('table_amount') }},
            '（差 ', {{ format_table_money('stated_amount - table_amount') }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

-- 决算情况说明其他段落写的数 = 表：收入支出总计、本年收入合计及各来源、本年支出合计及各支出类型、财政拨款收入支出
-- 总计、一般公共预算财政拨款支出、基本支出、人员经费、公用经费（int_document_figures 中同名的数），以及结构段的
-- 各类（一般公共预算财政拨款支出决算表 类 合计）。按所写数的印刷精度：整万元 ±5,000 元，两位小数 ±50 元。
with stated as (
    select
        document_id,
        topic,
        label,
        class_name,
        amount,
        printed_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'final_explanation' and amount is not null
),

class_totals as (
    select
        cells.document_id,
        cells.code,
        printed_names.printed_name,
        cells.amount,
        cells.rounding_tolerance
    from {{ ref('int_published_cells') }} as cells
    inner join {{ ref('dim_code_as_printed') }} as printed_names
        on
            cells.document_id = printed_names.document_id
            and cells.code = printed_names.code
            and printed_names.classification = 'function'
    where
        cells.table_key = 'general_public'
        and cells.row_kind = 'code'
        and cells.measure = 'total'
        and length(cells.code) = 3
),

compared as (
    select
        stated.document_id,
        stated.topic,
        stated.label,
        cast(null as varchar) as code,
        stated.amount as stated_amount,
        stated.printed_amount,
        stated.line_no,
        figures.table_key,
        figures.amount as table_amount,
        figures.rounding_tolerance
    from stated
    inner join {{ ref('int_document_figures') }} as figures
        on
            stated.document_id = figures.document_id
            and stated.topic = figures.figure
    union all
    select
        stated.document_id,
        stated.topic,
        stated.label,
        class_totals.code,
        stated.amount as stated_amount,
        stated.printed_amount,
        stated.line_no,
        'general_public' as table_key,
        class_totals.amount as table_amount,
        class_totals.rounding_tolerance
    from stated
    inner join class_totals
        on
            stated.document_id = class_totals.document_id
            and {{ name_variant_key('stated.class_name') }} = {{ name_variant_key('class_totals.printed_name') }}
    where stated.topic = 'class_expenditure'
),

findings as (
    select
        document_id,
        'final_explanation' as table_name,
        code,
        topic as measure,
        {{ format_amount('table_amount') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        table_amount as expected_amount,
        stated_amount as actual_amount,
        {{ precision_severity('stated_amount', 'table_amount', 'printed_amount', 'rounding_tolerance') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：', label, ' 写 ', printed_amount,
            {{ stated_in_table_unit('stated_amount', 'printed_amount') }}, '，',
            {{ table_label('table_key', 'document_id') }},
            coalesce(' 类 ' || code, ''), ' ', {{ format_table_money('table_amount') }},
            '（差 ', {{ format_table_money('stated_amount - table_amount') }}, '）',
            {{ precision_note('printed_amount', 'rounding_tolerance', document_unit()) }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

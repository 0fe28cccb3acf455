-- 按标签印的汇总表 = 明细表（江苏模板）：收支预算总表的支出用途（基本 / 项目 / 单位预留机动经费）= 支出预算总表；
-- 财政拨款收支预算总表 基本支出 = 财政拨款基本支出预算表合计，支出合计 = 财政拨款支出预算表合计；
-- 收入预算总表各来源小计 = 收支预算总表收入栏同一来源。两边都印的数才比较（未印的不记为 0）。
with uses as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='financial_summary',
        measure='measure',
        group_by=['document_id', 'measure'],
        row_condition="table_key = 'financial_summary' and side = 'expenditure' and row_kind = 'item' and coalesce(code, '') = '' and measure in ('basic', 'project', 'reserve')",
        compare_row_condition="table_key = 'expenditure' and row_kind = 'item' and coalesce(code, '') = '' and measure in ('basic', 'project', 'reserve')",
        allow_missing_groups=true,
        label='收支预算总表 支出用途',
        compare_label='支出预算总表'
    ) }}
),

fiscal_basic as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='fiscal_summary',
        measure='basic',
        group_by=['document_id'],
        row_condition="table_key = 'fiscal_summary' and side = 'expenditure' and row_kind = 'item' and coalesce(code, '') = '' and measure = 'basic'",
        compare_row_condition="table_key = 'fiscal_basic_economic' and row_kind = 'total' and measure = 'total'",
        allow_missing_groups=true,
        label='财政拨款收支预算总表 基本支出',
        compare_label='财政拨款基本支出预算表 合计'
    ) }}
),

fiscal_total as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='fiscal_summary',
        measure='total',
        group_by=['document_id'],
        row_condition="table_key = 'fiscal_summary' and side = 'expenditure' and row_kind = 'total' and measure = 'total'",
        compare_row_condition="table_key = 'fiscal_function' and row_kind = 'total' and measure = 'total'",
        allow_missing_groups=true,
        label='财政拨款收支预算总表 支出合计',
        compare_label='财政拨款支出预算表 合计'
    ) }}
),

income_sources as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        table_key='income_sources',
        measure='measure',
        group_by=['document_id', 'measure'],
        row_condition="table_key = 'income_sources' and row_kind = 'item' and coalesce(code, '') = ''",
        compare_row_condition="table_key = 'financial_summary' and side = 'income' and row_kind = 'item' and coalesce(code, '') = '' and measure <> 'fiscal_appropriation' and " ~ documents_printing("table_key = 'income_sources' and row_kind = 'item' and coalesce(code, '') = ''"),
        label='收入预算总表 来源小计',
        compare_label='收支预算总表 收入栏'
    ) }}
),

findings as (
    select * from uses
    union all by name
    select * from fiscal_basic
    union all by name
    select * from fiscal_total
    union all by name
    select * from income_sources
)

{{ select_findings('findings') }}

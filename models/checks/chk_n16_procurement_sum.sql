-- 政府采购预算（决算：政府采购金额）= 货物 + 工程 + 服务（四个数各按印刷精度舍入：差额在各数半个末位之和以内为 info，如两位小数的
-- 万元 200 元）。
with procurement as (
    select
        document_id,
        max(amount) filter (where topic = 'procurement_total') as total_amount,
        max(printed_amount) filter (where topic = 'procurement_total') as printed_total,
        sum(amount) filter (
            where topic in ('procurement_goods', 'procurement_works', 'procurement_services')
        ) as parts_amount,
        count(*) filter (
            where topic in ('procurement_goods', 'procurement_works', 'procurement_services')
        ) as part_count,
        min(line_no) as line_no,
        max(section) as section,
        sum({{ printed_step('printed_amount') }} / 2) filter (
            where topic in ('procurement_total', 'procurement_goods', 'procurement_works', 'procurement_services')
        ) as printed_precision
    from {{ ref('fct_narrative_fact') }}
    where section in ('other', 'final_explanation') and topic like 'procurement_%'
    group by document_id
),

findings as (
    select
        document_id,
        case section when 'other' then 'other_information' else section end as table_name,
        cast(null as varchar) as code,
        'procurement_total' as measure,
        {{ format_amount('parts_amount') }} as expected,
        {{ format_amount('total_amount') }} as actual,
        parts_amount as expected_amount,
        total_amount as actual_amount,
        {{ amount_severity('total_amount - parts_amount', 'printed_precision') }} as severity,
        concat(
            {{ doc_label('document_id') }},
            case section when 'other' then ' 其他相关情况说明：政府采购预算 ' else ' 决算情况说明：政府采购金额 ' end,
            printed_total,
            '，货物 + 工程 + 服务 = ', {{ format_money('parts_amount', printed_money_unit('printed_total')) }}, '（差 ',
            {{ format_money('total_amount - parts_amount', printed_money_unit('printed_total')) }}, '；印刷精度 ±',
            {{ format_money('printed_precision', printed_money_unit('printed_total')) }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from procurement
    where total_amount is not null and part_count = 3
)

{{ select_findings('findings') }}

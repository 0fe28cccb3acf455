-- 政府采购预算（决算：政府采购金额）= 其中所列各分项之和：货物、工程、服务里文档印出的那几项（上海三项都印，
-- 江苏常只印货物与服务）。各数按印刷精度舍入：差额在各数半个末位之和以内为 info，如两位小数的万元 200 元。
-- 印出而未读到的分项是读取缺口（ingest 记在 procurement_parts 下，本检查的 meta.tables 列出它）：这时的发现
-- 在 fct_finding 中为“未核对”，不是文档的错误。
with parts as (
    select
        document_id,
        section,
        topic,
        amount,
        printed_amount,
        line_no,
        case topic
            when 'procurement_goods' then 1
            when 'procurement_works' then 2
            when 'procurement_services' then 3
        end as part_order,
        case topic
            when 'procurement_goods' then '货物'
            when 'procurement_works' then '工程'
            when 'procurement_services' then '服务'
        end as part_name
    from {{ ref('fct_narrative_fact') }}
    where section in ('other', 'final_explanation') and topic like 'procurement_%'
),

procurement as (
    select
        document_id,
        section,
        max(amount) filter (where topic = 'procurement_total') as total_amount,
        max(printed_amount) filter (where topic = 'procurement_total') as printed_total,
        sum(amount) filter (where part_order is not null) as parts_amount,
        count(amount) filter (where part_order is not null) as part_count,
        string_agg(part_name, ' + ' order by part_order) filter (where part_order is not null and amount is not null)
            as parts_printed,
        min(line_no) as line_no,
        sum({{ printed_step('printed_amount') }} / 2) filter (
            where topic = 'procurement_total' or (part_order is not null and amount is not null)
        ) as printed_precision
    from parts
    group by document_id, section
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
            {{ doc_label('document_id') }}, ' ',
            {{ part_label("case section when 'other' then 'other_information' else section end") }},
            case section when 'other' then '：政府采购预算 ' else '：政府采购金额 ' end,
            printed_total, '，', parts_printed, ' = ',
            {{ format_money('parts_amount', printed_money_unit('printed_total')) }}, '（差 ',
            {{ format_money('total_amount - parts_amount', printed_money_unit('printed_total')) }}, '；印刷精度 ±',
            {{ format_money('printed_precision', printed_money_unit('printed_total')) }}, '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from procurement
    where total_amount is not null and part_count > 0
)

{{ select_findings('findings') }}

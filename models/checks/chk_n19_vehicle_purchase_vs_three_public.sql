-- 预算安排购置车辆数与“三公”表的公务用车购置费：购置 0 辆却安排购置费，或购置车辆却没有购置费。warning。
with purchases as (
    select
        document_id,
        quantity,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'other' and topic = 'vehicles_purchase'
),

compared as (
    select
        purchases.document_id,
        purchases.quantity,
        purchases.line_no,
        figures.amount as purchase_amount
    from purchases
    inner join {{ ref('int_document_figures') }} as figures
        on
            purchases.document_id = figures.document_id
            and figures.figure = 'vehicle_purchase'
),

findings as (
    select
        document_id,
        'other_information' as table_name,
        cast(null as varchar) as code,
        'vehicles_purchase' as measure,
        case when quantity = 0 then '0.00' else '> 0' end as expected,
        {{ format_amount('purchase_amount') }} as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        purchase_amount as actual_amount,
        case when (quantity = 0) <> (purchase_amount = 0) then 'warning' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 其他相关情况说明：预算安排购置车辆 ', cast(quantity as varchar),
            ' 辆，“三公”经费表公务用车购置费 ', {{ format_table_money('purchase_amount') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

-- 车辆：各类车辆数之和 = 写明的车辆总数（现有车辆、预算安排购置的车辆）。
with counts as (
    select
        document_id,
        case when topic like 'vehicles_purchase%' then 'vehicles_purchase' else 'vehicles_owned' end as measure,
        max(quantity) filter (where topic in ('vehicles_owned', 'vehicles_purchase')) as total_count,
        sum(quantity) filter (where topic like '%_category') as category_count,
        count(*) filter (where topic like '%_category') as category_rows,
        min(line_no) as line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'other' and topic like 'vehicles_%'
    group by all
),

findings as (
    select
        document_id,
        'other_information' as table_name,
        cast(null as varchar) as code,
        measure,
        cast(category_count as varchar) as expected,
        cast(total_count as varchar) as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when total_count <> category_count then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ part_label("'other_information'") }}, '：',
            case measure when 'vehicles_purchase' then '预算安排购置车辆 ' else '共有车辆 ' end,
            cast(total_count as varchar), ' 辆，其中各类之和为 ', cast(category_count as varchar), ' 辆'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from counts
    where category_rows > 0 and total_count is not null
)

{{ select_findings('findings') }}

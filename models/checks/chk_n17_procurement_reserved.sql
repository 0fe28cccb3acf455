-- 面向中小企业预留的政府采购 ≤ 政府采购预算；其中预留给小型和微型企业的 ≤ 面向中小企业预留的。
with procurement as (
    select
        document_id,
        max(amount) filter (where topic = 'procurement_total') as total_amount,
        max(amount) filter (where topic = 'procurement_sme') as sme_amount,
        max(amount) filter (where topic = 'procurement_small_micro') as small_micro_amount,
        min(line_no) filter (where topic = 'procurement_sme') as line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'other' and topic like 'procurement_%'
    group by document_id
),

pairs as (
    select
        document_id,
        'procurement_sme' as measure,
        '面向中小企业预留' as part_label,
        '政府采购预算' as whole_label,
        sme_amount as part_amount,
        total_amount as whole_amount,
        line_no
    from procurement
    where sme_amount is not null and total_amount is not null
    union all
    select
        document_id,
        'procurement_small_micro' as measure,
        '预留给小型和微型企业' as part_label,
        '面向中小企业预留' as whole_label,
        small_micro_amount as part_amount,
        sme_amount as whole_amount,
        line_no
    from procurement
    where small_micro_amount is not null and sme_amount is not null
),

findings as (
    select
        document_id,
        'other_information' as table_name,
        cast(null as varchar) as code,
        measure,
        {{ format_amount('whole_amount') }} as expected,
        {{ format_amount('part_amount') }} as actual,
        whole_amount as expected_amount,
        part_amount as actual_amount,
        case when part_amount > whole_amount + 100 then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ part_label("'other_information'") }}, '：', part_label, ' ',
            {{ format_wan('part_amount') }},
            '，超过', whole_label, ' ', {{ format_wan('whole_amount') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from pairs
)

{{ select_findings('findings') }}

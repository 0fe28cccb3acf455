-- 条目写明的科目在表中找不到（名称对不上任何编码，金额也不能唯一确定）。warning。
with items as (
    select
        document_id,
        item_no,
        class_name,
        label,
        amount,
        printed_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where topic = 'item' and code_resolution = 'unresolved'
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        cast(null as varchar) as code,
        'item' as measure,
        cast(null as varchar) as expected,
        label as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        amount as actual_amount,
        'warning' as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ part_label("'explanation'") }}, '：',
            {{ item_ref('item_no', topic="'item'") }}, '“', label, '” ',
            printed_amount, '，在表中找不到对应的科目（名称与金额都对不上唯一的编码）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from items
)

{{ select_findings('findings') }}

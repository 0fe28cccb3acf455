-- “三公”经费各项 vs 经济分类表对应科目：因公出国（境）费 ↔ 30212，公务接待费 ↔ 30217，公务用车运行费 ↔ 30231。
-- warning：三公也含项目支出，经济分类表只含一般公共预算基本支出，两者可以合理地不同。
with three_public_items as (
    select
        document_id,
        figure as item,
        amount,
        rounding_tolerance,
        line_no
    from {{ ref('int_document_figures') }}
    where figure in ('abroad', 'reception', 'vehicle_operation')
),

item_codes as (
    select
        item_code.item,
        item_code.economic_code
    from (
        values ('abroad', '30212'), ('reception', '30217'), ('vehicle_operation', '30231')
    ) as item_code (item, economic_code)
),

economic_amounts as (
    select
        document_id,
        code,
        sum(amount) as amount
    from {{ ref('fct_published_amount') }}
    where table_key = 'basic_economic' and row_kind = 'code' and measure = 'total'
    group by document_id, code
),

economic_documents as (
    select distinct document_id
    from {{ ref('fct_published_amount') }}
    where table_key = 'basic_economic'
),

compared as (
    select
        three_public_items.document_id,
        three_public_items.item,
        item_codes.economic_code,
        three_public_items.amount as three_public_amount,
        three_public_items.rounding_tolerance,
        coalesce(economic_amounts.amount, 0) as economic_amount,
        three_public_items.line_no
    from three_public_items
    inner join item_codes
        on three_public_items.item = item_codes.item
    inner join economic_documents
        on three_public_items.document_id = economic_documents.document_id
    left join economic_amounts
        on
            three_public_items.document_id = economic_amounts.document_id
            and item_codes.economic_code = economic_amounts.code
),

findings as (
    select
        document_id,
        'three_public' as table_name,
        economic_code as code,
        item as measure,
        {{ format_amount('economic_amount') }} as expected,
        {{ format_amount('three_public_amount') }} as actual,
        economic_amount as expected_amount,
        three_public_amount as actual_amount,
        {{ stated_severity('three_public_amount', 'economic_amount', 'rounding_tolerance', beyond='warning') }}
            as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ table_label("'three_public'") }}, ': ',
            {{ vocabulary_case('item', 'measures') }}, ' ', {{ format_table_money('three_public_amount') }},
            '，经济分类表 款 ', economic_code, ' ', {{ format_table_money('economic_amount') }},
            '（差 ', {{ format_table_money('three_public_amount - economic_amount') }}, '；三公也含项目支出，可能合理）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

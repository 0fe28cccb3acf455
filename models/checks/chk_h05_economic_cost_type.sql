-- 经济分类表的列归属：301 工资福利支出、303 对个人和家庭的补助应为人员经费，302 商品和服务支出、
-- 310 资本性支出应为公用经费（惯例；印在另一列是 warning）。
with misplaced_cells as (
    select
        document_id,
        code,
        row_label,
        measure,
        amount,
        line_no,
        case when left(code, 3) in ('301', '303') then 'personnel' else 'public' end as usual_measure
    from {{ ref('fct_published_amount') }}
    where
        table_key = 'basic_economic'
        and row_kind = 'code'
        and left(code, 3) in ('301', '302', '303', '310')
        and measure in ('personnel', 'public')
        and amount <> 0
),

findings as (
    select
        document_id,
        'basic_economic' as table_name,
        code,
        measure,
        {{ vocabulary_case('usual_measure', 'measures') }} as expected,
        {{ vocabulary_case('measure', 'measures') }} as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        amount as actual_amount,
        case when measure <> usual_measure then 'warning' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ table_label("'basic_economic'", 'document_id') }}, ': ',
            {{ code_level('code') }}, ' ', code, ' ', row_label, ' 印在', {{ vocabulary_case('measure', 'measures') }},
            '列 ', {{ format_table_money('amount') }}, '，按惯例应为', {{ vocabulary_case('usual_measure', 'measures') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from misplaced_cells
)

{{ select_findings('findings') }}

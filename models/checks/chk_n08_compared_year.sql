-- 年份：说明中比较的年份（“比2024年…”“2024年当年预算执行数”）应为本年度的上一年；条目中“YYYY年预算安排”应为本年度。
with years as (
    select
        facts.document_id,
        facts.section,
        facts.topic,
        facts.item_no,
        facts.function_code,
        facts.label,
        facts.line_no,
        'prior_year' as year_kind,
        facts.prior_year as stated_year,
        documents.fiscal_year - 1 as expected_year
    from {{ ref('fct_narrative_fact') }} as facts
    inner join {{ ref('dim_document') }} as documents
        on facts.document_id = documents.document_id
    where facts.prior_year is not null
    union all
    select
        facts.document_id,
        facts.section,
        facts.topic,
        facts.item_no,
        facts.function_code,
        facts.label,
        facts.line_no,
        'restated_year' as year_kind,
        facts.restated_year as stated_year,
        documents.fiscal_year as expected_year
    from {{ ref('fct_narrative_fact') }} as facts
    inner join {{ ref('dim_document') }} as documents
        on facts.document_id = documents.document_id
    where facts.restated_year is not null
),

findings as (
    select
        document_id,
        case section when 'explanation' then 'explanation' else 'other_information' end as table_name,
        function_code as code,
        year_kind as measure,
        cast(expected_year as varchar) as expected,
        cast(stated_year as varchar) as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when stated_year <> expected_year then 'error' end as severity,
        concat(
            {{ doc_label('document_id') }},
            ' ',
            {{ table_label("case section when 'explanation' then 'explanation' else 'other_information' end") }},
            '：', coalesce('第' || cast(item_no as varchar) || '条 ', ''), label,
            case year_kind when 'prior_year' then ' 与 ' else ' 写 ' end, cast(stated_year as varchar),
            case year_kind when 'prior_year' then ' 年比较，应为上一年 ' else ' 年预算安排，应为本年度 ' end,
            cast(expected_year as varchar), ' 年'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from years
)

{{ select_findings('findings') }}

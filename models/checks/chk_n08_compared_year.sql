-- 年份：说明中比较的年份（“比2024年…”“2024年当年预算执行数”）应为本年度的上一年；条目中“YYYY年预算安排”应为本年度。
-- 同一处错印的年份（如 2026 年预算中多处“与2026年预算持平”）是一个发现：每个文档、说明部分、年份种类和所写年份一行，
-- 列出各处。
with years as (
    select
        facts.document_id,
        facts.section,
        facts.topic,
        {{ item_ref('facts.item_no', 'facts.class_name', 'facts.topic', 'facts.document_id') }} as item_reference,
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
        {{ item_ref('facts.item_no', 'facts.class_name', 'facts.topic', 'facts.document_id') }} as item_reference,
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

misprints as (
    select
        document_id,
        case section when 'explanation' then 'explanation' else 'other_information' end as table_name,
        year_kind,
        stated_year,
        expected_year,
        count(*) as places,
        min(line_no) as line_no,
        case when count(distinct function_code) = 1 and count(*) = count(function_code) then min(function_code) end
            as code,
        string_agg(item_reference || label, '、' order by line_no, label)
            as labels
    from years
    where stated_year <> expected_year
    group by document_id, table_name, year_kind, stated_year, expected_year
),

findings as (
    select
        document_id,
        table_name,
        code,
        year_kind as measure,
        cast(expected_year as varchar) as expected,
        cast(stated_year as varchar) as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        'error' as severity,
        concat(
            {{ doc_label('document_id') }},
            ' ',
            {{ part_label('table_name') }},
            '：', labels,
            case when places > 1 then '（' || cast(places as varchar) || ' 处）' else '' end,
            case year_kind when 'prior_year' then ' 与 ' else ' 写 ' end, cast(stated_year as varchar),
            case year_kind when 'prior_year' then ' 年比较，应为上一年 ' else ' 年预算安排，应为本年度 ' end,
            cast(expected_year as varchar), ' 年'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from misprints
)

{{ select_findings('findings') }}

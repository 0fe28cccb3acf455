-- 导入时无法确定而未载入的行（数字所属列不唯一、金额读不出）：表中的数字不能同时满足表的恒等式，
-- 该行的数字没有进入仓库。这是我们读取的缺口（fct_finding.finding_kind = parse_gap），不是文档的错误：
-- warning（须核对原文；若是导入的局限，修正导入）。读取同一表、同一编码链的其他检查在 fct_finding 中
-- 随之降为 parse_gap（“未核对”）。
with issues as (
    select
        document_id,
        table_key,
        line_no,
        issue,
        row_text,
        coalesce(
            nullif(regexp_extract(row_text, '^\s*(\d{7}|\d{5})(\s|$)', 1), ''),
            nullif(replace(regexp_extract(row_text, '^\s*(\d{3}(\s+\d{2}){0,2})(\s|$)', 1), ' ', ''), '')
        ) as row_code
    from {{ ref('stg_parse_issues') }}
    where severity = 'error'
),

findings as (
    select
        document_id,
        coalesce(nullif(table_key, ''), 'document') as table_name,
        row_code as code,
        'row' as measure,
        cast(null as varchar) as expected,
        row_text as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        'warning' as severity,
        concat(
            {{ doc_label('document_id') }}, ' ',
            {{ table_label("coalesce(nullif(table_key, ''), 'document')", 'document_id') }},
            ' 第 ', cast(line_no as varchar), ' 行未载入：', issue, '（', coalesce(row_text, ''), '）'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from issues
)

{{ select_findings('findings') }}

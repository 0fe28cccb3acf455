-- 决算情况说明逐项条目的“主要用于……基本支出 / 项目支出”vs 一般公共预算财政拨款支出决算表该项的基本支出、项目支出：
-- 只说基本支出而表中全是项目支出（或反之）是 warning（文字判断）；表中两者都有而只说其一是 info。
with items as (
    select
        document_id,
        item_no,
        function_code,
        xiang_name,
        regexp_extract(source_text, '主要用于[：:]?([^。]*)', 1) as purpose,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'execution' and topic = 'execution_item' and function_code is not null
),

worded as (
    select
        *,
        case
            when contains(purpose, '基本支出') and not contains(purpose, '项目支出') then 'basic'
            when contains(purpose, '项目支出') and not contains(purpose, '基本支出') then 'project'
        end as stated_type
    from items
),

table_types as (
    select
        document_id,
        code,
        coalesce(sum(amount) filter (where measure = 'basic'), 0) as basic_amount,
        coalesce(sum(amount) filter (where measure = 'project'), 0) as project_amount
    from {{ ref('int_published_cells') }}
    where table_key = 'general_public' and row_kind = 'code' and measure in ('basic', 'project')
    group by document_id, code
),

compared as (
    select
        worded.*,
        table_types.basic_amount,
        table_types.project_amount,
        case worded.stated_type
            when 'basic' then table_types.project_amount else table_types.basic_amount
        end as other_amount,
        case worded.stated_type
            when 'basic' then table_types.basic_amount else table_types.project_amount
        end as stated_type_amount
    from worded
    inner join table_types
        on
            worded.document_id = table_types.document_id
            and worded.function_code = table_types.code
    where worded.stated_type is not null
),

findings as (
    select
        document_id,
        'general_public' as table_name,
        function_code as code,
        stated_type as measure,
        {{ format_amount('other_amount') }} as expected,
        case stated_type when 'basic' then '基本支出' else '项目支出' end as actual,
        other_amount as expected_amount,
        stated_type_amount as actual_amount,
        case
            when other_amount = 0 then null
            when stated_type_amount = 0 then 'warning'
            else 'info'
        end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：第', cast(item_no as varchar), '条 ', xiang_name,
            ' 说主要用于', case stated_type when 'basic' then '基本支出' else '项目支出' end, '，',
            {{ table_label("'general_public'", 'document_id') }}, ' 该项基本支出 ', {{ format_table_money('basic_amount') }},
            '、项目支出 ', {{ format_table_money('project_amount') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

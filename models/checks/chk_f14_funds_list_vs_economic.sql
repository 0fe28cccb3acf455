-- 决算情况说明（基本支出）人员经费 / 公用经费“主要包括”所列的各项 vs 一般公共预算财政拨款基本支出决算表：列出的一项
-- 在表中为空（或为 0）是 warning（说明与表相反）；表中该侧有数的款没有列出是 info（“主要包括”可以不全）；列出的名称
-- 在表中找不到也是 info（名称写法不同，未能核对）。名称只差其他 / 其它、括号全半角或空格视为相同。
with listed as (
    select
        document_id,
        case topic when 'personnel_item' then 'personnel' else 'public' end as cost_type,
        label as item_name,
        item_no,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where section = 'final_explanation' and topic in ('personnel_item', 'public_item')
),

economic_names as (
    select distinct
        document_id,
        code,
        printed_name
    from {{ ref('dim_code_as_printed') }}
    where classification = 'economic' and length(code) = 5
),

economic_amounts as (
    select
        document_id,
        code,
        measure as cost_type,
        sum(amount) as amount
    from {{ ref('int_published_cells') }}
    where table_key = 'basic_economic' and row_kind = 'code' and length(code) = 5
    group by document_id, code, measure
),

matched as (
    select
        listed.document_id,
        listed.cost_type,
        listed.item_name,
        listed.item_no,
        listed.line_no,
        economic_names.code,
        coalesce(sum(economic_amounts.amount), 0) as table_amount
    from listed
    left join economic_names
        on
            listed.document_id = economic_names.document_id
            and {{ name_variant_key('listed.item_name') }} = {{ name_variant_key('economic_names.printed_name') }}
    left join economic_amounts
        on
            economic_names.document_id = economic_amounts.document_id
            and economic_names.code = economic_amounts.code
    group by all
),

code_names as (
    select
        document_id,
        code,
        min(printed_name) as printed_name
    from economic_names
    group by document_id, code
),

list_lines as (
    select
        document_id,
        cost_type,
        min(line_no) as line_no
    from listed
    group by document_id, cost_type
),

omitted as (
    select
        economic_amounts.document_id,
        economic_amounts.cost_type,
        economic_amounts.code,
        economic_amounts.amount,
        lists.line_no,
        code_names.printed_name
    from economic_amounts
    left join code_names
        on
            economic_amounts.document_id = code_names.document_id
            and economic_amounts.code = code_names.code
    inner join list_lines as lists
        on
            economic_amounts.document_id = lists.document_id
            and economic_amounts.cost_type = lists.cost_type
    where
        economic_amounts.amount <> 0
        and not exists (
            select 1
            from matched
            where
                matched.document_id = economic_amounts.document_id
                and matched.code = economic_amounts.code
        )
),

findings as (
    select
        document_id,
        'basic_economic' as table_name,
        code,
        cost_type as measure,
        coalesce({{ format_amount('table_amount') }}, '表中无此名称') as expected,
        item_name as actual,
        table_amount as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when code is null then 'info' when table_amount = 0 then 'warning' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：',
            case cost_type when 'personnel' then '人员经费' else '公用经费' end, '主要包括第 ',
            cast(item_no as varchar), ' 项“', item_name, '”，',
            case
                when code is null then concat({{ table_label("'basic_economic'", 'document_id') }}, ' 没有这个名称的款（未核对）')
                else concat({{ table_label("'basic_economic'", 'document_id') }}, ' 款 ', code, ' 为空')
            end
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from matched
    union all
    select
        document_id,
        'basic_economic' as table_name,
        code,
        cost_type as measure,
        {{ format_amount('amount') }} as expected,
        '未列出' as actual,
        amount as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        'info' as severity,
        concat(
            {{ doc_label('document_id') }}, ' 决算情况说明：',
            case cost_type when 'personnel' then '人员经费' else '公用经费' end, '主要包括的各项中没有 款 ', code, ' ',
            coalesce(printed_name, ''), '，', {{ table_label("'basic_economic'", 'document_id') }}, ' 印 ',
            {{ format_table_money('amount') }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from omitted
)

{{ select_findings('findings') }}

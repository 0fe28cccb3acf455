-- 条目写明的“X（类）Y（款）Z（项）”名称 = 该科目编码在表中印刷的类、款、项名称；只差异体字（其他 / 其它）、
-- 括号全半角或空格时是同一名称，info；类名省去末尾的“支出”（“公共安全（类）”）是同一名称。表中名称的简写（去掉末尾的
-- “费”或“支出”后是表中名称的开头：“机关事业单位职业年金”对“机关事业单位职业年金缴费支出”）或同样的字换了顺序（“一般行政事务管理”
-- 对“一般行政管理事务”）也只是 info：说的是同一个科目，只是没照表抄。
with items as (
    select
        document_id,
        {{ item_ref('item_no', topic="'item'") }} as item_reference,
        label,
        function_code,
        line_no,
        class_name,
        kuan_name,
        xiang_name
    from {{ ref('fct_narrative_fact') }}
    where topic = 'item' and function_code is not null and class_name <> ''
),

stated_names as (
    select
        document_id,
        item_reference,
        label,
        line_no,
        left(function_code, 3) as code,
        'class_name' as measure,
        class_name as stated_name
    from items
    union all
    select
        document_id,
        item_reference,
        label,
        line_no,
        left(function_code, 5) as code,
        'kuan_name' as measure,
        kuan_name as stated_name
    from items
    where length(function_code) >= 5 and kuan_name <> ''
    union all
    select
        document_id,
        item_reference,
        label,
        line_no,
        function_code as code,
        'xiang_name' as measure,
        xiang_name as stated_name
    from items
    where length(function_code) = 7 and xiang_name <> ''
),

printed_names as (
    select
        document_id,
        code,
        string_agg(distinct printed_name, '／' order by printed_name) as printed_names
    from {{ ref('dim_code_as_printed') }}
    where classification = 'function'
    group by document_id, code
),

compared as (
    select
        stated_names.*,
        printed_names.printed_names,
        exists(
            select 1
            from {{ ref('dim_code_as_printed') }} as same_name
            where
                same_name.document_id = stated_names.document_id
                and same_name.code = stated_names.code
                and (
                    same_name.printed_name = stated_names.stated_name
                    -- a 类 named without its closing 支出 is the name fct_narrative_fact resolved it by
                    or (
                        stated_names.measure = 'class_name'
                        and same_name.printed_name = stated_names.stated_name || '支出'
                    )
                )
        ) as name_matches,
        exists(
            select 1
            from {{ ref('dim_code_as_printed') }} as same_name
            where
                same_name.document_id = stated_names.document_id
                and same_name.code = stated_names.code
                and {{ name_variant_key('same_name.printed_name') }}
                = {{ name_variant_key('stated_names.stated_name') }}
        ) as variant_matches,
        exists(
            select 1
            from {{ ref('dim_code_as_printed') }} as same_name
            where
                same_name.document_id = stated_names.document_id
                and same_name.code = stated_names.code
                and (
                    list_sort(string_split(same_name.printed_name, ''))
                    = list_sort(string_split(stated_names.stated_name, ''))
                    or (
                        length(regexp_replace(stated_names.stated_name, '(费|支出)$', '')) >= 4
                        and starts_with(
                            same_name.printed_name, regexp_replace(stated_names.stated_name, '(费|支出)$', '')
                        )
                    )
                )
        ) as near_matches
    from stated_names
    inner join printed_names
        on
            stated_names.document_id = printed_names.document_id
            and stated_names.code = printed_names.code
),

findings as (
    select
        document_id,
        'explanation' as table_name,
        code,
        measure,
        printed_names as expected,
        stated_name as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when name_matches then null when variant_matches or near_matches then 'info' else 'error' end as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ part_label("'explanation'") }}, '：', item_reference, '“',
            label, '” 把',
            {{ code_level('code') }}, ' ', code, ' 写作“', stated_name, '”，表中印“', printed_names, '”'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}

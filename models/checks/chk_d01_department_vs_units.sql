-- 部门预算 vs 同年度已载入的所属单位预算之和（支出预算总表每个末级科目的基本支出 / 项目支出）。
-- 所属单位：parent_document_id 指向该部门预算的单位预算（dim_document：名称相同（本级）或列在机构设置中）。
-- 单位之和超过部门是 error；部门多于单位之和：机构设置列出的有预算的单位都已载入时是 error，否则 warning
-- （可能有下属单位未载入）。
with departments as (
    select document_id
    from {{ ref('dim_document') }}
    where scope = 'department'
),

member_units as (
    select
        document_id,
        reason
    from {{ ref('fct_narrative_fact') }}
    where topic = 'member_unit'
),

units as (
    select
        document_id as unit_document_id,
        parent_document_id as document_id
    from {{ ref('dim_document') }}
    where parent_document_id is not null
),

coverage as (
    select
        departments.document_id,
        (
            select count(*)
            from units
            where units.document_id = departments.document_id
        ) as loaded_units,
        (
            select count(*)
            from member_units
            where member_units.document_id = departments.document_id and member_units.reason <> '不单列预算'
        ) as budgeted_members
    from departments
),

department_amounts as (
    select
        document_id,
        function_code,
        expenditure_type,
        sum(amount) as amount
    from {{ ref('fct_expenditure') }}
    where fund_type = 'all' and document_id in (select units.document_id from units)
    group by document_id, function_code, expenditure_type
),

unit_amounts as (
    select
        units.document_id,
        expenditure.function_code,
        expenditure.expenditure_type,
        sum(expenditure.amount) as amount
    from {{ ref('fct_expenditure') }} as expenditure
    inner join units
        on expenditure.document_id = units.unit_document_id
    where expenditure.fund_type = 'all'
    group by units.document_id, expenditure.function_code, expenditure.expenditure_type
),

compared as (
    select
        coalesce(department_amounts.document_id, unit_amounts.document_id) as document_id,
        coalesce(department_amounts.function_code, unit_amounts.function_code) as function_code,
        coalesce(department_amounts.expenditure_type, unit_amounts.expenditure_type) as expenditure_type,
        coalesce(department_amounts.amount, 0) as department_amount,
        coalesce(unit_amounts.amount, 0) as units_amount
    from department_amounts
    full outer join unit_amounts
        on
            department_amounts.document_id = unit_amounts.document_id
            and department_amounts.function_code = unit_amounts.function_code
            and department_amounts.expenditure_type = unit_amounts.expenditure_type
),

findings as (
    select
        compared.document_id,
        'expenditure' as table_name,
        compared.function_code as code,
        compared.expenditure_type as measure,
        {{ format_amount('compared.department_amount') }} as expected,
        {{ format_amount('compared.units_amount') }} as actual,
        compared.department_amount as expected_amount,
        compared.units_amount as actual_amount,
        case
            when compared.units_amount > compared.department_amount then 'error'
            when
                compared.units_amount < compared.department_amount
                and coverage.budgeted_members > 0
                and coverage.loaded_units >= coverage.budgeted_members
                then 'error'
            when compared.units_amount < compared.department_amount then 'warning'
        end as severity,
        concat(
            {{ doc_label('compared.document_id') }}, ' ',
            {{ table_label("'expenditure'", 'compared.document_id') }}, ' ',
            {{ code_level('compared.function_code') }}, ' ',
            compared.function_code, ' ', {{ vocabulary_case('compared.expenditure_type', 'measures') }},
            ': 部门预算 ', {{ format_table_money('compared.department_amount', 'compared.document_id') }},
            '，已载入的 ', cast(coverage.loaded_units as varchar), ' 份单位预算之和 ',
            {{ format_table_money('compared.units_amount', 'compared.document_id') }},
            '（差 ',
            {{ format_table_money('compared.units_amount - compared.department_amount', 'compared.document_id') }},
            '）'
        ) as message,
        cast(null as integer) as line_no,
        case
            when coverage.loaded_units < coverage.budgeted_members or coverage.budgeted_members = 0
                then concat(
                    '机构设置列出有预算的单位 ', cast(coverage.budgeted_members as varchar), ' 家，已载入 ',
                    cast(coverage.loaded_units as varchar), ' 份单位预算'
                )
        end as detail
    from compared
    inner join coverage
        on compared.document_id = coverage.document_id
)

{{ select_findings('findings') }}

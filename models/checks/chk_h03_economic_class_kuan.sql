-- 经济分类 类 = 其下各款之和（一般公共预算基本支出经济分类预算表），每一列。
with findings as (
    {{ hierarchy_findings(ref('fct_published_amount'), 'H03') }}
)

{{ select_findings('findings') }}

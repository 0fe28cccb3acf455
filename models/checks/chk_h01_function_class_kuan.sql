-- 功能分类 类 = 其下各款之和：五张功能分类表（收入、支出、三张财政拨款支出表），每一列。
with findings as (
    {{ hierarchy_findings(ref('fct_published_amount'), 'H01') }}
)

{{ select_findings('findings') }}

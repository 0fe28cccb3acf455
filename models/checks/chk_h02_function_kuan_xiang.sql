-- 功能分类 款 = 其下各项之和：五张功能分类表，每一列。
with findings as (
    {{ hierarchy_findings(ref('fct_published_amount'), 'H02') }}
)

{{ select_findings('findings') }}

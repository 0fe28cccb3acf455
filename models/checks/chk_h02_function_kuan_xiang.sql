-- 功能分类 款 = 其下各项之和：五张功能分类表，每一列。
with findings as (
    {{ children_sum_findings(
        ref('fct_published_amount'),
        row_condition="row_kind = 'code' and classification = 'function' and code_level = '款'",
        children_model=ref('fct_published_amount'),
        children_row_condition="row_kind = 'code' and classification = 'function' and code_level = '项'",
        rounding_column='rounding_tolerance',
        children_rounding_column='rounding_tolerance',
        parent_label="concat_ws(' ', code_level, code, row_label)"
    ) }}
)

{{ select_findings('findings') }}

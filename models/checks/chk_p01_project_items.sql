-- 项目经费情况说明：年度预算安排的各分项之和 = 项目金额。
with findings as (
    {{ children_sum_findings(
        ref('dim_project'),
        code_column='project_id',
        value_column='amount',
        group_by=['document_id'],
        presence_by=['document_id'],
        row_condition='amount is not null',
        children_model=ref('fct_project_item'),
        children_parent_column='project_id',
        children_value_column='amount',
        children_row_condition='true',
        table_key="'project'",
        measure="'amount'",
        parent_label="concat('项目「', coalesce(nullif(project_name, ''), '（无标题）'), '」（', implementing_unit, '）')",
        children_label="'其分项合计'"
    ) }}
)

{{ select_findings('findings') }}

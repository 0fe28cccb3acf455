-- 合计行 = 各类之和：每个模板的每张编码表（budget_vocabulary().coded_tables），每一列（一个文档印了合计行却没有类行，或反之，也算不一致）。
with findings as (
    {{ aggregate_equality_findings(
        ref('fct_published_amount'),
        expression='sum(amount)',
        compare_model=ref('fct_published_amount'),
        rounding_expression='sum(rounding_tolerance)',
        compare_rounding_expression='sum(rounding_tolerance)',
        group_by=['document_id', 'table_key', 'measure'],
        table_key='table_key',
        measure='measure',
        row_condition="row_kind = 'total' and table_key in (" ~ coded_table_list() ~ ")",
        compare_row_condition="row_kind = 'code' and code_level = '类' and table_key in (" ~ coded_table_list() ~ ")",
        allow_missing_groups=false,
        label_table='table_key',
        label='合计行印刷',
        compare_label='各类之和'
    ) }}
)

{{ select_findings('findings') }}

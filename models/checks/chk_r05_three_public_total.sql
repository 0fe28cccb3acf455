-- “三公”经费表：合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='total',
        part_measures=['abroad', 'reception', 'vehicle_total'],
        row_key=['document_id', 'table_key'],
        row_condition="table_key = 'three_public'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}

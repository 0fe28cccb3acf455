-- “三公”经费表：公务用车购置及运行费 = 购置费 + 运行费。
with findings as (
    {{ row_total_findings(
        ref('fct_published_amount'),
        total_measure='vehicle_total',
        part_measures=['vehicle_purchase', 'vehicle_operation'],
        row_key=['document_id', 'table_key'],
        row_condition="table_key = 'three_public'",
        rounding_column='rounding_tolerance'
    ) }}
)

{{ select_findings('findings') }}

-- 其他相关情况说明写的“三公”经费各项“比上年预算增减”推得的上年数 = 上年文档“三公”经费表印的数。
with findings as (
    {{ prior_year_findings(
        'other',
        ['three_public_total', 'abroad', 'reception', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation',
         'operation_fund'],
        'other_information'
    ) }}
)

{{ select_findings('findings') }}

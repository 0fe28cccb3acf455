-- 其他相关情况说明的“三公”经费各数（合计、因公出国（境）、公务接待、公务用车购置及运行、购置、运行；江苏还有会议费、
-- 培训费）= “三公”经费表。
{{ stated_vs_table_findings(
    'other',
    ['three_public_total', 'abroad', 'reception', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation', 'meeting',
     'training'],
    'other_information'
) }}

-- 其他相关情况说明的机关运行经费 = “三公”经费和机关运行经费预算表的机关运行经费。
{{ stated_vs_table_findings('other', ['operation_fund'], 'other_information') }}

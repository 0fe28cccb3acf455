-- 预算编制说明中的收支总数 = 表：收入预算、财政拨款收入、事业收入、事业单位经营收入、其他收入（财务收支预算总表），
-- 支出预算（支出总计），财政拨款支出及一般公共预算 / 政府性基金 / 国有资本经营预算拨款支出（财政拨款收支预算总表）；
-- 江苏情况说明的基本支出 / 项目支出 / 单位预留机动经费预算数（支出预算总表）。
{{ stated_vs_table_findings(
    'explanation',
    ['income_total', 'fiscal_income', 'business_income', 'operating_income', 'other_income',
     'expenditure_total', 'fiscal_expenditure', 'general_public_expenditure',
     'government_fund_expenditure', 'state_capital_expenditure', 'basic_expenditure', 'project_expenditure',
     'reserve_expenditure'],
    'explanation'
) }}

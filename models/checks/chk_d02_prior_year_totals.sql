-- 预算编制说明写的“比上年预算增减”推得的上年收支总数、财政拨款收支和三类拨款支出 = 上年文档印的数。
with findings as (
    {{ prior_year_findings(
        'explanation',
        ['income_total', 'fiscal_income', 'expenditure_total', 'fiscal_expenditure', 'general_public_expenditure',
         'government_fund_expenditure', 'state_capital_expenditure'],
        'explanation'
    ) }}
)

{{ select_findings('findings') }}

-- Per document and function code (any level): the figures the narrative is compared with.
-- fiscal_amount: 财政拨款 = 合计 of the three fund tables (一般公共预算 + 政府性基金 + 国有资本经营), or, when
-- none of them prints the code, the 收入预算总表 财政拨款收入 column; all_funds_amount: 支出预算总表 合计.
with coded_totals as (
    select
        document_id,
        table_key,
        code,
        measure,
        amount
    from {{ ref('int_published_cells') }}
    where
        row_kind = 'code'
        and classification = 'function'
        and (
            (table_key in ('general_public', 'government_fund', 'state_capital', 'expenditure') and measure = 'total')
            or (table_key = 'income' and measure = 'fiscal_appropriation')
        )
),

code_amounts as (
    select
        document_id,
        code,
        sum(amount) filter (
            where table_key in ('general_public', 'government_fund', 'state_capital')
        ) as fund_tables_amount,
        sum(amount) filter (where table_key = 'income') as income_fiscal_amount,
        sum(amount) filter (where table_key = 'expenditure') as all_funds_amount
    from coded_totals
    group by document_id, code
)

select
    document_id,
    code,
    {{ code_level('code') }} as code_level,
    coalesce(fund_tables_amount, income_fiscal_amount) as fiscal_amount,
    all_funds_amount,
    fund_tables_amount,
    income_fiscal_amount
from code_amounts

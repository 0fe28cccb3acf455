-- Per document and function code (any level): the figures the narrative is compared with.
-- fiscal_amount: 财政拨款 = 合计 of the three fund tables (一般公共预算 + 政府性基金 + 国有资本经营), or, when
-- none of them prints the code, the 收入预算总表 财政拨款收入 column; all_funds_amount: 支出预算总表 合计;
-- rounding_tolerance: how far a printed cell of these tables may be from the exact amount (万元 tables).
with coded_totals as (
    select
        document_id,
        table_key,
        code,
        measure,
        amount,
        case
            when printed_unit = '万元'
                then {{ var('wan_yuan_rounding', 50) }} * power(
                    10,
                    2 - max(length(coalesce(regexp_extract(printed_amount, '\.(\d+)$', 1), ''))) over (
                        partition by document_id, table_key
                    )
                )
            else 0
        end as rounding_tolerance
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
        sum(amount) filter (where table_key = 'expenditure') as all_funds_amount,
        max(rounding_tolerance) as rounding_tolerance
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
    income_fiscal_amount,
    cast(rounding_tolerance as decimal(18, 2)) as rounding_tolerance
from code_amounts

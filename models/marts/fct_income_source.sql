-- Income by source where a document prints it without codes (contract v1.1): the income column of the
-- 收支（预算）总表 (上海 财务收支预算总表, 江苏 收支预算总表), else the 收入预算总表's source groups (江苏).
-- 财政拨款 is left out where the table also prints its parts (一般公共预算 / 政府性基金 / 国有资本经营), so
-- the sources add up to the current year's income; a source a table does not print is absent, not zero.
with income_items as (
    select
        document_id,
        table_key,
        measure as income_source,
        amount,
        printed_amount,
        row_label,
        line_no,
        row_text
    from {{ ref('int_published_cells') }}
    where
        row_kind = 'item'
        and coalesce(code, '') = ''
        and (
            (table_key = 'financial_summary' and side = 'income')
            or table_key = 'income_sources'
        )
        and measure in (
            'fiscal_appropriation', 'general_public', 'government_fund', 'state_capital', 'special_account',
            'business', 'operating', 'other', 'carryover'
        )
),

-- The 收支总表 is the source where it prints income items; the 收入预算总表 only where it does not.
chosen_table as (
    select
        document_id,
        min(case when table_key = 'financial_summary' then 1 else 2 end) as table_rank
    from income_items
    group by document_id
),

chosen_items as (
    select
        income_items.document_id,
        income_items.table_key,
        income_items.income_source,
        income_items.amount,
        income_items.printed_amount,
        income_items.row_label,
        income_items.line_no,
        income_items.row_text
    from income_items
    inner join chosen_table
        on
            income_items.document_id = chosen_table.document_id
            and (case when income_items.table_key = 'financial_summary' then 1 else 2 end) = chosen_table.table_rank
),

fiscal_parts_printed as (
    select distinct
        document_id,
        table_key
    from chosen_items
    where income_source in ('general_public', 'government_fund', 'state_capital')
)

select
    chosen_items.document_id,
    chosen_items.income_source,
    chosen_items.amount,
    chosen_items.table_key,
    chosen_items.row_label,
    chosen_items.printed_amount,
    chosen_items.line_no,
    chosen_items.row_text
from chosen_items
left join fiscal_parts_printed
    on
        chosen_items.document_id = fiscal_parts_printed.document_id
        and chosen_items.table_key = fiscal_parts_printed.table_key
where not (chosen_items.income_source = 'fiscal_appropriation' and fiscal_parts_printed.document_id is not null)

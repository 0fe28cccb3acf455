-- Per document, the published totals the narrative speaks about, one row per figure (named like the
-- narrative topics of fct_narrative_fact), read from the table that prints it, with a fallback:
--   income_total, fiscal_income, business_income, operating_income, other_income (and a 决算's
--   superior_subsidy_income, subordinate_remittance_income)
--       财务收支预算总表 income side (else 收入预算总表 合计 row, else for fiscal_income the 决算 总表's
--       three fund items added up); a blank source is 0
--   expenditure_total                 财务收支预算总表 支出总计 (else 支出预算总表 合计)
--   fiscal_expenditure                财政拨款收支预算总表 支出总计 (else Σ 合计 rows of the three fund tables)
--   general_public_expenditure, government_fund_expenditure, state_capital_expenditure
--                                     财政拨款收支预算总表 支出总计 per fund (else that fund table's 合计)
--   basic_expenditure, project_expenditure   支出预算总表 合计 row (else, and reserve_expenditure, its single
--                                            uncoded row: Jiangsu)
--   to_superior_expenditure, operating_expenditure, to_subordinates_expenditure   支出决算表 合计 row
--   general_public_basic_expenditure         一般公共预算 table 合计 row, 基本支出
--   grand_total, fiscal_grand_total          the two summary tables' 总计 (income side)
--   public_funds, personnel_funds            经济分类表 合计 row (公用经费 / 人员经费)
--   three_public_total, abroad, reception, vehicle_total, vehicle_purchase, vehicle_operation,
--   operation_fund                           三公 table (blank = 0 when the table prints a row), else
--                                            the 机关运行经费 table by economic code (Jiangsu), its 合计
with cells as (
    select
        document_id,
        table_key,
        side,
        row_kind,
        code,
        measure,
        amount,
        rounding_tolerance,
        line_no
    from {{ ref('int_published_cells') }}
),

candidates as (
    -- (figure, priority): the lowest priority printed wins
    select
        document_id,
        case measure
            when 'total' then 'income_total'
            when 'fiscal_appropriation' then 'fiscal_income'
            when 'business' then 'business_income'
            when 'operating' then 'operating_income'
            when 'other' then 'other_income'
            when 'superior_subsidy' then 'superior_subsidy_income'
            when 'subordinate_remittance' then 'subordinate_remittance_income'
        end as figure,
        case table_key when 'financial_summary' then 1 else 2 end as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        (table_key = 'financial_summary' and side = 'income' and row_kind in ('item', 'total'))
        or (table_key = 'income' and row_kind = 'total')
    union all
    select
        document_id,
        'expenditure_total' as figure,
        case table_key when 'financial_summary' then 1 else 2 end as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        row_kind = 'total'
        and measure = 'total'
        and ((table_key = 'financial_summary' and side = 'expenditure') or table_key = 'expenditure')
    union all
    select
        document_id,
        case measure
            when 'total' then 'fiscal_expenditure'
            else measure || '_expenditure'
        end as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where table_key = 'fiscal_summary' and side = 'expenditure' and row_kind = 'total'
    union all
    select
        document_id,
        table_key || '_expenditure' as figure,
        2 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        table_key in ('general_public', 'government_fund', 'state_capital')
        and row_kind = 'total'
        and measure = 'total'
    union all
    select
        document_id,
        measure || '_expenditure' as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where table_key = 'expenditure' and row_kind = 'total' and measure in ('basic', 'project')
    union all
    select
        document_id,
        measure || '_expenditure' as figure,
        2 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        table_key = 'expenditure'
        and row_kind = 'item'
        and coalesce(code, '') = ''
        and measure in ('basic', 'project', 'reserve')
    union all
    select
        document_id,
        case measure
            when 'operating_expenditure' then measure
            when 'to_superior' then 'to_superior_expenditure'
            when 'to_subordinates' then 'to_subordinates_expenditure'
        end as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        table_key = 'expenditure'
        and row_kind = 'total'
        and measure in ('to_superior', 'operating_expenditure', 'to_subordinates')
    union all
    -- a 决算's 收入支出决算总表 prints 财政拨款收入 as its three funds: their sum, after the tables printing it whole
    select
        document_id,
        'fiscal_income' as figure,
        3 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        table_key = 'financial_summary'
        and side = 'income'
        and row_kind = 'item'
        and measure in ('general_public', 'government_fund', 'state_capital')
    union all
    select
        document_id,
        'general_public_basic_expenditure' as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where table_key = 'general_public' and row_kind = 'total' and measure = 'basic'
    union all
    select
        document_id,
        case table_key when 'financial_summary' then 'grand_total' else 'fiscal_grand_total' end as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where
        table_key in ('financial_summary', 'fiscal_summary')
        and side = 'income'
        and row_kind = 'grand_total'
        and measure = 'total'
    union all
    select
        document_id,
        measure || '_funds' as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where table_key = 'basic_economic' and row_kind = 'total' and measure in ('public', 'personnel')
    union all
    select
        document_id,
        case measure when 'total' then 'three_public_total' else measure end as figure,
        1 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where table_key = 'three_public'
    union all
    select
        document_id,
        'operation_fund' as figure,
        2 as priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from cells
    where table_key = 'operation_fund_economic' and row_kind = 'total' and measure = 'total'
),

fund_table_sums as (
    -- fiscal_expenditure fallback: Σ 合计 rows of the three fund tables
    select
        document_id,
        'fiscal_expenditure' as figure,
        3 as priority,
        'general_public' as table_key,
        sum(amount) as amount,
        sum(rounding_tolerance) as rounding_tolerance,
        min(line_no) as line_no
    from cells
    where
        table_key in ('general_public', 'government_fund', 'state_capital')
        and row_kind = 'total'
        and measure = 'total'
    group by document_id
),

printed_figures as (
    select
        document_id,
        figure,
        priority,
        table_key,
        sum(amount) as amount,
        sum(rounding_tolerance) as rounding_tolerance,
        min(line_no) as line_no
    from candidates
    where figure is not null
    group by document_id, figure, priority, table_key
    union all
    select
        document_id,
        figure,
        priority,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from fund_table_sums
),

chosen as (
    select
        document_id,
        figure,
        table_key,
        amount,
        rounding_tolerance,
        line_no
    from printed_figures
    qualify row_number() over (partition by document_id, figure order by priority, table_key) = 1
),

blank_defaults as (
    -- a source / fund / 三公 item left blank in a table that is printed counts 0
    select distinct
        printed.document_id,
        blank_figures.figure,
        blank_figures.table_key
    from chosen as printed
    inner join (
        values
        ('income_total', 'business_income', 'financial_summary'),
        ('income_total', 'operating_income', 'financial_summary'),
        ('income_total', 'other_income', 'financial_summary'),
        ('income_total', 'fiscal_income', 'financial_summary'),
        ('fiscal_expenditure', 'general_public_expenditure', 'fiscal_summary'),
        ('fiscal_expenditure', 'government_fund_expenditure', 'fiscal_summary'),
        ('fiscal_expenditure', 'state_capital_expenditure', 'fiscal_summary'),
        ('three_public_total', 'abroad', 'three_public'),
        ('three_public_total', 'reception', 'three_public'),
        ('three_public_total', 'vehicle_total', 'three_public'),
        ('three_public_total', 'vehicle_purchase', 'three_public'),
        ('three_public_total', 'vehicle_operation', 'three_public'),
        ('three_public_total', 'operation_fund', 'three_public'),
        ('operation_fund', 'three_public_total', 'three_public')
    ) as blank_figures (present_figure, figure, table_key)
        on
            printed.figure = blank_figures.present_figure
            -- a 机关运行经费 of its own table says nothing about a 三公 table
            and (printed.figure <> 'operation_fund' or printed.table_key = blank_figures.table_key)
)

select
    chosen.document_id,
    chosen.figure,
    chosen.table_key,
    chosen.amount,
    chosen.rounding_tolerance,
    chosen.line_no,
    true as is_printed
from chosen
union all
select
    blank_defaults.document_id,
    blank_defaults.figure,
    blank_defaults.table_key,
    cast(0 as decimal(18, 2)) as amount,
    cast(0 as decimal(18, 2)) as rounding_tolerance,
    cast(null as integer) as line_no,
    false as is_printed
from blank_defaults
where not exists (
    select 1
    from chosen
    where chosen.document_id = blank_defaults.document_id and chosen.figure = blank_defaults.figure
)

-- Leaf-grain income by source from 收入预算总表 (a final account's 收入决算表 adds 上级补助 /
-- 附属单位上缴): leaf code rows, source columns (not 合计), zero cells omitted.
with leaf_cells as (
    select
        document_id,
        code,
        code_level,
        measure,
        amount,
        printed_amount,
        line_no,
        row_text,
        column_source
    from {{ ref('int_published_cells') }}
    where
        row_kind = 'code'
        and table_key = 'income'
        and is_leaf
        and measure in (
            'fiscal_appropriation', 'business', 'operating', 'other', 'superior_subsidy', 'subordinate_remittance'
        )
        and amount <> 0
)

select
    document_id,
    code as function_code,
    measure as income_source,
    amount,
    code_level,
    line_no,
    row_text,
    printed_amount,
    column_source
from leaf_cells

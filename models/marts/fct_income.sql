-- Leaf-grain income by source from 收入预算总表: leaf code rows, source columns (not 合计), zero cells omitted.
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
        and measure in ('fiscal_appropriation', 'business', 'operating', 'other')
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

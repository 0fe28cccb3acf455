-- Every printed cell of the nine tables with its provenance, coded rows with level / parent / leaf flag.
-- The arithmetic checks run on this model; nothing is built from it, so a failing test never skips a mart.
with published_cells as (
    select
        document_id,
        table_key,
        side,
        row_kind,
        row_key,
        code,
        classification,
        code_level,
        parent_code,
        is_leaf,
        row_label,
        measure,
        amount,
        printed_amount,
        printed_unit,
        rounding_tolerance,
        line_no,
        page_no,
        row_text,
        column_source
    from {{ ref('int_published_cells') }}
)

select
    document_id,
    table_key,
    side,
    row_kind,
    row_key,
    code,
    classification,
    code_level,
    parent_code,
    is_leaf,
    row_label,
    measure,
    amount,
    printed_amount,
    printed_unit,
    rounding_tolerance,
    line_no,
    page_no,
    row_text,
    column_source
from published_cells

-- Printed cells of coded rows (function 类/款/项, economic 类/款) with level, parent and leaf flag.
-- A code is a leaf when no child code is printed (with at least one cell) in the same document and table.
with coded_cells as (
    select
        document_id,
        table_key,
        code,
        row_label,
        measure,
        amount,
        printed_amount,
        printed_unit,
        line_no,
        page_no,
        row_text,
        column_source
    from {{ ref('stg_amounts') }}
    where row_kind = 'code'
),

printed_codes as (
    select distinct
        document_id,
        table_key,
        code
    from coded_cells
),

parents_with_children as (
    select distinct
        document_id,
        table_key,
        {{ parent_code('code') }} as code
    from printed_codes
    where {{ parent_code('code') }} is not null
)

select
    coded_cells.document_id,
    coded_cells.table_key,
    case
        when coded_cells.table_key = 'basic_economic' then 'economic' else 'function'
    end as classification,
    coded_cells.code,
    {{ code_level('coded_cells.code') }} as code_level,
    {{ parent_code('coded_cells.code') }} as parent_code,
    parents_with_children.code is null as is_leaf,
    coded_cells.row_label,
    coded_cells.measure,
    coded_cells.amount,
    coded_cells.printed_amount,
    coded_cells.printed_unit,
    coded_cells.line_no,
    coded_cells.page_no,
    coded_cells.row_text,
    coded_cells.column_source
from coded_cells
left join parents_with_children
    on
        coded_cells.document_id = parents_with_children.document_id
        and coded_cells.table_key = parents_with_children.table_key
        and coded_cells.code = parents_with_children.code

{#-
    One row per code printed by any document, with its canonical name: among the documents of the
    latest fiscal year in which the code is printed, the name printed by the most documents (ties:
    the lexicographically smallest name). Level and parent come from the code (类 3 digits, 款 5, 项 7).

    printed_codes: a relation with document_id, code, printed_name (one row per document, code and
    distinct printed name, as stg_function_codes / stg_economic_codes).
-#}
{% macro canonical_code_names(printed_codes, code_name, name_name) %}
with printed_names as (
    select distinct
        printed_codes.document_id,
        printed_codes.code,
        printed_codes.printed_name,
        documents.fiscal_year
    from {{ printed_codes }} as printed_codes
    inner join {{ ref('stg_documents') }} as documents
        on printed_codes.document_id = documents.document_id
),

code_latest_year as (
    select
        code,
        max(fiscal_year) as latest_fiscal_year,
        count(distinct document_id) as document_count,
        count(distinct printed_name) as printed_name_count
    from printed_names
    group by code
),

latest_year_name_counts as (
    select
        printed_names.code,
        printed_names.printed_name,
        count(distinct printed_names.document_id) as name_document_count
    from printed_names
    inner join code_latest_year
        on
            printed_names.code = code_latest_year.code
            and printed_names.fiscal_year = code_latest_year.latest_fiscal_year
    group by printed_names.code, printed_names.printed_name
),

ranked_names as (
    select
        code,
        printed_name,
        name_document_count,
        row_number() over (
            partition by code
            order by name_document_count desc, printed_name asc
        ) as name_rank
    from latest_year_name_counts
)

select
    code_latest_year.code as {{ code_name }},
    {{ code_level('code_latest_year.code') }} as level,
    ranked_names.printed_name as {{ name_name }},
    {{ parent_code('code_latest_year.code') }} as parent_code,
    code_latest_year.latest_fiscal_year,
    ranked_names.name_document_count as latest_year_name_document_count,
    code_latest_year.document_count,
    code_latest_year.printed_name_count
from code_latest_year
inner join ranked_names
    on
        code_latest_year.code = ranked_names.code
        and ranked_names.name_rank = 1
{% endmacro %}

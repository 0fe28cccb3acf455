{#-
    What fct_finding adds to the checks' rows: acknowledgements (acknowledge_findings) and the links of a
    finding to the parse gaps it depends on (parse_gap_links). One place for each rule: fct_finding and the
    generic tests in tests/generic/ call them.
-#}

{#-
    The rows of `findings` (a CTE or relation with check_id, document_id, table_name, code, measure,
    expected, actual and each of `columns`) with their acknowledgement (seeds/acknowledged_findings.csv),
    as two more columns: acknowledged_reason, acknowledged. A row is acknowledged when an acknowledgement
    has its check_id and, for each of document_id, table_name, code, measure, expected and actual, the
    same value or an empty cell (empty = any). fct_finding and the generic test
    sum_of_children_equals_parent judge acknowledgements through this one macro (their only statement of
    the rule). Rows identical in every one of `columns` come out as one.
-#}
{% macro acknowledge_findings(findings, columns) -%}
    select
        {{ findings }}.{{ columns | join(', ' ~ findings ~ '.') }},
        min(acknowledgements.reason) as acknowledged_reason,
        count(acknowledgements.check_id) > 0 as acknowledged
    from {{ findings }}
    left join {{ ref('acknowledged_findings') }} as acknowledgements
        on
            {{ findings }}.check_id = acknowledgements.check_id
            and (acknowledgements.document_id is null or {{ findings }}.document_id = acknowledgements.document_id)
            and (acknowledgements.table_name is null or {{ findings }}.table_name = acknowledgements.table_name)
            and (acknowledgements.code is null or {{ findings }}.code = acknowledgements.code)
            and (acknowledgements.measure is null or {{ findings }}.measure = acknowledgements.measure)
            and (acknowledgements.expected is null or {{ findings }}.expected = acknowledgements.expected)
            and (acknowledgements.actual is null or {{ findings }}.actual = acknowledgements.actual)
    group by all
{%- endmacro %}


{#-
    The parse-gap rule, stated once: fct_finding (finding_kind = 'parse_gap') and the generic test
    sum_of_children_equals_parent (which leaves such rows out) both call this macro. A finding of
    `findings` (a CTE or relation with document_id, check_id, table_name, code, measure, message) depends
    on an unplaced row of `gaps` (the rows of check I01: document_id, table_name, code, line_no) when the
    row is in the finding's document — or, for a check across documents (family D), in another document
    of the same body (region and department_name) — and in the finding's table or a table its check reads
    (dim_check.tables_read), at a code the row may hold: the same code, its parent or child, or either
    without code. Its figure may be the unloaded one, so the finding is "not checked", never the
    document's error. One row per such finding (its six key columns) with gap_lines: the unplaced rows'
    line numbers, 'document_id:line_no' for another document's, comma-separated.
-#}
{% macro parse_gap_links(findings, gaps) -%}
    select
        {{ findings }}.document_id,
        {{ findings }}.check_id,
        {{ findings }}.table_name,
        {{ findings }}.code,
        {{ findings }}.measure,
        {{ findings }}.message,
        -- a gap without a line (a template table not found, or cut off by a missing page) is named by its table
        string_agg(
            distinct concat(
                case when not related_documents.is_same_document then concat(gap_rows.document_id, ':') end,
                coalesce(cast(gap_rows.line_no as varchar), gap_rows.table_name)
            ),
            ', '
        ) as gap_lines
    from {{ findings }}
    inner join (
        -- each document with itself and with the other documents of the same body
        select
            documents.document_id,
            same_body.document_id as related_document_id,
            documents.document_id = same_body.document_id as is_same_document
        from {{ ref('dim_document') }} as documents
        inner join {{ ref('dim_document') }} as same_body
            on
                documents.region = same_body.region
                and documents.department_name = same_body.department_name
    ) as related_documents
        on
            {{ findings }}.document_id = related_documents.document_id
            and (related_documents.is_same_document or {{ findings }}.check_id like 'D%')
    inner join {{ gaps }} as gap_rows
        on related_documents.related_document_id = gap_rows.document_id
    where
        {{ findings }}.check_id <> 'I01'
        and (
            {{ findings }}.table_name = gap_rows.table_name
            or exists (
                select 1
                from (
                    select
                        catalogue.check_id,
                        unnest(string_split(catalogue.tables_read, ', ')) as table_name
                    from {{ ref('dim_check') }} as catalogue
                ) as check_tables
                where check_tables.check_id = {{ findings }}.check_id and check_tables.table_name = gap_rows.table_name
            )
        )
        and (
            gap_rows.code is null
            or {{ findings }}.code is null
            or starts_with({{ findings }}.code, gap_rows.code)
            or starts_with(gap_rows.code, {{ findings }}.code)
        )
    group by all
{%- endmacro %}

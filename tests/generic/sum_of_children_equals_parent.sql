{#-
    One hierarchy identity (`check`: H01 function 类 = Σ 款, H02 function 款 = Σ 项, H03 economic 类 = Σ 款)
    in one coded table (`table`, a table_key) and one measure, per document, on a model shaped like
    fct_published_amount. It calls hierarchy_findings, the macro the check models H01-H03 call, so its
    rows are exactly the error-level findings fct_finding has for that identity, table and measure.
    Every such row is returned (and stored in the audit schema) with `acknowledged` judged as in
    fct_finding (acknowledge_findings); only the rows not acknowledged count, so a reviewed misprint stays
    visible and a new one makes the test named for it warn. A row that depends on a row the ingest could
    not place (check I01) is left out by the rule fct_finding uses for its parse gaps (parse_gap_links):
    its sum may miss the unloaded figure, so it is not the document's error. Severity warn: a test on
    fct_published_amount that errors would skip fct_finding downstream; the build gate stays
    new_error_findings on fct_finding.
-#}
{% test sum_of_children_equals_parent(model, check, table, measure) %}
{{ config(fail_calc='count(*) filter (where not acknowledged)', severity='warn') }}
with identity_findings as (
    {{ hierarchy_findings(model, check) }}
),

identity_errors as (
    select
        '{{ check }}' as check_id,
        document_id,
        table_name,
        code,
        measure,
        expected,
        actual,
        message,
        line_no
    from identity_findings
    where
        severity = 'error'
        and table_name = '{{ table }}'
        and measure = '{{ measure }}'
),

unplaced_rows as (
    select
        document_id,
        table_name,
        code,
        line_no
    from {{ ref('chk_i01_unplaced_rows') }}
),

gap_links as (
    {{ parse_gap_links('identity_errors', 'unplaced_rows') }}
),

checked_errors as (
    select
        identity_errors.check_id,
        identity_errors.document_id,
        identity_errors.table_name,
        identity_errors.code,
        identity_errors.measure,
        identity_errors.expected,
        identity_errors.actual,
        identity_errors.message,
        identity_errors.line_no
    from identity_errors
    where not exists (
        select 1
        from gap_links
        where
            gap_links.document_id = identity_errors.document_id
            and gap_links.check_id = identity_errors.check_id
            and gap_links.table_name is not distinct from identity_errors.table_name
            and gap_links.code is not distinct from identity_errors.code
            and gap_links.measure is not distinct from identity_errors.measure
            and gap_links.message = identity_errors.message
    )
),

judged_errors as (
    {{ acknowledge_findings('checked_errors', [
        'check_id', 'document_id', 'table_name', 'code', 'measure', 'expected', 'actual', 'message', 'line_no'
    ]) }}
)

select
    check_id,
    document_id,
    table_name,
    code,
    measure,
    expected,
    actual,
    message,
    line_no,
    acknowledged,
    acknowledged_reason
from judged_errors
{% endtest %}

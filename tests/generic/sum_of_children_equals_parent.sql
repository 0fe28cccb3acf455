{#-
    One hierarchy identity (`check`: H01 function 类 = Σ 款, H02 function 款 = Σ 项, H03 economic 类 = Σ 款)
    in one coded table (`table`, a table_key) and one measure, per document, on a model shaped like
    fct_published_amount. It calls hierarchy_findings, the macro the check models H01-H03 call, so its
    rows are exactly the error-level findings fct_finding has for that identity, table and measure.
    Every such row is returned (and stored in the audit schema) with `acknowledged` judged as in
    fct_finding (acknowledge_findings); only the rows not acknowledged count, so a reviewed misprint stays
    visible and a new one makes the test named for it warn. A row of a document whose table has an
    unplaced row at a related code (check I01: same code, parent or child, or no code) is left out: its sum
    may miss the unloaded figure, so fct_finding calls it a parse gap, not the document's error. Severity warn: a test on fct_published_amount
    that errors would skip fct_finding downstream; the build gate stays new_error_findings on fct_finding
    (which also knows parse gaps).
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

parse_gaps as (
    select
        document_id,
        table_name,
        code
    from {{ ref('chk_i01_unplaced_rows') }}
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
        from parse_gaps
        where
            parse_gaps.document_id = identity_errors.document_id
            and parse_gaps.table_name = identity_errors.table_name
            and (
                parse_gaps.code is null
                or starts_with(identity_errors.code, parse_gaps.code)
                or starts_with(parse_gaps.code, identity_errors.code)
            )
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

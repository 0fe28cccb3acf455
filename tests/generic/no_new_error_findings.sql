{#-
    The gate: every document error (finding_kind = 'document_error': an error-level finding that does not
    depend on a row the ingest could not place) that is not acknowledged (seeds/acknowledged_findings.csv).
    Parse gaps are listed by the report, but a gap in our reading never fails the build as the document's error.
    Attached to fct_finding, which no model depends on, so a failing gate never skips a mart; the
    failing rows are stored in audit.<test name> and printed by scripts/report_findings.py.
-#}
{% test no_new_error_findings(model) %}
select
    document_id,
    check_id,
    severity,
    table_name,
    code,
    measure,
    expected,
    actual,
    message
from {{ model }}
where finding_kind = 'document_error' and not acknowledged
{% endtest %}

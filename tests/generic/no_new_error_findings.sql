{#-
    The gate: every error-level finding that is not acknowledged (seeds/acknowledged_findings.csv).
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
where severity = 'error' and not acknowledged
{% endtest %}

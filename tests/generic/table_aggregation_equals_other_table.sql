{#-
    Generic-test form of `aggregate_equality_findings` (macros/findings.sql): an aggregate of one model
    equals an aggregate of another, group by group. Returns the error-level disagreements with a
    `message`. The check catalogue (models/checks, fct_finding) calls the same macro.
    Arguments: see the macro.
-#}
{% test table_aggregation_equals_other_table(model, expression, compare_model) %}
with findings as (
    {{ aggregate_equality_findings(model, expression, compare_model, **kwargs) }}
)

select *
from findings
where severity = 'error'
{% endtest %}

{#-
    Generic-test form of `row_total_findings` (macros/findings.sql): a row's total column = the sum of
    its part columns, on a long-format model. Returns the error-level disagreements with a `message`.
    The check catalogue (models/checks, fct_finding) calls the same macro. Arguments: see the macro.
-#}
{% test row_total_equals_sum_of_columns(model, total_measure, part_measures) %}
with findings as (
    {{ row_total_findings(model, total_measure, part_measures, **kwargs) }}
)

select *
from findings
where severity = 'error'
{% endtest %}

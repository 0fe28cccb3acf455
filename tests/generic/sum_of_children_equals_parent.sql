{#-
    Generic-test form of `children_sum_findings` (macros/findings.sql): parent value = sum of its
    children's values over any code hierarchy. Returns the error-level disagreements (differences
    within display rounding are 'info' and do not fail), each with a plain-language `message`.
    The check catalogue (models/checks, fct_finding) calls the same macro; use this test for other
    models. Arguments: see the macro.
-#}
{% test sum_of_children_equals_parent(model) %}
with findings as (
    {{ children_sum_findings(model, **kwargs) }}
)

select *
from findings
where severity = 'error'
{% endtest %}

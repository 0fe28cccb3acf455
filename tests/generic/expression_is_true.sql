{#- Every row (optionally filtered by `row_condition`) satisfies the SQL `expression`; returns the others. -#}
{% test expression_is_true(model, expression, row_condition=none, column_name=none) %}
select *
from {{ model }}
where
    ({{ row_condition or 'true' }})
    and not coalesce(({{ expression }}), false)
{% endtest %}

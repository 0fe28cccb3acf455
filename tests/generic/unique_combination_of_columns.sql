{#- The combination of `combination_of_columns` is unique: returns each duplicated key with its count. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
with keyed_rows as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as row_count
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
)

select *
from keyed_rows
where row_count > 1
{% endtest %}

{#-
    Every value of the column is a key of one dictionary of budget_vocabulary() (macros/vocabulary.sql,
    generated from the template registry), e.g. `vocabulary_name: table_measures` for table keys.
-#}
{% test in_vocabulary(model, column_name, vocabulary_name) %}
    {%- set allowed = budget_vocabulary()[vocabulary_name].keys() | list -%}
    select {{ column_name }} as unexpected_value
    from {{ model }}
    where
        {{ column_name }} is not null
        and {{ column_name }} not in (
            {%- for value in allowed %}'{{ value }}'{{ ', ' if not loop.last }}{% endfor -%}
        )
{% endtest %}


{#- Every row's measure is one its table may carry in some template family (budget_vocabulary().table_measures). -#}
{% test measure_declared_for_table(model, column_name, table_column='table_key') %}
    {%- set table_measures = budget_vocabulary()['table_measures'] -%}
    select
        {{ table_column }} as table_key,
        {{ column_name }} as measure
    from {{ model }}
    where not coalesce(
        case {{ table_column }}
        {%- for table_key, measures in table_measures.items() %}
            when '{{ table_key }}' then {{ column_name }} in (
                {%- for measure in measures %}'{{ measure }}'{{ ', ' if not loop.last }}{% endfor -%}
            )
        {%- endfor %}
        end,
        false
    )
{% endtest %}

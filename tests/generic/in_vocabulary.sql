{#-
    Every value of the column is a key of one dictionary of budget_vocabulary() (macros/vocabulary.sql,
    generated from the template registry), e.g. `vocabulary_name: table_measures` for table keys.
-#}
{% test in_vocabulary(model, column_name, vocabulary_name) %}
{%- set allowed = "'" ~ budget_vocabulary()[vocabulary_name].keys() | join("', '") ~ "'" %}
select {{ column_name }} as unexpected_value
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }} not in ({{ allowed }})
{% endtest %}


{#- Every row's measure is one its table may carry in some template family (budget_vocabulary().table_measures). -#}
{% test measure_declared_for_table(model, column_name, table_column='table_key') %}
{%- set pairs = [] %}
{%- for table_key, measures in budget_vocabulary()['table_measures'].items() %}
    {%- for measure in measures %}{% set _ = pairs.append(table_key ~ '|' ~ measure) %}{% endfor %}
{%- endfor %}
select
    {{ table_column }} as table_key,
    {{ column_name }} as measure
from {{ model }}
where {{ table_column }} || '|' || {{ column_name }} not in ('{{ pairs | join("', '") }}')
{% endtest %}

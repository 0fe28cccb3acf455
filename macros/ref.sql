{#- People run the compiled analyses on a copy of the warehouse under any file name, and DuckDB names the
    catalog after the file: an analysis therefore refers to relations without the catalog. Models keep
    dbt's full names. -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if model is defined and model.resource_type == 'analysis' and relation is not none -%}
        {%- do return(relation.include(database=false)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}

{#- People run the compiled analyses on a copy of the warehouse under any file name, and DuckDB names the
    catalog after the file: an analysis therefore refers to relations without the catalog. Models keep
    dbt's full names. In a refresh, a model built for the refresh's scope reads a document-keyed table
    through its view of the scope's rows (macros/refresh.sql: refresh_relation). -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if model is defined and model.resource_type == 'analysis' and relation is not none -%}
        {%- do return(relation.include(database=false)) -%}
    {%- endif -%}
    {%- if relation is not none -%}
        {%- do return(refresh_relation(relation)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}

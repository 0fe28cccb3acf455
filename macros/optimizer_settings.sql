{#-
    DuckDB optimizer passes that cost far more than they save on one very large query (a check family's
    table: up to 20 checks, each several CTEs, inlined into one statement); slow_optimizers_off() is its pre-hook, `reset disabled_optimizers`
    its post-hook. Only the passes this DuckDB has are named (an unknown name is an error, and
    projection_pullup is newer than DuckDB 1.4). The optimizer never changes a query's rows, only its plan.
-#}
{% macro slow_optimizers_off() -%}
    {%- set wanted = ['deliminator', 'projection_pullup'] -%}
    {%- if not execute -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set known = run_query('select name from duckdb_optimizers()').columns[0].values() -%}
    {%- set names = [] -%}
    {%- for name in wanted -%}
        {%- if name in known -%}{%- do names.append(name) -%}{%- endif -%}
    {%- endfor -%}
    set disabled_optimizers = '{{ names | join(",") }}'
{%- endmacro %}

{#-
    Override of dbt's global `noop_statement` (used by the seed materialization), identical except
    that it does not write the seed's runtime SQL to target/run/.

    Why: dbt writes that file to target/run/<project>/<seed original_file_path>, and when the seed
    lives outside the project (BUDGET_RAW_DIR set to an absolute path such as /tmp/raw) the path is
    absolute, so dbt would OVERWRITE the raw CSV itself with the CREATE TABLE / INSERT statement.
-#}
{% macro noop_statement(name=None, message=None, code=None, rows_affected=None, res=None) -%}
    {%- set sql = caller() -%}

    {%- if name == 'main' and model['resource_type'] != 'seed' -%}
        {{ log('Writing runtime SQL for node "{}"'.format(model['unique_id'])) }}
        {{ write(sql) }}
    {%- endif -%}

    {%- if name is not none -%}
        {{ store_raw_result(name, message=message, code=code, rows_affected=rows_affected, agate_table=res) }}
    {%- endif -%}
{%- endmacro %}

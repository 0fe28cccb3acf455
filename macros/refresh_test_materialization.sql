{#- sqlfluff's Jinja templater has no `materialization` tag and lints the block's body as SQL text: its
    indentation is Jinja's, not SQL's. -#}
-- noqa: disable=LT02
{#- dbt's test materialization, with one difference: in a refresh, a scoped test (its query reads the scope's
    rows only) replaces the scope's rows of its stored failures and keeps the other documents' rows, so the
    audit table and the failure count are what a full build gives. Every other test runs as dbt's own. -#}
{%- materialization test, default -%}
    {%- set relations = [] -%}
    {%- set limit = config.get('limit') -%}
    {%- set sql_header = config.get('sql_header') if flags.REQUIRE_SQL_HEADER_IN_TEST_CONFIGS else none -%}
    {%- set limited_sql = get_limit_subquery_sql(sql, limit) -%}
    {%- if should_store_failures() -%}
        {%- set stored_as = config.get('store_failures_as') or 'table' -%}
        {%- if stored_as not in ['table', 'view'] -%}
            {{ exceptions.raise_compiler_error("store_failures_as must be 'table' or 'view', not '" ~ stored_as ~ "'") }}
        {%- endif -%}
        {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=model['alias']) -%}
        {%- set target_relation = api.Relation.create(identifier=model['alias'], schema=schema, database=database,
                                                      type=stored_as) -%}
        {%- if old_relation is not none and stored_as == 'table' and refresh_test_is_scoped() -%}
            {%- set stored_columns = adapter.get_columns_in_relation(old_relation) | map(attribute='name')
                | map('lower') | list -%}
            {%- call statement(auto_begin=True) -%}
                {% if 'document_id' in stored_columns -%}
                    delete from {{ old_relation }}
                    where document_id in ({{ refresh_id_list(refresh_plan()['scope']) }});
                {% endif -%}
                insert into {{ old_relation }} by name ({{ limited_sql }})
            {%- endcall -%}
        {%- else -%}
            {%- if old_relation is not none -%}
                {%- do adapter.drop_relation(old_relation) -%}
            {%- endif -%}
            {%- call statement(auto_begin=True) -%}
                {% if sql_header %}{{ sql_header }}{% endif %}
                {{ get_create_sql(target_relation, limited_sql) }}
            {%- endcall -%}
        {%- endif -%}
        {%- do relations.append(target_relation) -%}
        {%- set main_sql = 'select * from ' ~ target_relation -%}
        {{ adapter.commit() }}
    {%- else -%}
        {%- set main_sql = limited_sql -%}
    {%- endif -%}
    {%- call statement('main', fetch_result=True) -%}
        {% if sql_header %}{{ sql_header }}{% endif %}
        {{ get_test_sql(main_sql, config.get('fail_calc'), config.get('warn_if'), config.get('error_if'), limit=none) }}
    {%- endcall -%}
    {{ return({'relations': relations}) }}
{%- endmaterialization -%}

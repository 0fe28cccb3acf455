{#-
    A refresh (scripts/build_warehouse.py on a copy of a published warehouse, $BUDGET_REFRESH set) replaces
    the rows of a few documents only, in every table keyed by document_id:

      - staging: the changed documents ("documents"), read from their own files (macros/raw_rows.sql);
      - every other document-keyed table (refresh_scoped_models): the changed documents and every document
        whose rows can depend on them ("scope": the same body in any year and kind, and a department with
        its units; scripts/build_warehouse.py computes it). Their pre-hook deletes the scope's rows; while
        they are built, ref() of a document-keyed table reads the view refresh_scope.<table> (the scope's
        rows only, made by the build in the copy and dropped before it is verified), so each model and
        check computes the scope's rows from the scope's rows, which is all they depend on;
      - the whole-warehouse tables (dim_document, dim_function, dim_economic, dim_code lists, dim_check,
        dim_fund, dim_year, fct_budget_execution) are rebuilt whole, as in a full build;
      - data tests on a document-keyed table run on the scope's rows when each row's verdict depends on its
        own document only (refresh_test_is_scoped), and their stored failures (audit schema) keep the other
        documents' rows from the last build: the same table, and the same verdict, as a full build's.

    $BUDGET_REFRESH is read only while dbt executes (never while it parses), so a refresh does not make
    dbt parse the project again.
-#}

{#- The refresh asked for by $BUDGET_REFRESH (JSON, see raw_rows), or none for a full load. -#}
{% macro refresh_plan() -%}
    {%- set text = env_var('BUDGET_REFRESH', '') if execute else '' -%}
    {%- do return(fromjson(text) if text else none) -%}
{%- endmacro %}

{#- Document-keyed tables whose rows a refresh replaces for its scope (incremental, see dbt_project.yml); the
    check families' tables are those check_families() names (macros/check_catalogue.sql). -#}
{% macro refresh_scoped_models() -%}
    {%- do return([
        'stg_amounts', 'stg_documents', 'stg_economic_codes', 'stg_function_codes', 'stg_narrative_facts',
        'stg_parse_issues', 'stg_project_items', 'stg_projects', 'stg_tables',
        'int_published_cells', 'int_function_amounts', 'int_document_figures',
        'dim_code_as_printed', 'dim_project', 'fct_balance', 'fct_basic_economic', 'fct_expenditure', 'fct_income',
        'fct_income_source', 'fct_narrative_fact', 'fct_project_item', 'fct_published_amount', 'fct_three_public',
        'int_check_findings', 'fct_finding'
    ] + check_families().values() | list) -%}
{%- endmacro %}

{#- The SQL list of `ids` for `document_id in (...)` (a list that matches nothing when empty). -#}
{% macro refresh_id_list(ids) -%}
    {%- set quoted = [] -%}
    {%- for document_id in ids -%}
        {%- do quoted.append("'" ~ document_id | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {{ quoted | join(', ') if quoted else 'null' }}
{%- endmacro %}

{#- The documents whose rows the model being built replaces in this refresh (staging: the changed ones;
    later layers: the scope), or none when it is not refreshing (a full build, or dbt run by hand). -#}
{% macro refresh_documents() -%}
    {%- set plan = refresh_plan() -%}
    {%- if plan is none or not is_incremental() -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- do return(plan['documents'] if model.name.startswith('stg_') else plan['scope']) -%}
{%- endmacro %}

{#- Pre-hook of the document-keyed tables: the rows a build replaces. A refresh deletes its documents'
    rows (and then inserts their new rows); any other build of an existing table deletes every row (dbt run
    by hand on a built warehouse reloads everything, never appends twice). A new table has nothing to delete. -#}
{% macro refresh_documents_delete() -%}
    {%- if is_incremental() -%}
        {%- set documents = refresh_documents() -%}
        {%- if documents is none -%}
            delete from {{ this }}
        {%- elif documents -%}
            delete from {{ this }} where document_id in ({{ refresh_id_list(documents) }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- A condition on document_id for a model whose query may yield rows of other documents (a check that
    lists every document): in a refresh, the scope's documents only; else true. -#}
{% macro refresh_document_filter(column='document_id') -%}
    {%- set documents = refresh_documents() -%}
    {{ 'true' if documents is none else column ~ ' in (' ~ refresh_id_list(documents) ~ ')' }}
{%- endmacro %}

{#- ref() of a document-keyed table from a model or check that a refresh builds for its scope: the view of the
    scope's rows (refresh_scope.<table>), else the table itself. Tests never read the views (a relationships
    test's parent is the whole table; their own scope is refresh_test_is_scoped's). -#}
{% macro refresh_relation(relation) -%}
    {%- if not execute or model is not defined or model.resource_type != 'model' -%}
        {%- do return(relation) -%}
    {%- endif -%}
    {%- set reader_scoped = model.name in refresh_scoped_models() and not model.name.startswith('stg_') -%}
    {%- set is_check = model.config.materialized == 'ephemeral' and model.name.startswith('chk_') -%}
    {%- if not (reader_scoped or is_check) or relation.identifier not in refresh_scoped_models() -%}
        {%- do return(relation) -%}
    {%- endif -%}
    {%- set plan = refresh_plan() -%}
    {%- if plan is none or (reader_scoped and not is_incremental()) -%}
        {%- do return(relation) -%}
    {%- endif -%}
    {%- do return(api.Relation.create(database=relation.database, schema='refresh_scope',
                                      identifier=relation.identifier)) -%}
{%- endmacro %}

{#- Whether the data test being run reads only the refresh's scope: the test is on a document-keyed table, its
    verdict on a row depends on that row's document alone (not `unique` of a single column, nor a
    unique_combination_of_columns without document_id), and its stored failures from the last build can be
    kept for the other documents (the audit table exists and has document_id, or is empty). -#}
{% macro refresh_test_is_scoped() -%}
    {%- if not execute or model is not defined or model.resource_type != 'test' -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- set plan = refresh_plan() -%}
    {%- if plan is none -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- set attached = (model.attached_node or '').split('.')[-1] -%}
    {%- set kind = (model.test_metadata or {}).get('name') -%}
    {%- set arguments = (model.test_metadata or {}).get('kwargs', {}) -%}
    {%- if attached not in refresh_scoped_models() or kind is none or kind == 'unique' -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- if kind == 'unique_combination_of_columns'
        and 'document_id' not in (arguments.get('combination_of_columns') or []) -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- set stored = adapter.get_relation(database=database, schema=schema, identifier=model.alias) -%}
    {%- if stored is none -%}
        {%- do return(false) -%}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(stored) | map(attribute='name') | map('lower') | list -%}
    {%- if 'document_id' in columns -%}
        {%- do return(true) -%}
    {%- endif -%}
    {%- set rows = run_query('select count(*) from ' ~ stored) -%}
    {%- do return(rows.columns[0].values()[0] == 0) -%}
{%- endmacro %}

{#- dbt's `where` config for tests, and in a refresh the scope's rows of a scoped test's table. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where', '') -%}
        {%- do conditions.append('(' ~ config.get('where') ~ ')') -%}
    {%- endif -%}
    {%- if refresh_test_is_scoped() -%}
        {%- do conditions.append('document_id in (' ~ refresh_id_list(refresh_plan()['scope']) ~ ')') -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') as dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

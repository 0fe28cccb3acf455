{#-
    The raw files of the ingest (docs/RAW_FORMAT.md), read in place by DuckDB's read_csv with the types
    below, never loaded as dbt seeds (agate parsing every row in Python was the slowest step at scale).

    raw_rows(name): the rows of one raw file for a staging model.
      - a full build reads the combined file ($BUDGET_RAW_DIR/seeds/NAME.csv, amounts/raw_amounts.csv);
      - a build that refreshes some documents reads only those documents' own files
        ($BUDGET_RAW_DIR/docs/<document_id>/NAME.csv). scripts/build_warehouse.py sets $BUDGET_REFRESH
        when it updates an existing warehouse: JSON {"documents": [ids whose rows are replaced],
        "stored": [those of them still in the store, whose files are read], "scope": [the documents whose
        rows the later layers replace]}; a document gone from the store has no files and its rows are only
        deleted (macros/refresh.sql: refresh_documents_delete). An environment variable read only while dbt
        executes (refresh_plan), not a dbt var: changing vars makes dbt parse the whole project again.
    The source() call records the lineage; the relation it names is not read.
-#}
{% macro raw_column_types(name) -%}
    {%- set types = {
        'raw_documents': {
            'document_id': 'varchar', 'source_file': 'varchar', 'source_sha256': 'varchar', 'region': 'varchar',
            'department_name': 'varchar', 'scope': 'varchar', 'fiscal_year': 'integer', 'kind': 'varchar',
            'amount_unit': 'varchar', 'title': 'varchar', 'template': 'varchar', 'source_files': 'varchar'},
        'raw_tables': {
            'document_id': 'varchar', 'table_key': 'varchar', 'title': 'varchar', 'amount_unit': 'varchar',
            'status': 'varchar', 'note': 'varchar', 'line_start': 'integer', 'line_end': 'integer'},
        'raw_function_codes': {
            'document_id': 'varchar', 'code': 'varchar', 'level': 'varchar', 'printed_name': 'varchar',
            'parent_code': 'varchar', 'table_key': 'varchar', 'line_no': 'integer'},
        'raw_economic_codes': {
            'document_id': 'varchar', 'code': 'varchar', 'level': 'varchar', 'printed_name': 'varchar',
            'parent_code': 'varchar', 'table_key': 'varchar', 'line_no': 'integer'},
        'raw_projects': {
            'project_id': 'varchar', 'document_id': 'varchar', 'project_name': 'varchar',
            'implementing_unit': 'varchar', 'implementation_period': 'varchar', 'basis': 'varchar',
            'amount': 'decimal(18,2)', 'amount_source': 'varchar', 'is_complete': 'boolean', 'flag': 'varchar',
            'line_no': 'integer', 'printed_amount': 'varchar'},
        'raw_project_items': {
            'project_id': 'varchar', 'document_id': 'varchar', 'item_no': 'integer', 'item_name': 'varchar',
            'amount': 'decimal(18,2)', 'line_no': 'integer'},
        'raw_parse_issues': {
            'document_id': 'varchar', 'source_file': 'varchar', 'table_key': 'varchar', 'line_no': 'integer',
            'severity': 'varchar', 'issue': 'varchar', 'row_text': 'varchar'},
        'raw_narrative_facts': {
            'document_id': 'varchar', 'fact_no': 'integer', 'section': 'varchar', 'topic': 'varchar',
            'item_no': 'integer', 'label': 'varchar', 'class_name': 'varchar', 'kuan_name': 'varchar',
            'xiang_name': 'varchar', 'amount': 'decimal(18,2)', 'printed_amount': 'varchar', 'quantity': 'integer',
            'restated_year': 'integer', 'restated_amount': 'decimal(18,2)', 'prior_year': 'integer',
            'prior_kind': 'varchar', 'prior_amount': 'decimal(18,2)', 'change_direction': 'varchar',
            'change_amount': 'decimal(18,2)', 'change_percent': 'decimal(9,2)', 'reason': 'varchar',
            'line_no': 'integer', 'source_text': 'varchar'},
        'raw_amounts': {
            'document_id': 'varchar', 'table_key': 'varchar', 'side': 'varchar', 'row_kind': 'varchar',
            'code': 'varchar', 'row_label': 'varchar', 'measure': 'varchar', 'amount': 'decimal(18,2)',
            'printed_amount': 'varchar', 'printed_unit': 'varchar', 'line_no': 'integer', 'page_no': 'integer',
            'row_text': 'varchar', 'column_source': 'varchar'},
    } -%}
    {%- if name not in types -%}
        {{ exceptions.raise_compiler_error("raw_rows: no raw file named " ~ name) }}
    {%- endif -%}
    {%- do return(types[name]) -%}
{%- endmacro %}

{% macro raw_csv(files, name) -%}
    {%- set paths = [] -%}
    {%- for file in files -%}{%- do paths.append("'" ~ file ~ "'") -%}{%- endfor -%}
    {%- set columns = [] -%}
    {%- for column, type in raw_column_types(name).items() -%}
        {%- do columns.append("'" ~ column ~ "': '" ~ type | upper ~ "'") -%}
    {%- endfor -%}
    read_csv([{{ paths | join(', ') }}], header = true, delim = ',', quote = '"', escape = '"',
        auto_detect = false, columns = { {{- columns | join(', ') -}} })
{%- endmacro %}

{% macro raw_rows(name) -%}
    {%- do source('raw', name) -%}
    {%- set raw_dir = env_var('BUDGET_RAW_DIR', 'raw') -%}
    {%- set refresh = refresh_plan() if is_incremental() else none -%}
    {%- if refresh is none -%}
        {%- set folder = 'amounts' if name == 'raw_amounts' else 'seeds' -%}
        {{ raw_csv([raw_dir ~ '/' ~ folder ~ '/' ~ name ~ '.csv'], name) }}
    {%- else -%}
        {%- set files = [] -%}
        {%- for document_id in refresh['stored'] -%}
            {%- do files.append(raw_dir ~ '/docs/' ~ document_id ~ '/' ~ name ~ '.csv') -%}
        {%- endfor -%}
        {%- if files -%}
            {{ raw_csv(files, name) }}
        {%- else -%}
            (select
            {%- for column, type in raw_column_types(name).items() %}
                cast(null as {{ type }}) as {{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
            where false)
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#-
    Every check model of the catalogue (models/checks/chk_<id>_<what>.sql), in catalogue order.
    int_check_findings unions them. The list is written by scripts/checks_doc.py from the order of
    models/checks/_checks.yml (do not edit it by hand; `checks_doc.py --check` fails when it is stale), and
    tests_py/test_findings_catalogue.py keeps it, the files and the YAML in step.
-#}
{% macro check_models() %}
    {{ return([
        'chk_h01_function_class_kuan',
        'chk_h02_function_kuan_xiang',
        'chk_h03_economic_class_kuan',
        'chk_h04_total_row_classes',
        'chk_h05_economic_cost_type',
        'chk_r01_income_sources',
        'chk_r02_expenditure_basic_project',
        'chk_r03_fund_tables_basic_project',
        'chk_r04_economic_personnel_public',
        'chk_r05_three_public_total',
        'chk_r06_three_public_vehicle',
        'chk_r07_financial_income_sources',
        'chk_r08_financial_fiscal_funds',
        'chk_r09_financial_expenditure_columns',
        'chk_r10_fiscal_summary_funds',
        'chk_r11_summary_expenditure_classes',
        'chk_x01_financial_balance',
        'chk_x02_fiscal_balance',
        'chk_x03_income_vs_expenditure_total',
        'chk_x04_income_vs_expenditure_by_code',
        'chk_x05_financial_classes_vs_expenditure',
        'chk_x06_financial_fiscal_vs_fiscal_summary',
        'chk_x07_income_table_vs_financial_sources',
        'chk_x08_fiscal_summary_vs_fund_tables',
        'chk_x09_economic_vs_general_public_basic',
        'chk_x10_fund_tables_within_expenditure',
        'chk_x11_income_fiscal_vs_fund_tables',
        'chk_x12_operation_fund_vs_public',
        'chk_x13_three_public_vs_economic',
        'chk_x14_financial_expenditure_types',
        'chk_x15_fiscal_income_funds_vs_tables',
        'chk_x16_fiscal_vs_fund_tables_by_code',
        'chk_x17_operation_fund_by_economic_code',
        'chk_x18_summary_vs_detail_tables',
        'chk_n01_narrative_totals',
        'chk_n02_fiscal_change_consistency',
        'chk_n03_fund_changes_sum',
        'chk_n04_change_exceeds_amount',
        'chk_n05_change_direction',
        'chk_n06_change_percent',
        'chk_n07_base_kind',
        'chk_n08_compared_year',
        'chk_n09_item_amount',
        'chk_n10_item_restated',
        'chk_n11_item_names',
        'chk_n12_item_unresolved',
        'chk_n13_items_sum',
        'chk_n14_three_public_narrative',
        'chk_n15_operation_fund_narrative',
        'chk_n16_procurement_sum',
        'chk_n17_procurement_reserved',
        'chk_n18_vehicle_categories',
        'chk_n19_vehicle_purchase_vs_three_public',
        'chk_n20_reason_direction',
        'chk_p01_project_items',
        'chk_p02_projects_vs_project_spending',
        'chk_p03_project_exceeds_spending',
        'chk_p04_project_amount_unreadable',
        'chk_p05_performance_vs_project_spending',
        'chk_p06_performance_vs_forms',
        'chk_p07_performance_form_lines',
        'chk_m01_code_names_differ',
        'chk_m02_empty_note_names_other_table',
        'chk_m03_empty_note_table_printed',
        'chk_m04_note_year',
        'chk_d01_department_vs_units',
        'chk_d02_prior_year_totals',
        'chk_d03_prior_year_three_public',
        'chk_f01_missing_template_table',
        'chk_f02_final_summary_balance',
        'chk_f03_execution_final_vs_tables',
        'chk_f04_execution_rate',
        'chk_f05_execution_budget_vs_budget_document',
        'chk_f06_execution_direction',
        'chk_f07_large_gap_without_reason',
        'chk_f08_final_economic_vs_basic',
        'chk_f09_final_income_sources',
        'chk_f10_final_expenditure_types',
        'chk_f11_execution_items_sum',
        'chk_f12_final_narrative_figures',
        'chk_f13_final_narrative_shares',
        'chk_f14_funds_list_vs_economic',
        'chk_f15_execution_basic_wording',
        'chk_i01_unplaced_rows',
    ]) }}
{% endmacro %}


{#-
    The catalogue read from the check models' YAML at run time (graph): one dict per check with
    check_id, check_model, description, severity_rule, tables, check_order. Empty while dbt parses.
-#}
{% macro check_catalogue_rows() %}
    {%- set rows = [] %}
    {%- set nodes = graph.nodes if (execute and graph is defined) else {} %}
    {%- for check_model in check_models() %}
        {%- set node = nodes.get('model.budget_warehouse.' ~ check_model) %}
        {%- if node %}
            {%- set _ = rows.append({
                'check_id': check_model.split('_')[1] | upper,
                'check_model': check_model,
                'description': node.description,
                'severity_rule': node.config.meta.get('severity', ''),
                'tables': node.config.meta.get('tables', []) | join(', '),
                'kinds': node.config.meta.get('kinds', ['budget', 'final_account']) | join(', '),
                'check_order': loop.index
            }) %}
        {%- endif %}
    {%- endfor %}
    {{ return(rows) }}
{% endmacro %}


{#- The family models (models/findings/families), by the letter of their checks' ids. Every check belongs to
    one of them: int_check_findings stops the build when a check's letter has no family model here. -#}
{% macro check_families() %}
    {{ return({
        'h': 'int_findings_hierarchy',
        'r': 'int_findings_row_identities',
        'x': 'int_findings_cross_table',
        'n': 'int_findings_narrative',
        'p': 'int_findings_projects',
        'm': 'int_findings_names_notes',
        'd': 'int_findings_across_documents',
        'f': 'int_findings_final_accounts',
        'i': 'int_findings_ingest',
    }) }}
{% endmacro %}


{#- The family letter of a check model: chk_h01_function_class_kuan → 'h'. -#}
{% macro check_family(check_model) %}
    {{ return(check_model.split('_')[1][0]) }}
{% endmacro %}


{#- The columns of a finding as the checks state them (macros/findings.sql select_findings). -#}
{% macro finding_columns() %}
    {{ return(['document_id', 'check_id', 'severity', 'table_name', 'code', 'measure', 'expected', 'actual',
               'message', 'expected_amount', 'actual_amount', 'difference', 'line_no', 'detail']) }}
{% endmacro %}


{#- `select <finding columns> from R` for each relation R of `relations`, as one union all. -#}
{% macro union_findings(relations) %}
    {%- set selects = [] -%}
    {%- for relation in relations -%}
        {%- do selects.append('select ' ~ finding_columns() | join(', ') ~ ' from ' ~ relation) -%}
    {%- endfor -%}
    {{ return(selects | join('\nunion all\n')) }}
{% endmacro %}


{#- Body of a family model (models/findings/families): the union of that family's check models. A family is
    one query, not the whole catalogue: at 10,000 documents the union of all 84 checks as one query ran out
    of DuckDB's memory_limit (1200MB) where each family fits. -#}
{% macro family_check_findings(family) %}
    {%- set relations = [] -%}
    {%- for check_model in check_models() if check_family(check_model) == family -%}
        {%- do relations.append(ref(check_model)) -%}
    {%- endfor -%}
    {%- if not relations -%}
        {{ exceptions.raise_compiler_error("no check model of family '" ~ family ~ "' in check_models()") }}
    {%- endif -%}
    {#- in a refresh, the scope's rows only: a check that lists every document (dim_document) would state the
        others too (macros/refresh.sql) -#}
    {{ return('select * from (\n' ~ union_findings(relations) ~ '\n) as findings where ' ~ refresh_document_filter()) }}
{% endmacro %}

-- sqlfluff:exclude_rules:LT02
{#-
    The code hierarchy identities (checks H01-H03), one implementation with two faces: the check models
    models/checks/chk_h0*.sql and the generic test sum_of_children_equals_parent (tests/generic, declared
    per coded table and measure in models/marts/fct_published_amount.yml) both call hierarchy_findings.
-#}

{#-
    The code hierarchy identities of the coded tables, by check id: a function 类 = the sum of its 款
    (H01), a function 款 = the sum of its 项 (H02), an economic 类 = the sum of its 款 (H03); in every
    coded table and every measure (column), per document.
-#}
{% macro hierarchy_identities() %}
    {{ return({
        'H01': {'classification': 'function', 'parent_level': '类', 'child_level': '款'},
        'H02': {'classification': 'function', 'parent_level': '款', 'child_level': '项'},
        'H03': {'classification': 'economic', 'parent_level': '类', 'child_level': '款'}
    }) }}
{% endmacro %}


{#-
    Findings of one hierarchy identity (`check`, a key of hierarchy_identities()) over a model of printed
    cells shaped like fct_published_amount (row_kind, classification, code_level, parent_code,
    rounding_tolerance): every printed parent with at least one printed child, per document, table and
    measure, compared with the sum of its children (a cell not printed counts 0; display rounding of
    万元 cells makes a difference 'info'). Rows in the finding shape of children_sum_findings.
-#}
{% macro hierarchy_findings(model, check) %}
{%- set identities = hierarchy_identities() %}
{%- if check not in identities %}
    {{ exceptions.raise_compiler_error(
        'hierarchy_findings: unknown check ' ~ check ~ '; one of ' ~ (identities.keys() | list | join(', '))
    ) }}
{%- endif %}
{%- set identity = identities[check] %}
{%- set cells = "row_kind = 'code' and classification = '" ~ identity.classification ~ "' and code_level = '" %}
{{ children_sum_findings(
    model,
    row_condition=cells ~ identity.parent_level ~ "'",
    children_model=model,
    children_row_condition=cells ~ identity.child_level ~ "'",
    rounding_column='rounding_tolerance',
    children_rounding_column='rounding_tolerance',
    parent_label="concat_ws(' ', code_level, code, row_label)"
) }}
{%- endmacro %}

{#-
    Parent value = sum of its children's values, over any code hierarchy.

    Each row of `model` (filtered by `row_condition`) is one printed cell of a node `code_column`
    whose parent is `parent_column`. Within each group (`group_by`, e.g. document, table, measure)
    the value of every parent is compared with the sum of the values of its children. Children may
    come from another model (`children_model`, e.g. project items under projects).

    Only parents that are printed and have at least one child printed (within `presence_by`, e.g.
    the same document and table) are checked; a cell that is not printed counts as 0 (so a parent
    whose 基本支出 cell is blank while a child has one is reported, and vice versa).

    tolerance: absolute yuan, a SQL expression (may use the group columns and `child_count`).
    rounding_column / children_rounding_column: per-cell display rounding in yuan (50 for a 万元
    cell); the parent's and its children's rounding are added to the tolerance.

    Returns every disagreement with a plain-language `message`; fails only on rows that are not
    acknowledged in seeds/acknowledged_findings.csv.
-#}
{% test sum_of_children_equals_parent(
    model,
    check_name,
    code_column='code',
    parent_column='parent_code',
    value_column='amount',
    group_by=['document_id', 'table_key', 'measure'],
    presence_by=['document_id', 'table_key'],
    row_condition=none,
    tolerance=0,
    rounding_column=none,
    parent_label=none,
    children_label=none,
    children_model=none,
    children_parent_column=none,
    children_value_column=none,
    children_row_condition=none,
    children_rounding_column=none,
    table_key='table_key',
    measure='measure',
    document_column='document_id'
) %}
{{ config(fail_calc='count(*) filter (where not acknowledged)') }}
{%- for column in presence_by %}
    {%- if column not in group_by %}
        {{ exceptions.raise_compiler_error('sum_of_children_equals_parent: presence_by column ' ~ column ~ ' must be one of group_by') }}
    {%- endif %}
{%- endfor %}
{%- set separate_children = children_model is not none %}
{%- set child_relation = children_model if separate_children else model %}
{%- set child_parent = children_parent_column or parent_column %}
{%- set child_value = children_value_column or value_column %}
{%- set child_condition = children_row_condition if separate_children else row_condition %}
{%- set child_rounding = (children_rounding_column if separate_children else rounding_column) or 0 %}
{%- set node_label = parent_label or ("concat_ws(' ', " ~ code_level(code_column) ~ ", " ~ code_column ~ ")") %}
{%- set under_label = children_label or ("concat('其下', " ~ child_level('node_code') ~ ", '合计')") %}

with parent_cells as (
    select
        {{ group_by | join(', ') }},
        {{ code_column }} as node_code,
        {{ value_column }} as node_value,
        {{ rounding_column or 0 }} as node_rounding,
        {{ node_label }} as node_label
    from {{ model }}
    where
        ({{ row_condition or 'true' }})
        and {{ code_column }} is not null
),

child_cells as (
    select
        {{ group_by | join(', ') }},
        {{ child_parent }} as node_code,
        {{ child_value }} as node_value,
        {{ child_rounding }} as node_rounding
    from {{ child_relation }}
    where
        ({{ child_condition or 'true' }})
        and {{ child_parent }} is not null
),

printed_parents as (
    select
        {{ presence_by | join(', ') }},
        node_code,
        min(node_label) as node_label
    from parent_cells
    group by {{ presence_by | join(', ') }}, node_code
),

parents_with_children as (
    select distinct
        {{ presence_by | join(', ') }},
        node_code
    from child_cells
),

checked_parents as (
    select
        printed_parents.{{ presence_by | join(', printed_parents.') }},
        printed_parents.node_code,
        printed_parents.node_label
    from printed_parents
    inner join parents_with_children
        on
            {% for column in presence_by %}printed_parents.{{ column }} = parents_with_children.{{ column }}
            and {% endfor %}printed_parents.node_code = parents_with_children.node_code
),

parent_values as (
    select
        {{ group_by | join(', ') }},
        node_code,
        sum(node_value) as parent_value,
        sum(node_rounding) as parent_rounding
    from parent_cells
    group by {{ group_by | join(', ') }}, node_code
),

children_values as (
    select
        {{ group_by | join(', ') }},
        node_code,
        sum(node_value) as children_value,
        sum(node_rounding) as children_rounding,
        count(*) as child_count
    from child_cells
    group by {{ group_by | join(', ') }}, node_code
),

compared as (
    select
        {% for column in group_by %}coalesce(parent_values.{{ column }}, children_values.{{ column }}) as {{ column }},
        {% endfor -%}
        coalesce(parent_values.node_code, children_values.node_code) as node_code,
        coalesce(parent_values.parent_value, 0) as actual,
        coalesce(children_values.children_value, 0) as expected,
        coalesce(children_values.child_count, 0) as child_count,
        coalesce(parent_values.parent_rounding, 0) + coalesce(children_values.children_rounding, 0) as rounding
    from parent_values
    full outer join children_values
        on
            {% for column in group_by %}parent_values.{{ column }} is not distinct from children_values.{{ column }}
            and {% endfor %}parent_values.node_code = children_values.node_code
),

disagreements as (
    select
        compared.*,
        checked_parents.node_label
    from compared
    inner join checked_parents
        on
            {% for column in presence_by %}compared.{{ column }} = checked_parents.{{ column }}
            and {% endfor %}compared.node_code = checked_parents.node_code
    where abs(compared.actual - compared.expected) > ({{ tolerance }}) + compared.rounding
),

findings as (
    select
        {{ document_column }} as document_id,
        {{ table_key }} as table_key,
        node_code as code,
        {{ measure }} as measure,
        cast(expected as decimal(18, 2)) as expected,
        cast(actual as decimal(18, 2)) as actual,
        concat(
            {{ doc_label('disagreements.' ~ document_column) }}, ' ',
            {{ vocabulary_case(table_key, 'tables') }}, ' ',
            {{ vocabulary_case(measure, 'measures') }}, ': ',
            node_label,
            ' 印刷 ', {{ format_amount('actual') }}, '，',
            {{ under_label }}, ' ', {{ format_amount('expected') }},
            '（差 ', {{ format_amount('actual - expected') }}, '）'
        ) as message
    from disagreements
)

{{ acknowledge_findings('findings', check_name) }}
{% endtest %}

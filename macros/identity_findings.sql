-- sqlfluff:exclude_rules:LT02
{#-
    The identities of the table arithmetic, each producing rows in the finding shape (macros/findings.sql):
    children_sum_findings (parent = Σ children), row_total_findings (a row's total = Σ its part columns),
    aggregate_equality_findings (an aggregate of one table = an aggregate of another), and
    hierarchy_findings, the code hierarchy identities H01-H03 of the coded tables. The check models
    (models/checks) call them; the generic test sum_of_children_equals_parent (tests/generic) calls
    hierarchy_findings, so `dbt test` and fct_finding report the same disagreements.
    (The directive on the first line: a macro file renders to nothing for the linter, and its indentation
    check misreads Jinja blocks that follow a multi-line macro signature.)
-#}


{#-
    Parent value = sum of its children's values, over any code hierarchy.

    Each row of `model` (filtered by `row_condition`) is one printed cell of a node `code_column`.
    Within each group (`group_by`, e.g. document, table, measure) the value of every parent is compared
    with the sum of the values of its children, read from `children_model` (default: `model`) filtered
    by `children_row_condition` (default: `row_condition`), linked through `children_parent_column`.

    Only parents that are printed and have at least one child printed (within `presence_by`) are
    checked; a cell that is not printed counts as 0. Display rounding (`rounding_column`, 50 yuan per
    万元 cell) decides between 'info' and 'error'; `tolerance` (yuan) differences are not reported.
-#}
{% macro children_sum_findings(
    model,
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
    document_column='document_id',
    line_column='line_no'
) %}
{%- for column in presence_by %}
    {%- if column not in group_by %}
        {{ exceptions.raise_compiler_error(
            'children_sum_findings: presence_by column ' ~ column ~ ' must be one of group_by'
        ) }}
    {%- endif %}
{%- endfor %}
{%- set child_relation = children_model if children_model is not none else model %}
{%- set child_parent = children_parent_column or parent_column %}
{%- set child_value = children_value_column or value_column %}
{%- set child_condition = children_row_condition or row_condition %}
{%- set child_rounding = (children_rounding_column if children_model is not none else rounding_column) or 0 %}
{%- set node_label = parent_label or ("concat_ws(' ', " ~ code_level(code_column) ~ ", " ~ code_column ~ ")") %}
{%- set under_label = children_label or ("concat('其下', " ~ child_level('node_code') ~ ", '合计')") %}

with parent_cells as (
    select
        {{ group_by | join(', ') }},
        {{ code_column }} as node_code,
        {{ value_column }} as node_value,
        {{ rounding_column or 0 }} as node_rounding,
        {{ node_label }} as node_label,
        {{ line_column or 'cast(null as integer)' }} as node_line
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
        min(node_label) as node_label,
        min(node_line) as node_line
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
        printed_parents.node_label,
        printed_parents.node_line
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
        coalesce(parent_values.parent_value, 0) as actual_value,
        coalesce(children_values.children_value, 0) as expected_value,
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
        checked_parents.node_label,
        checked_parents.node_line
    from compared
    inner join checked_parents
        on
                {% for column in presence_by %}compared.{{ column }} = checked_parents.{{ column }}
            and {% endfor %}compared.node_code = checked_parents.node_code
    where abs(compared.actual_value - compared.expected_value) > ({{ tolerance }})
)

select
    {{ document_column }} as document_id,
    {{ table_key }} as table_name,
    node_code as code,
    {{ measure }} as measure,
    {{ format_amount('expected_value') }} as expected,
    {{ format_amount('actual_value') }} as actual,
    expected_value as expected_amount,
    actual_value as actual_amount,
    {{ amount_severity('actual_value - expected_value', 'rounding') }} as severity,
    concat(
        {{ doc_label('disagreements.' ~ document_column) }}, ' ',
        {{ table_label(table_key, 'disagreements.' ~ document_column) }}, ' ',
        {{ vocabulary_case(measure, 'measures') }}, ': ',
        node_label,
        ' 印刷 ', {{ format_table_money('actual_value', 'disagreements.' ~ document_column) }}, '，',
        {{ under_label }}, ' ', {{ format_table_money('expected_value', 'disagreements.' ~ document_column) }},
        '（差 ', {{ format_table_money('actual_value - expected_value', 'disagreements.' ~ document_column) }}, '）'
    ) as message,
    node_line as line_no,
    case
        when rounding > 0
            then concat('显示舍入容差 ', {{ format_table_money('rounding', 'disagreements.' ~ document_column) }})
    end as detail
from disagreements
{%- endmacro %}


{#-
    A row's total column = the sum of its part columns, on a long-format model (one row per printed
    cell, the column named by `measure_column`).

    row_key: the columns that identify one printed row; cells with the same key form the row.
    total_measure / part_measures: e.g. 'total' and ['basic', 'project']. A cell not printed counts 0.
    when_printed: check a row only if at least one of these measures is printed in it (default: the
    total or any part). rounding_column: per-cell display rounding in yuan (info vs error).
-#}
{% macro row_total_findings(
    model,
    total_measure,
    part_measures,
    row_key=['document_id', 'table_key', 'code'],
    measure_column='measure',
    value_column='amount',
    row_condition=none,
    when_printed=none,
    tolerance=0,
    rounding_column=none,
    table_key='table_key',
    code='code',
    row_label='row_label',
    document_column='document_id',
    line_column='line_no'
) %}
{%- set trigger_measures = when_printed if when_printed is not none else [total_measure] + part_measures %}
{%- set all_measures = ([total_measure] + part_measures + trigger_measures) | unique | list %}
{%- set part_names = [] %}
{%- for part in part_measures %}{% set _ = part_names.append(measure_label(part)) %}{% endfor %}
{%- set parts_text = part_names | join(' + ') %}

with row_cells as (
    select
        {{ row_key | join(', ') }},
        {{ table_key }} as cell_table_key,
        {{ code }} as cell_code,
        {{ row_label }} as cell_label,
        {{ measure_column }} as cell_measure,
        {{ value_column }} as cell_value,
        {{ rounding_column or 0 }} as cell_rounding,
        {{ line_column or 'cast(null as integer)' }} as cell_line
    from {{ model }}
    where
        ({{ row_condition or 'true' }})
        and {{ measure_column }} in ('{{ all_measures | join("', '") }}')
),

printed_rows as (
    select
        {{ row_key | join(', ') }},
        min(cell_table_key) as row_table_key,
        min(cell_code) as row_code,
        min(cell_line) as row_line,
        coalesce(
            min(cell_label) filter (where cell_measure = '{{ total_measure }}'),
            min(cell_label)
        ) as row_name,
        coalesce(sum(cell_value) filter (where cell_measure = '{{ total_measure }}'), 0) as actual_value,
        coalesce(
            sum(cell_value) filter (where cell_measure in ('{{ part_measures | join("', '") }}')), 0
        ) as expected_value,
        coalesce(
            sum(cell_rounding) filter (
                where cell_measure in ('{{ ([total_measure] + part_measures) | join("', '") }}')
            ),
            0
        ) as rounding,
        count(*) filter (where cell_measure in ('{{ trigger_measures | join("', '") }}')) as trigger_cells
    from row_cells
    group by {{ row_key | join(', ') }}
),

disagreements as (
    select *
    from printed_rows
    where
        trigger_cells > 0
        and abs(actual_value - expected_value) > ({{ tolerance }})
)

select
    disagreements.{{ document_column }} as document_id,
    row_table_key as table_name,
    row_code as code,
    '{{ total_measure }}' as measure,
    {{ format_amount('expected_value') }} as expected,
    {{ format_amount('actual_value') }} as actual,
    expected_value as expected_amount,
    actual_value as actual_amount,
    {{ amount_severity('actual_value - expected_value', 'rounding') }} as severity,
    concat(
        {{ doc_label('disagreements.' ~ document_column) }}, ' ',
        {{ table_label('row_table_key', 'disagreements.' ~ document_column) }}, ': ',
        concat_ws(' ', {{ code_level('row_code') }}, row_code, row_name, '{{ measure_label(total_measure) }}'),
        ' 印刷 ', {{ format_table_money('actual_value', 'disagreements.' ~ document_column) }},
        '，{{ parts_text }} = ', {{ format_table_money('expected_value', 'disagreements.' ~ document_column) }},
        '（差 ', {{ format_table_money('actual_value - expected_value', 'disagreements.' ~ document_column) }}, '）'
    ) as message,
    row_line as line_no,
    case
        when rounding > 0
            then concat('显示舍入容差 ', {{ format_table_money('rounding', 'disagreements.' ~ document_column) }})
    end as detail
from disagreements
{%- endmacro %}


{#-
    An aggregate of one model equals an aggregate of another (or the same) model, group by group
    (in the spirit of dbt-expectations' expect_table_aggregation_to_equal_other_table).

    model / expression / row_condition / group_by vs compare_model / compare_expression /
    compare_row_condition / compare_group_by (matched by position; the first identifies the document).
    A group present on one side only is a difference (its figure shown as 未印刷) unless
    allow_missing_groups. rounding_expression / compare_rounding_expression: aggregates giving each
    side's display rounding (info vs error). `beyond`: the severity of a real difference ('error', or
    'warning' for a relation that may legitimately not hold). table_key: a group_by column holding the
    table key, or a literal, written as table_name;
    measure: a group_by column holding the measure, or a literal; code_column: the group_by column
    holding a code. label / compare_label: what each side is, for the message; with label_table /
    compare_table (a table key, or a group_by column holding one) the message starts that side with the
    name the document's own template gives the table (a 决算 names its 决算 tables), then the label.
-#}
{% macro aggregate_equality_findings(
    model,
    expression,
    compare_model,
    compare_expression=none,
    group_by=['document_id'],
    compare_group_by=none,
    row_condition=none,
    compare_row_condition=none,
    tolerance=0,
    rounding_expression='0',
    compare_rounding_expression='0',
    allow_missing_groups=false,
    table_key=none,
    measure=none,
    label=none,
    compare_label=none,
    label_table=none,
    compare_table=none,
    code_column=none,
    beyond='error',
    line_expression='min(line_no)'
) %}
{%- set right_expression = compare_expression or expression %}
{%- set right_group_by = compare_group_by or group_by %}
{%- if right_group_by | length != group_by | length %}
    {{ exceptions.raise_compiler_error('aggregate_equality_findings: group_by and compare_group_by differ in length') }}
{%- endif %}
{%- set left_columns = [] %}
{%- set right_columns = [] %}
{%- set merged_columns = [] %}
{%- set join_conditions = [] %}
{%- set group_columns = [] %}
{%- for column in group_by %}
    {%- set group_column = 'group_' ~ loop.index %}
    {%- set _ = group_columns.append(group_column) %}
    {%- set _ = left_columns.append(column ~ ' as ' ~ group_column) %}
    {%- set _ = right_columns.append(right_group_by[loop.index0] ~ ' as ' ~ group_column) %}
    {%- set _ = merged_columns.append(
    'coalesce(model_groups.' ~ group_column ~ ', compare_groups.' ~ group_column ~ ') as ' ~ group_column
) %}
    {%- set _ = join_conditions.append(
    'model_groups.' ~ group_column ~ ' is not distinct from compare_groups.' ~ group_column
) %}
{%- endfor %}
{%- set has_code = code_column is not none and code_column in group_by %}
{%- set measure_is_column = measure is not none and measure in group_by %}
{%- if has_code %}
    {%- set code_sql = 'cast(disagreements.group_' ~ (group_by.index(code_column) + 1) ~ ' as varchar)' %}
    {%- set code_text_sql = "concat_ws(' ', " ~ code_level(code_sql) ~ ", " ~ code_sql ~ ")" %}
{%- else %}
    {%- set code_sql = 'cast(null as varchar)' %}
    {%- set code_text_sql = 'cast(null as varchar)' %}
{%- endif %}
{%- if measure_is_column %}
    {%- set measure_sql = 'cast(disagreements.group_' ~ (group_by.index(measure) + 1) ~ ' as varchar)' %}
    {%- set measure_text_sql = vocabulary_case(measure_sql, 'measures') %}
{%- else %}
    {%- set measure_sql = "'" ~ measure ~ "'" if measure else 'cast(null as varchar)' %}
    {%- set measure_text_sql = 'cast(null as varchar)' %}
{%- endif %}
{%- if table_key is not none and table_key in group_by %}
    {%- set table_key_sql = 'cast(disagreements.group_' ~ (group_by.index(table_key) + 1) ~ ' as varchar)' %}
{%- else %}
    {%- set table_key_sql = "'" ~ table_key ~ "'" if table_key else 'cast(null as varchar)' %}
{%- endif %}
{%- set missing_groups_filter = 'model_side_printed and compare_side_printed' if allow_missing_groups else 'true' %}
{%- if label_table is none %}
    {%- set left_label_sql = "'" ~ (label or 'model') ~ "'" %}
{%- else %}
    {%- set left_table_sql = ('cast(disagreements.group_' ~ (group_by.index(label_table) + 1) ~ ' as varchar)')
        if label_table in group_by else ("'" ~ label_table ~ "'") %}
    {%- set left_label_sql = "concat(" ~ table_label(left_table_sql, 'disagreements.group_1')
        ~ ", ' " ~ (label or '') ~ "')" %}
{%- endif %}
{%- if compare_table is none %}
    {%- set right_label_sql = "'" ~ (compare_label or 'compare_model') ~ "'" %}
{%- else %}
    {%- set right_table_sql = ('cast(disagreements.group_' ~ (group_by.index(compare_table) + 1) ~ ' as varchar)')
        if compare_table in group_by else ("'" ~ compare_table ~ "'") %}
    {%- set right_label_sql = "concat(" ~ table_label(right_table_sql, 'disagreements.group_1')
        ~ ", ' " ~ (compare_label or '') ~ "')" %}
{%- endif %}

with model_groups as (
    select
        {{ left_columns | join(', ') }},
        {{ expression }} as model_value,
        {{ rounding_expression }} as model_rounding,
        {{ line_expression }} as model_line
    from {{ model }}
    where {{ row_condition or 'true' }}
    group by {{ group_by | join(', ') }}
),

compare_groups as (
    select
        {{ right_columns | join(', ') }},
        {{ right_expression }} as compare_value,
        {{ compare_rounding_expression }} as compare_rounding
    from {{ compare_model }}
    where {{ compare_row_condition or 'true' }}
    group by {{ right_group_by | join(', ') }}
),

compared as (
    select
        {{ merged_columns | join(', ') }},
        model_groups.model_value as actual_value,
        compare_groups.compare_value as expected_value,
        model_groups.model_line,
        coalesce(model_groups.model_rounding, 0) + coalesce(compare_groups.compare_rounding, 0) as rounding,
        model_groups.group_1 is not null as model_side_printed,
        compare_groups.group_1 is not null as compare_side_printed
    from model_groups
    full outer join compare_groups
        on {{ join_conditions | join(' and ') }}
),

disagreements as (
    select
        {{ group_columns | join(', ') }},
        actual_value,
        expected_value,
        rounding,
        model_line
    from compared
    where
        abs(coalesce(actual_value, 0) - coalesce(expected_value, 0)) > ({{ tolerance }})
        and {{ missing_groups_filter }}
)

select
    disagreements.group_1 as document_id,
    {{ table_key_sql }} as table_name,
    {{ code_sql }} as code,
    {{ measure_sql }} as measure,
    coalesce({{ format_amount('disagreements.expected_value') }}, '未印刷') as expected,
    coalesce({{ format_amount('disagreements.actual_value') }}, '未印刷') as actual,
    disagreements.expected_value as expected_amount,
    disagreements.actual_value as actual_amount,
    {{ amount_severity(
        'coalesce(disagreements.actual_value, 0) - coalesce(disagreements.expected_value, 0)',
        'disagreements.rounding',
        beyond
    ) }} as severity,
    concat(
        concat_ws(' ', {{ doc_label('disagreements.group_1') }}, {{ measure_text_sql }}, {{ code_text_sql }}),
        ': ', {{ left_label_sql }}, ' ',
        coalesce({{ format_table_money('disagreements.actual_value', 'disagreements.group_1') }}, '未印刷'),
        '，', {{ right_label_sql }}, ' ',
        coalesce({{ format_table_money('disagreements.expected_value', 'disagreements.group_1') }}, '未印刷'),
        '（差 ',
        {{ format_table_money(
            'coalesce(disagreements.actual_value, 0) - coalesce(disagreements.expected_value, 0)',
            'disagreements.group_1'
        ) }},
        '）'
    ) as message,
    disagreements.model_line as line_no,
    case
        when disagreements.rounding > 0
            then concat('显示舍入容差 ', {{ format_table_money('disagreements.rounding', 'disagreements.group_1') }})
    end as detail
from disagreements
{%- endmacro %}

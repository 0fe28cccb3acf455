{#-
    An aggregate of one model equals an aggregate of another (or the same) model, group by group,
    in the spirit of dbt-expectations' expect_table_aggregation_to_equal_other_table.

    model / expression / row_condition / group_by
        vs compare_model / compare_expression / compare_row_condition / compare_group_by
    (the group columns are matched by position; compare_group_by defaults to group_by, and the
    output uses the names in group_by; the first must identify the document).
    A group present on only one side is a difference (its missing figure shown as 未印刷) unless
    allow_missing_groups is true.
    tolerance: absolute yuan (SQL expression); rounding_expression / compare_rounding_expression:
    aggregates giving each side's display rounding in yuan (e.g. sum(rounding_tolerance)).
    table_key: literal written to the finding (and matched against the acknowledgements);
    measure: a group_by column holding the measure, or else a literal; code_column: the group_by
    column holding a code (none if there is none); both are named in the message.
    label / compare_label: what each side is, in words, for the message.

    Returns every disagreement with a plain-language `message`; fails only on rows that are not
    acknowledged in seeds/acknowledged_findings.csv.
-#}
{% test table_aggregation_equals_other_table(
    model,
    check_name,
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
    code_column=none
) %}
{{ config(fail_calc='count(*) filter (where not acknowledged)') }}
{%- set right_expression = compare_expression or expression %}
{%- set right_group_by = compare_group_by or group_by %}
{%- if right_group_by | length != group_by | length %}
    {{ exceptions.raise_compiler_error(
        'table_aggregation_equals_other_table: group_by and compare_group_by differ in length'
    ) }}
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
{%- set table_key_sql = "'" ~ table_key ~ "'" if table_key else 'cast(null as varchar)' %}
{%- set missing_groups_filter = 'model_side_printed and compare_side_printed' if allow_missing_groups else 'true' %}

with model_groups as (
    select
        {{ left_columns | join(', ') }},
        {{ expression }} as model_value,
        {{ rounding_expression }} as model_rounding
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
        model_groups.model_value as actual,
        compare_groups.compare_value as expected,
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
        actual,
        expected
    from compared
    where
        abs(coalesce(actual, 0) - coalesce(expected, 0)) > ({{ tolerance }}) + rounding
        and {{ missing_groups_filter }}
),

findings as (
    select
        disagreements.group_1 as document_id,
        {{ table_key_sql }} as table_key,
        {{ code_sql }} as code,
        {{ measure_sql }} as measure,
        cast(disagreements.expected as decimal(18, 2)) as expected,
        cast(disagreements.actual as decimal(18, 2)) as actual,
        concat(
            concat_ws(' ', {{ doc_label('disagreements.group_1') }}, {{ measure_text_sql }}, {{ code_text_sql }}),
            ': {{ label or 'model' }} ', coalesce({{ format_amount('disagreements.actual') }}, '未印刷'),
            '，{{ compare_label or 'compare_model' }} ', coalesce({{ format_amount('disagreements.expected') }}, '未印刷'),
            '（差 ',
            {{ format_amount('coalesce(disagreements.actual, 0) - coalesce(disagreements.expected, 0)') }},
            '）'
        ) as message
    from disagreements
)

{{ acknowledge_findings('findings', check_name) }}
{% endtest %}

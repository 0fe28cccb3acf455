{#-
    A row's total column = the sum of its part columns, on a long-format model (one row per printed
    cell, the column named by `measure_column`).

    row_key: the columns that identify one printed row (e.g. document_id, table_key, code); cells
    with the same key form the row. total_measure: e.g. 'total'; part_measures: e.g.
    ['basic', 'project']. A cell that is not printed counts as 0.
    when_printed: check a row only if at least one of these measures is printed in it (default:
    the total or any part), e.g. ['basic'] for 合计 = 基本 + 项目 on a summary table whose rows
    print only some columns.
    tolerance: absolute yuan (SQL expression); rounding_column: per-cell display rounding in
    yuan, added up over the row's cells.
    code / row_label: columns used to name the row in the message.

    Returns every disagreement with a plain-language `message`; fails only on rows that are not
    acknowledged in seeds/acknowledged_findings.csv.
-#}
{% test row_total_equals_sum_of_columns(
    model,
    check_name,
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
    document_column='document_id'
) %}
{{ config(fail_calc='count(*) filter (where not acknowledged)') }}
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
        {{ rounding_column or 0 }} as cell_rounding
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
        coalesce(
            min(cell_label) filter (where cell_measure = '{{ total_measure }}'),
            min(cell_label)
        ) as row_name,
        coalesce(sum(cell_value) filter (where cell_measure = '{{ total_measure }}'), 0) as actual,
        coalesce(
            sum(cell_value) filter (where cell_measure in ('{{ part_measures | join("', '") }}')), 0
        ) as expected,
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
        and abs(actual - expected) > ({{ tolerance }}) + rounding
),

findings as (
    select
        disagreements.{{ document_column }} as document_id,
        row_table_key as table_key,
        row_code as code,
        '{{ total_measure }}' as measure,
        cast(expected as decimal(18, 2)) as expected,
        cast(actual as decimal(18, 2)) as actual,
        concat(
            {{ doc_label('disagreements.' ~ document_column) }}, ' ',
            {{ vocabulary_case('row_table_key', 'tables') }}, ': ',
            concat_ws(' ', {{ code_level('row_code') }}, row_code, row_name, '{{ measure_label(total_measure) }}'),
            ' 印刷 ', {{ format_amount('actual') }},
            '，{{ parts_text }} = ', {{ format_amount('expected') }},
            '（差 ', {{ format_amount('actual - expected') }}, '）'
        ) as message
    from disagreements
)

{{ acknowledge_findings('findings', check_name) }}
{% endtest %}

{#-
    Findings of a check "a figure stated in the narrative = the same figure in the tables".

    section: fct_narrative_fact.section to read ('explanation' | 'other'); topics: the topics compared
    (each is a `figure` of int_document_figures); table_name: fct_finding.table_name of the finding;
    section_label: how the message names the narrative part (预算编制说明 / 其他相关情况说明).
-#}
{% macro stated_vs_table_findings(section, topics, table_name, section_label) %}
with stated as (
    select
        document_id,
        topic,
        label,
        amount,
        printed_amount,
        line_no
    from {{ ref('fct_narrative_fact') }}
    where
        section = '{{ section }}'
        and amount is not null
        and topic in ('{{ topics | join("', '") }}')
),

compared as (
    select
        stated.document_id,
        stated.topic,
        stated.label,
        stated.amount as stated_amount,
        stated.printed_amount,
        stated.line_no,
        figures.table_key,
        figures.amount as table_amount,
        figures.rounding_tolerance
    from stated
    inner join {{ ref('int_document_figures') }} as figures
        on
            stated.document_id = figures.document_id
            and stated.topic = figures.figure
),

findings as (
    select
        document_id,
        '{{ table_name }}' as table_name,
        cast(null as varchar) as code,
        topic as measure,
        {{ format_amount('table_amount') }} as expected,
        {{ format_amount('stated_amount') }} as actual,
        table_amount as expected_amount,
        stated_amount as actual_amount,
        {{ precision_severity('stated_amount', 'table_amount', 'printed_amount', 'rounding_tolerance') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' {{ section_label }}：', label, ' 写 ', printed_amount,
            {{ stated_in_table_unit('stated_amount', 'printed_amount') }}, '，',
            {{ table_label('table_key', 'document_id') }}, ' ', {{ format_table_money('table_amount') }},
            '（差 ', {{ format_table_money('stated_amount - table_amount') }}, '）',
            {{ precision_note('printed_amount', 'rounding_tolerance', document_unit()) }}
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from compared
)

{{ select_findings('findings') }}
{% endmacro %}

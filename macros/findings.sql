{#-
    The shape of a finding, and the identities every check is built from.

    A check is a model `models/checks/chk_<id>_<what>.sql` (the id, e.g. H01, is the second part of the
    model name). Its last CTE holds one row per disagreement with the columns

        document_id, table_name, code, measure, expected, actual, expected_amount, actual_amount,
        severity, message, line_no, detail

    and it ends with `{{ select_findings('that_cte') }}`, which adds check_id and difference and drops
    rows whose severity is NULL (nothing to report). each family table (models/findings/families) unions its check models and `int_check_findings` the families;
    `fct_finding` adds the parse-gap links and the acknowledgements (seeds/acknowledged_findings.csv) and is
    what the gate test and the report read.

    The identity macros below (`children_sum_findings`, `row_total_findings`,
    `aggregate_equality_findings`) produce such rows for the table arithmetic; the generic tests in
    tests/generic/ are thin wrappers around the same macros.
-#}


{#- check_id of the check model being built: chk_h01_function_kuan → 'H01'. -#}
{% macro check_id() -%}
    {#- (`model` is undefined only when sqlfluff renders a check outside dbt) -#}
    {{- return((model.name if model is defined else 'chk_x00_lint').split('_')[1] | upper) -}}
{%- endmacro %}


{#- Final SELECT of a check model (see above). -#}
{% macro select_findings(findings_cte) -%}
    select
        cast(document_id as varchar) as document_id,
        '{{ check_id() }}' as check_id,
        cast(severity as varchar) as severity,
        cast(table_name as varchar) as table_name,
        cast(code as varchar) as code,
        cast(measure as varchar) as measure,
        cast(expected as varchar) as expected,
        cast(actual as varchar) as actual,
        cast(message as varchar) as message,
        cast(expected_amount as decimal(18, 2)) as expected_amount,
        cast(actual_amount as decimal(18, 2)) as actual_amount,
        cast(actual_amount - expected_amount as decimal(18, 2)) as difference,
        cast(line_no as integer) as line_no,
        cast(detail as varchar) as detail
    from {{ findings_cte }}
    where severity is not null
{%- endmacro %}


{#-
    Severity of two figures that should be equal: NULL (no finding) when equal, 'info' when the
    difference is within `rounding` yuan (what 万元 display to 0.01 explains), else `beyond`.
-#}
{% macro amount_severity(difference, rounding='0', beyond='error') -%}
    case
        when ({{ difference }}) is null or ({{ difference }}) = 0 then null
        when abs({{ difference }}) <= ({{ rounding }}) then 'info'
        else '{{ beyond }}'
    end
{%- endmacro %}


{#-
    Severity of a figure stated in 万元 with two decimals (`stated`, in yuan) against the exact yuan
    figure of the tables (`exact`): NULL when it is the exact figure or the exact figure rounded half-up
    to 0.01 万元 (100 yuan); 'info' when it is off by less than `rounding` yuan (default 100: display
    rounding, e.g. a truncated figure); else `beyond`.
-#}
{% macro stated_severity(stated, exact, rounding='100', beyond='error') -%}
    case
        when ({{ stated }}) is null or ({{ exact }}) is null then null
        when ({{ stated }}) = ({{ exact }}) or ({{ stated }}) = round({{ exact }}, -2) then null
        when abs(({{ stated }}) - ({{ exact }})) <= ({{ rounding }}) then 'info'
        else '{{ beyond }}'
    end
{%- endmacro %}


{#-
    The yuan of the last printed digit of a figure written in words (`printed`, e.g. '17,192万元' →
    10000, '887.36万元' → 100, '3,355.6万元' → 1000, '617000元' → 1, '2944044.00元' → 0.01): the figure
    stands for any exact amount within half of it.
-#}
{% macro printed_step(printed) -%}
    cast(
        case when ({{ printed }}) like '%万%' then 10000 else 1 end
        / power(10, length(coalesce(regexp_extract({{ printed }}, '\.(\d+)', 1), '')))
        as decimal(18, 4)
    )
{%- endmacro %}


{#-
    Severity of a figure written in words (`stated`, yuan, printed as `printed`) against the exact figure
    of the tables (`exact`, yuan, itself within ±`exact_tolerance` yuan of the true amount when its table
    is in 万元), following the printed precision: NULL when the stated figure is the exact one rounded to
    its last printed digit; 'info' when within that precision (half a step + exact_tolerance) or the exact
    figure cut off at the last printed digit (display truncation); else `beyond`. '17,192万元' against
    171,915,169 元 is NULL; '887.36万元' against 8,873,650 元 is NULL, against 8,873,640 元 'info'.
-#}
{% macro precision_severity(stated, exact, printed, exact_tolerance='0', beyond='error') -%}
    case
        when ({{ stated }}) is null or ({{ exact }}) is null then null
        when
            ({{ stated }}) = ({{ exact }})
            or ({{ stated }}) = round(({{ exact }}) / {{ printed_step(printed) }}, 0) * {{ printed_step(printed) }}
            then null
        when
            abs(({{ stated }}) - ({{ exact }})) <= {{ printed_step(printed) }} / 2 + ({{ exact_tolerance }})
            or ({{ stated }}) = trunc(({{ exact }}) / {{ printed_step(printed) }}) * {{ printed_step(printed) }}
            then 'info'
        else '{{ beyond }}'
    end
{%- endmacro %}


{#- The precision a comparison used, for messages, in `unit` (SQL: '元' / '万元'): '（印刷精度 ±5000.00元）'. -#}
{% macro precision_note(printed, exact_tolerance='0', unit="'元'") -%}
    concat(
        '（印刷精度 ±',
        {{ format_money(printed_step(printed) ~ ' / 2 + (' ~ exact_tolerance ~ ')', unit) }},
        '）'
    )
{%- endmacro %}


{#-
    A name with its variant characters made one (其它 → 其他, half-width brackets → full-width, no spaces):
    two printings of one name that differ only there are the same name, at most 'info'.
-#}
{% macro name_variant_key(name) -%}
    replace(replace(replace(replace({{ name }}, '其它', '其他'), '(', '（'), ')', '）'), ' ', '')
{%- endmacro %}


{#-
    A code's printed name as compared between two documents (a budget and its final account): the variant
    characters of name_variant_key, full-width spaces dropped, and a trailing 支出 (printed on one side only:
    `其他文化旅游体育与传媒` / `其他文化旅游体育与传媒支出`) left out.
-#}
{% macro pairing_name_key(name) -%}
    regexp_replace({{ name_variant_key("replace(" ~ name ~ ", '　', '')") }}, '支出$', '')
{%- endmacro %}


{#- Chinese name of a table_name (table key or narrative part), for messages. -#}
{#-
    With `document_id` (an SQL expression): the name the document's own template gives the table (a 决算 says
    支出决算表 where a budget says 支出预算总表; macros/vocabulary.sql `tables_<template>`), else the generic one.
-#}
{% macro table_label(table_name, document_id=none) -%}
    {%- if document_id is none -%}
        {{ vocabulary_case(table_name, 'tables') }}
    {%- else -%}
        {{ template_table_label(table_name, document_template(document_id)) }}
    {%- endif -%}
{%- endmacro %}


{#- The template (dim_document.template) of a document, as a scalar subquery on the id expression. -#}
{% macro document_template(document_id) -%}
    {{ document_column(document_id, 'template') }}
{%- endmacro %}


{#- Chinese name of a table in a template (`template`: SQL expression of a template key), else the generic one. -#}
{% macro template_table_label(table_name, template) -%}
    {%- set vocabulary = budget_vocabulary() -%}
    case {{ template }}
    {%- for family in vocabulary['templates'] %}
        {%- if ('tables_' ~ family) in vocabulary %}
        when '{{ family }}' then {{ vocabulary_case(table_name, 'tables_' ~ family, vocabulary_case(table_name, 'tables')) }}
        {%- endif %}
    {%- endfor %}
        else {{ vocabulary_case(table_name, 'tables') }}
    end
{%- endmacro %}


{#- SQL condition: the row's document prints at least one cell of fct_published_amount matching `condition`. -#}
{#-
    Rows of the tables a document prints `measures` in (anywhere in that table): a row identity between
    measures runs only where the document's template publishes them (a Jiangsu table prints one 金额).
-#}
{% macro tables_printing(measures) -%}
    {{- return(
        "(document_id, table_key) in (select printing.document_id, printing.table_key from "
        ~ ref('fct_published_amount') ~ " as printing where printing.measure in ('"
        ~ measures | join("', '") ~ "'))"
    ) -}}
{%- endmacro %}


{#- Rows of the expenditure side whose (document, table, measure) a row of kind `row_kind` also prints on
    that side: a total compared with its items only in the columns both print. -#}
{% macro measures_printed_as(row_kind) -%}
    {{- return(
        "document_id || '|' || table_key || '|' || measure in (select printing.document_id || '|' || "
        ~ "printing.table_key || '|' || printing.measure from " ~ ref('fct_published_amount')
        ~ " as printing where printing.side = 'expenditure' and printing.row_kind = '" ~ row_kind ~ "')"
    ) -}}
{%- endmacro %}


{% macro documents_printing(condition) -%}
    {{- return(
        "document_id in (select printing.document_id from " ~ ref('fct_published_amount')
        ~ " as printing where " ~ condition ~ ")"
    ) -}}
{%- endmacro %}


{#- A stated change as a signed amount: increase +, decrease −, flat 0. -#}
{% macro signed_change(direction, amount) -%}
    case {{ direction }} when 'decrease' then -({{ amount }}) when 'flat' then 0 else {{ amount }} end
{%- endmacro %}


{#- A range of two figures already formatted as text (`low`, `high`: SQL), for messages: 'low–high', or the
    one figure when both ends print the same (65.553%, not 65.553%–65.553%). -#}
{% macro format_range(low, high) -%}
    case when ({{ low }}) = ({{ high }}) then ({{ low }}) else concat({{ low }}, '–', {{ high }}) end
{%- endmacro %}


{#- Chinese word of a change direction. -#}
{% macro direction_word(direction) -%}
    case {{ direction }} when 'increase' then '增加' when 'decrease' then '减少' when 'flat' then '持平' end
{%- endmacro %}


{#- Chinese word of a comparison base. -#}
{% macro base_word(kind) -%}
    case {{ kind }} when 'execution' then '预算执行数' else '预算' end
{%- endmacro %}


{#- An amount in yuan shown in 万元 (format_money): 164978600.00 → 16497.86万元. -#}
{% macro format_wan(amount) -%}
    {{ format_money(amount, "'万元'") }}
{%- endmacro %}


{#-
    Findings of the narrative's last-year figures against last year's document of the same body
    (same region, department, scope and kind; fiscal_year = the year compared with, which must be the
    year before: a misprinted year is N08's finding, not a comparison with another document): for the facts of
    `section` whose topic is in `topics` and that state a change on last year's 预算 (budget), the
    implied last-year figure (this year's figure − the stated change) vs the figure of the same name in
    last year's document (int_document_figures). The figure and its change are both printed to the
    figure's precision (half a step each) and last year's table may be in 万元 (its rounding tolerance):
    within that the difference is 'info' at most (0.01 万元 figures on a yuan table: 100 yuan).
-#}
{% macro prior_year_findings(section, topics, table_name) -%}
    with stated as (
        select
            facts.document_id,
            facts.topic,
            facts.label,
            facts.line_no,
            facts.printed_amount,
            facts.amount - {{ signed_change('facts.change_direction', 'facts.change_amount') }} as implied_prior,
            coalesce(facts.prior_year, documents.fiscal_year - 1) as prior_year,
            documents.region,
            documents.department_name,
            documents.scope,
            documents.kind
        from {{ ref('fct_narrative_fact') }} as facts
        inner join {{ ref('dim_document') }} as documents
            on facts.document_id = documents.document_id
        where
            facts.section = '{{ section }}'
            and facts.topic in ('{{ topics | join("', '") }}')
            and facts.prior_kind = 'budget'
            and facts.change_amount is not null
            and facts.amount is not null
            -- a misprinted comparison year (N08) names no other document: '比2026年' in a 2026 budget
            -- would compare the document with itself
            and coalesce(facts.prior_year, documents.fiscal_year - 1) = documents.fiscal_year - 1
    ),

    compared as (
        select
            stated.document_id,
            stated.topic,
            stated.label,
            stated.line_no,
            stated.implied_prior,
            stated.prior_year,
            stated.printed_amount,
            previous.document_id as previous_document_id,
            figures.amount as previous_amount,
            {{ printed_step('stated.printed_amount') }} / 2 + figures.rounding_tolerance as previous_tolerance
        from stated
        inner join {{ ref('dim_document') }} as previous
            on
                stated.region = previous.region
                and stated.department_name = previous.department_name
                and stated.scope = previous.scope
                and stated.kind = previous.kind
                and stated.prior_year = previous.fiscal_year
        inner join {{ ref('int_document_figures') }} as figures
            on
                previous.document_id = figures.document_id
                and stated.topic = figures.figure
    )

    select
        document_id,
        '{{ table_name }}' as table_name,
        cast(null as varchar) as code,
        topic as measure,
        {{ format_amount('previous_amount') }} as expected,
        {{ format_amount('implied_prior') }} as actual,
        previous_amount as expected_amount,
        implied_prior as actual_amount,
        {{ precision_severity('implied_prior', 'previous_amount', 'printed_amount', 'previous_tolerance') }} as severity,
        concat(
            {{ doc_label('document_id') }}, ' ', {{ part_label("'" ~ table_name ~ "'") }}, '：', label, ' 按所写增减推得 ',
            cast(prior_year as varchar), ' 年预算为 ', {{ format_money('implied_prior', printed_money_unit('printed_amount')) }},
            '，而 ', {{ doc_label('previous_document_id') }}, ' 印 ',
            {{ format_table_money('previous_amount', 'previous_document_id') }}, '（差 ',
            {{ format_money('implied_prior - previous_amount', printed_money_unit('printed_amount')) }}, '）',
            {{ precision_note('printed_amount', 'previous_tolerance', printed_money_unit('printed_amount')) }}
        ) as message,
        line_no,
        concat('上年文档 ', previous_document_id) as detail
    from compared
{%- endmacro %}


{#-
    How a finding names a narrative part (`part`: a SECTIONS key as an SQL expression, e.g. `'explanation'`) of
    the document `document_id`: the name its own template prints it under (a Jiangsu document's single
    部门预算情况说明 where a Shanghai one has 预算编制说明 / 其他相关情况说明; macros/vocabulary.sql
    `tables_<template>`), else the generic name.
-#}
{% macro part_label(part, document_id='document_id') -%}
    {{ table_label(part, document_id) }}
{%- endmacro %}


{#-
    How a finding names a numbered narrative fact (`item_no`, its `class_name` and `topic`, SQL expressions) of
    the document `document_id`, with a trailing space: '第2条 '; where the document's template numbers its 项
    items anew under each 类 heading (vocabulary `items_by_class`), an item is '公共安全（类）下第2条 ' and another
    numbered fact (part 一's list of 类, named by its own 类) is named by its label alone (''). '' without a number.
-#}
{% macro item_ref(item_no, class_name='class_name', topic='topic', document_id='document_id') -%}
    {%- set by_class = budget_vocabulary()['items_by_class'] -%}
    case
        when {{ item_no }} is null then ''
        when {{ document_template(document_id) }} in (
            '{{ by_class.items() | selectattr(1) | map(attribute=0) | join("', '") }}'
        )
            then case
                when {{ topic }} = 'item' and nullif({{ class_name }}, '') is not null
                    then concat({{ class_name }}, '（类）下第', cast({{ item_no }} as varchar), '条 ')
                when {{ topic }} = 'item' then concat('第', cast({{ item_no }} as varchar), '条 ')
                else ''
            end
        else concat('第', cast({{ item_no }} as varchar), '条 ')
    end
{%- endmacro %}

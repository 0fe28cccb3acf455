{#- Helpers over budget_vocabulary() (macros/vocabulary.sql, generated from the template registry). -#}


{#- CASE expression mapping `expr` through one vocabulary dictionary (values that are lists: first item). -#}
{% macro vocabulary_case(expr, vocabulary_name, default_expr=none) -%}
    {%- set vocabulary = budget_vocabulary()[vocabulary_name] -%}
    case {{ expr }}
    {%- for key, value in vocabulary.items() %}
        when '{{ key }}' then '{{ value[0] if value is sequence and value is not string else value }}'
    {%- endfor %}
        else {{ default_expr if default_expr is not none else expr }}
    end
{%- endmacro %}


{#- The coded tables of every template family, as a SQL list of quoted keys. -#}
{% macro coded_table_list() -%}
    {{- return("'" ~ budget_vocabulary()['coded_tables'].keys() | join("', '") ~ "'") -}}
{%- endmacro %}


{#- Chinese name of one measure, at compile time (for literal measure names given to tests). -#}
{% macro measure_label(measure) -%}
    {{- return(budget_vocabulary()['measures'].get(measure, measure)) -}}
{%- endmacro %}


{#- Level of a function (3/5/7 digits) or economic (3/5 digits) code. -#}
{% macro code_level(code) -%}
    case length({{ code }}) when 3 then '类' when 5 then '款' when 7 then '项' end
{%- endmacro %}


{#- Level of the children of a code: 类 → 款, 款 → 项. -#}
{% macro child_level(code) -%}
    case length({{ code }}) when 3 then '款' when 5 then '项' end
{%- endmacro %}


{#- Parent of a code: one level up (2 digits shorter), NULL for a 类. -#}
{% macro parent_code(code) -%}
    case when length({{ code }}) in (5, 7) then left({{ code }}, length({{ code }}) - 2) end
{%- endmacro %}


{#- An amount in yuan as bare text with exactly two decimals (94995790.00): the expected / actual columns
    (which acknowledgements key on). Messages give a figure with its unit: format_money. -#}
{% macro format_amount(amount) -%}
    cast(cast({{ amount }} as decimal(18, 2)) as varchar)
{%- endmacro %}


{#-
    An amount in yuan (`amount`, SQL) as a message shows it, in `unit` (SQL expression: '元' or '万元') and
    always with that unit, without thousands separators: 元 with two decimals (94995790.00元); 万元 with two
    decimals, more only when the amount needs them to be exact (26877700 → 2687.77万元, 15650 → 1.565万元,
    8873640.5 → 887.36405万元). NULL when the amount is NULL (so coalesce(..., '未印刷') works).
-#}
{% macro format_money(amount, unit="'元'") -%}
    case
        when ({{ amount }}) is null then null
        when ({{ unit }}) = '万元' then concat(
            case
                when cast({{ amount }} as decimal(18, 2)) % 100 = 0
                    then cast(cast(cast({{ amount }} as decimal(18, 2)) * 0.0001 as decimal(18, 2)) as varchar)
                else rtrim(cast(cast({{ amount }} as decimal(18, 2)) * 0.0001 as varchar), '0')
            end,
            '万元'
        )
        else concat(cast(cast({{ amount }} as decimal(18, 2)) as varchar), '元')
    end
{%- endmacro %}


{#- The unit a document prints its tables in (dim_document.amount_unit: '元' or '万元'; '元' when unknown),
    as a scalar subquery on the id expression. -#}
{% macro document_unit(document_id='document_id') -%}
    coalesce({{ document_column(document_id, 'amount_unit') }}, '元')
{%- endmacro %}


{#- One column of dim_document for a document, as a scalar subquery on the id expression (NULL when the id is
    not there): the one lookup document_unit, doc_label and document_template share. -#}
{% macro document_column(document_id, column) -%}
    (
        select max(looked_up_documents.looked_up_value)
        from (
            select
                document_id as looked_up_document_id,
                {{ column }} as looked_up_value
            from {{ ref('dim_document') }}
        ) as looked_up_documents
        where looked_up_documents.looked_up_document_id = {{ document_id }}
    )
{%- endmacro %}


{#- A table figure (yuan) of a document as a message shows it: in the unit the document's tables print. -#}
{% macro format_table_money(amount, document_id='document_id') -%}
    {{ format_money(amount, document_unit(document_id)) }}
{%- endmacro %}


{#- A figure written in words (`stated`, yuan; `printed`, e.g. '2728.39万元') restated in the unit of the
    document's tables when that differs ('（即 27283900.00元）'), else '': the reader compares like with like. -#}
{% macro stated_in_table_unit(stated, printed, document_id='document_id') -%}
    case
        when {{ printed_money_unit(printed) }} <> {{ document_unit(document_id) }}
            then concat('（即 ', {{ format_table_money(stated, document_id) }}, '）')
        else ''
    end
{%- endmacro %}


{#- The unit of a figure written in words (`printed`, e.g. '2687.77万元', '617000元'): '万元' or '元'. -#}
{% macro printed_money_unit(printed) -%}
    case when ({{ printed }}) like '%万%' then '万元' else '元' end
{%- endmacro %}


{#-
    Plain-language label of a document (department + year + scope/kind), e.g.
    `上海市普陀区人民政府万里街道办事处 2025 部门预算`, looked up in dim_document; falls back to the id.
-#}
{% macro doc_label(document_id) -%}
    coalesce({{ document_column(document_id, 'document_label') }}, 'document ' || {{ document_id }})
{%- endmacro %}


{#-
    A body's name as compared across documents: brackets and spaces as printed vary between a department's
    机构设置 list and a unit document's holder line, and the department's own office is printed as
    `X（本级）`, `X本级` or `X本部`; all of these compare equal to `X`.
-#}
{% macro body_name(name) -%}
    regexp_replace(translate({{ name }}, '（）　 ', '()'), '\(?(本级|本部)\)?$', '')
{%- endmacro %}

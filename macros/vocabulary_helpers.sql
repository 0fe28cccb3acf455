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


{#- An amount as text with exactly two decimals (94995790.00), for messages. -#}
{% macro format_amount(amount) -%}
    cast(cast({{ amount }} as decimal(18, 2)) as varchar)
{%- endmacro %}


{#-
    Plain-language label of a document (department + year + scope/kind), e.g.
    `上海市普陀区人民政府万里街道办事处 2025 部门预算`, looked up in dim_document; falls back to the id.
-#}
{% macro doc_label(document_id) -%}
    coalesce(
        (
            select max(label_documents.label_text)
            from (
                select
                    document_id as label_document_id,
                    document_label as label_text
                from {{ ref('dim_document') }}
            ) as label_documents
            where label_documents.label_document_id = {{ document_id }}
        ),
        'document ' || {{ document_id }}
    )
{%- endmacro %}


{#-
    A body's name as compared across documents: brackets and spaces as printed vary between a department's
    机构设置 list and a unit document's holder line, and the department's own office is printed as
    `X（本级）`, `X本级` or `X本部`; all of these compare equal to `X`.
-#}
{% macro body_name(name) -%}
    regexp_replace(translate({{ name }}, '（）　 ', '()'), '\(?(本级|本部)\)?$', '')
{%- endmacro %}

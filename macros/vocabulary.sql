{#-
    The controlled vocabularies of docs/RAW_FORMAT.md and the warehouse contract, with the Chinese names
    used in descriptions, dimension tables and finding messages. One place for all of them:
    `budget_vocabulary()` returns the dictionaries, `vocabulary_case()` turns one into a SQL CASE.
-#}
{% macro budget_vocabulary() %}
    {{ return({
        'tables': {
            'financial_summary': '财务收支预算总表',
            'income': '收入预算总表',
            'expenditure': '支出预算总表',
            'fiscal_summary': '财政拨款收支预算总表',
            'general_public': '一般公共预算支出功能分类预算表',
            'government_fund': '政府性基金预算支出功能分类预算表',
            'state_capital': '国有资本经营预算支出功能分类预算表',
            'basic_economic': '一般公共预算基本支出经济分类预算表',
            'three_public': '“三公”经费和机关运行经费预算表',
            'project': '项目经费情况说明',
            'explanation': '预算编制说明',
            'other_information': '其他相关情况说明',
            'performance_form': '绩效目标填报表',
            'organisation': '机构设置',
            'document': '文档'
        },
        'measures': {
            'total': '合计',
            'fiscal_appropriation': '财政拨款收入',
            'general_public': '一般公共预算',
            'government_fund': '政府性基金',
            'state_capital': '国有资本经营预算',
            'business': '事业收入',
            'operating': '事业单位经营收入',
            'other': '其他收入',
            'basic': '基本支出',
            'project': '项目支出',
            'personnel': '人员经费',
            'public': '公用经费',
            'abroad': '因公出国(境)费',
            'reception': '公务接待费',
            'vehicle_total': '公务用车购置及运行费',
            'vehicle_purchase': '公务用车购置费',
            'vehicle_operation': '公务用车运行费',
            'operation_fund': '机关运行经费',
            'amount': '年度预算安排',
            'superior_subsidy': '上级补助收入',
            'subordinate_remittance': '附属单位上缴收入',
            'to_superior': '上缴上级支出',
            'operating_expenditure': '经营支出',
            'to_subordinates': '对附属单位补助支出',
            'opening': '年初结转和结余',
            'income': '本年收入',
            'closing': '年末结转和结余'
        },
        'final_tables': {
            'financial_summary': '收入支出决算总表',
            'income': '收入决算表',
            'expenditure': '支出决算表',
            'fiscal_summary': '财政拨款收入支出决算总表',
            'general_public': '一般公共预算财政拨款支出决算表',
            'basic_economic': '一般公共预算财政拨款基本支出决算表',
            'three_public': '财政拨款“三公”经费支出决算表',
            'government_fund': '政府性基金预算财政拨款收入支出决算表',
            'state_capital': '国有资本经营预算财政拨款收入支出决算表'
        },
        'balances': {
            'opening': '年初结转和结余',
            'closing': '年末结转和结余',
            'surplus_allocation': '结余分配',
            'non_fiscal_surplus_used': '使用非财政拨款结余'
        },
        'sides': {
            'income': '收入',
            'expenditure': '支出'
        },
        'funds': {
            'all': ['全部资金（部门支出预算总表）', 'expenditure', 1],
            'general_public': ['一般公共预算', 'general_public', 2],
            'government_fund': ['政府性基金预算', 'government_fund', 3],
            'state_capital': ['国有资本经营预算', 'state_capital', 4]
        },
        'scopes': {
            'department': '部门',
            'unit': '单位'
        },
        'kinds': {
            'budget': '预算',
            'final_account': '决算'
        }
    }) }}
{% endmacro %}


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

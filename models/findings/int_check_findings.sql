-- Every failure of every check of the catalogue (models/checks, macros/check_catalogue.sql), as the checks
-- state it (before acknowledgements and before the parse-gap links of fct_finding): the union of the family
-- tables (models/findings/families), each the union of its family's checks.
{%- set families = check_families() -%}
{%- for check_model in check_models() if check_family(check_model) not in families %}
    {{ exceptions.raise_compiler_error(check_model ~ ": its family has no model in check_families() (macros/check_catalogue.sql)") }}
{%- endfor %}
{%- set relations = [] -%}
{%- for family_model in families.values() -%}
    {%- do relations.append(ref(family_model)) -%}
{%- endfor %}
{{ union_findings(relations) }}

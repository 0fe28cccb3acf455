-- One row per ingested document (部门预算 / 单位预算 / 决算), with the department document a unit document
-- belongs to, so that sums across documents count every figure once, and the widest fund its function-classified
-- expenditure covers (a Jiangsu budget prints no all-funds table: its widest is 财政拨款).
with documents as (
    select
        document_id,
        region,
        department_name,
        scope,
        fiscal_year,
        kind,
        amount_unit,
        source_file,
        source_sha256,
        title,
        template,
        source_files
    from {{ ref('stg_documents') }}
),

department_documents as (
    select
        document_id,
        region,
        fiscal_year,
        kind,
        {{ body_name('department_name') }} as body_name
    from documents
    where scope = 'department'
),

-- The units a department document says it consists of (机构设置 / 单位构成).
listed_members as (
    select distinct
        document_id,
        {{ body_name('label') }} as body_name
    from {{ ref('stg_narrative_facts') }}
    where topic = 'member_unit' and label is not null
),

unit_documents as (
    select
        document_id,
        region,
        fiscal_year,
        kind,
        {{ body_name('department_name') }} as body_name
    from documents
    where scope = 'unit'
),

-- A unit document of the department's own office carries the department's name; any other unit is
-- listed by name in the department's 机构设置, in full or without the region prefix.
parent_candidates as (
    select
        unit_documents.document_id,
        department_documents.document_id as parent_document_id,
        case
            when unit_documents.body_name = department_documents.body_name then 1
            when unit_documents.body_name in (
                select listed_members.body_name
                from listed_members
                where listed_members.document_id = department_documents.document_id
            ) then 2
            else 3
        end as match_rank
    from unit_documents
    inner join department_documents
        on
            unit_documents.region = department_documents.region
            and unit_documents.fiscal_year = department_documents.fiscal_year
            and unit_documents.kind = department_documents.kind
    where
        unit_documents.body_name = department_documents.body_name
        or exists (
            select 1
            from listed_members
            where
                listed_members.document_id = department_documents.document_id
                and (
                    unit_documents.body_name = listed_members.body_name
                    or (
                        length(listed_members.body_name) >= 4
                        and ends_with(unit_documents.body_name, listed_members.body_name)
                    )
                )
        )
),

parents as (
    select
        document_id,
        parent_document_id
    from parent_candidates
    qualify row_number() over (partition by document_id order by match_rank, parent_document_id) = 1
),

-- The fund of the widest by-function expenditure table the document prints (dim_fund.coverage_rank), so that
-- one query over fct_expenditure shows every document once and in full, whatever its template.
widest_funds as (
    select
        expenditure.document_id,
        arg_min(expenditure.fund_type, funds.coverage_rank) as function_fund_type
    from {{ ref('fct_expenditure') }} as expenditure
    inner join {{ ref('dim_fund') }} as funds
        on expenditure.fund_type = funds.fund_type
    group by expenditure.document_id
)

select
    documents.document_id,
    documents.region,
    documents.department_name,
    documents.scope,
    documents.fiscal_year,
    documents.kind,
    documents.amount_unit,
    documents.source_file,
    documents.title,
    documents.source_sha256,
    concat_ws(
        ' ',
        documents.department_name,
        cast(documents.fiscal_year as varchar),
        {{ vocabulary_case('documents.scope', 'scopes') }} || {{ vocabulary_case('documents.kind', 'kinds') }}
    ) as document_label,
    parents.parent_document_id,
    parents.parent_document_id is null as counted_in_totals,
    documents.template,
    documents.source_files,
    widest_funds.function_fund_type
from documents
left join parents
    on documents.document_id = parents.document_id
left join widest_funds
    on documents.document_id = widest_funds.document_id

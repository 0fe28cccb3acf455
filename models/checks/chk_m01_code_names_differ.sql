-- 同一文档中同一编码印了不同的名称（只差空格、括号全半角、其他 / 其它时为 info）。
with printed as (
    select
        document_id,
        classification,
        code,
        printed_name,
        table_key,
        line_no,
        {{ name_variant_key('printed_name') }} as normalised_name
    from {{ ref('dim_code_as_printed') }}
),

named_codes as (
    select
        document_id,
        classification,
        code,
        count(distinct printed_name) as name_count,
        count(distinct normalised_name) as normalised_count,
        arg_min(printed_name, line_no) as first_name,
        min(line_no) as first_line
    from printed
    group by document_id, classification, code
),

other_names as (
    select
        printed.document_id,
        printed.classification,
        printed.code,
        printed.printed_name,
        printed.table_key,
        printed.line_no,
        named_codes.first_name,
        named_codes.normalised_count
    from printed
    inner join named_codes
        on
            printed.document_id = named_codes.document_id
            and printed.classification = named_codes.classification
            and printed.code = named_codes.code
    where named_codes.name_count > 1 and printed.printed_name <> named_codes.first_name
),

findings as (
    select
        document_id,
        table_key as table_name,
        code,
        'printed_name' as measure,
        first_name as expected,
        printed_name as actual,
        cast(null as decimal(18, 2)) as expected_amount,
        cast(null as decimal(18, 2)) as actual_amount,
        case when normalised_count > 1 then 'error' else 'info' end as severity,
        concat(
            {{ doc_label('document_id') }},
            ' ',
            {{ table_label('table_key', 'document_id') }},
            ': ',
            {{ code_level('code') }},
            ' ',
            code,
            ' 印作“', printed_name, '”，同一文档别处印作“', first_name, '”'
        ) as message,
        line_no,
        cast(null as varchar) as detail
    from other_names
)

{{ select_findings('findings') }}

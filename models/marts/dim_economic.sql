-- One row per economic code (类/款) printed by any document, with its canonical name.
{{ canonical_code_names(ref('stg_economic_codes'), 'economic_code', 'economic_name') }}

-- One row per function code (类/款/项) printed by any document, with its canonical name.
{{ canonical_code_names(ref('stg_function_codes'), 'function_code', 'function_name') }}

-- The failures of the checks of family I (导入 ingest), as the checks state them.
{{ family_check_findings('i') }}

-- The failures of the checks of family H (层级 hierarchy), as the checks state them.
{{ family_check_findings('h') }}

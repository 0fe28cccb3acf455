-- The failures of the checks of family M (名称与说明 names and notes), as the checks state them.
{{ family_check_findings('m') }}

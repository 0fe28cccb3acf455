-- The failures of the checks of family F (决算与预算执行 final accounts), as the checks state them.
{{ family_check_findings('f') }}

-- The failures of the checks of family R (行内恒等式 row identities), as the checks state them.
{{ family_check_findings('r') }}

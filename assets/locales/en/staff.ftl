# Roles
staff-role-citizen = Citizen
staff-role-reviewer = Reviewer
staff-role-council = Council
staff-role-auditor = Auditor

# People and roles (council)
staff-users-title = People and roles
staff-users-text = A role change takes effect at once and ends that person's current sessions.
staff-users-caption =
    { $count ->
        [one] { $n } account
       *[other] { $n } accounts
    }
staff-col-name = Name
staff-col-email = Email
staff-col-role = Role
# Label of each person's role menu, read by screen readers
staff-role-of = Role of { $name }
staff-save = Save
# Read by screen readers after "Save": "Save role of Ana"
staff-save-role-of = role of { $name }
staff-done-role = The role has been changed.

# The audit log
staff-audit-title = Audit log
staff-logins-title = Logins per day
staff-logins-caption = Login attempts by outcome
staff-col-day = Day
staff-col-outcome = Outcome
staff-col-count = Count
staff-actions-title = Security-relevant actions
staff-actions-caption = Newest first
staff-col-when = When
staff-col-account = Account
staff-col-action = Action
staff-col-detail = Detail
staff-users-search = Find by address or name
staff-users-search-button = Search
staff-users-pages = Pages of accounts

# Registration
accounts-register-title = Register
accounts-register-heading = Create an account
accounts-name = Your name
accounts-name-hint = Shown next to proposals you submit.
accounts-email = Email address
accounts-email-hint = You log in with it. We do not show it to anyone.
accounts-password = Password
accounts-password-hint = At least 10 characters. A few unrelated words are easy to remember and hard to guess.
accounts-about-you-optional = About you (optional)
accounts-about-you-register-hint = We use these answers only to check whether you may vote in a round (for example, the minimum age or your district) and for anonymous statistics about who takes part. They are never published about you.
accounts-gender = Gender
accounts-gender-female = Woman
accounts-gender-male = Man
accounts-gender-non-binary = Non-binary
accounts-gender-prefer-not-to-say = Prefer not to say
accounts-birth-year = Year of birth
accounts-birth-year-hint = For example, 1975.
accounts-district = District where you live
accounts-create-account = Create account
# These two form one sentence: "Already registered? <Log in>."
accounts-already-registered = Already registered?
# The log-in page's title and heading, and the link to it.
accounts-log-in = Log in

# After registering
accounts-registered-title = Registration received
accounts-registered-heading = Thank you
accounts-registered-lead = If this email address was new to us, your account is ready and you can log in now. We have sent a link to confirm your address: some rounds let you vote only once it is confirmed.
accounts-registered-existing = If you already had an account with this address, we have sent it a message: log in with your password, or set a new one with the link in that message.

# Logging in
accounts-log-in-button = Log in
accounts-login-refused = The email address or the password is not right.
accounts-too-many-attempts = { $count ->
        [one] Too many failed attempts. Wait { $count } second, then try again.
       *[other] Too many failed attempts. Wait { $count } seconds, then try again.
    }
# These two form one sentence: "No account yet? <Register>."
accounts-no-account = No account yet?
accounts-register-link = Register

# The account page
accounts-account-title = Your account
accounts-password-changed = Your password has been changed. Other devices have been logged out.
accounts-fact-name = Name
accounts-fact-email = Email
accounts-fact-role = Role
accounts-role-citizen = Citizen
accounts-role-reviewer = Reviewer
accounts-role-council = Council
accounts-role-auditor = Auditor
accounts-about-you = About you
accounts-about-you-account-hint = Used only to check whether you may vote in a round and for anonymous statistics about who takes part.
accounts-save = Save
accounts-password-heading = Change your password
accounts-current-password = Current password
accounts-new-password = New password
accounts-new-password-hint = At least 10 characters.
accounts-change-password = Change password
accounts-sessions = Sessions
accounts-sessions-text = Lost a phone, or used a shared computer? End every session on every device, including this one.
accounts-log-out-everywhere = Log out everywhere
accounts-your-data = Your data
accounts-download-data = Download everything we hold about you (JSON)
accounts-delete-heading = Delete your account
accounts-delete-text = Your personal data is removed. Ballots you cast stay counted (they were never linked to you), and proposals you wrote stay public, credited to “deleted user”.
accounts-confirm-password = Your password, to confirm
accounts-delete-button = Delete my account

# After deleting the account
accounts-deleted-title = Account deleted
accounts-deleted-heading = Your account has been deleted
accounts-deleted-thanks = Thank you for taking part.
accounts-back-to-rounds = Back to the budget rounds

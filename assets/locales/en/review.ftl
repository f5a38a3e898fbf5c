# Confirming voters in person (reviewers)
review-confirm-title = Confirm voters: { $round }
review-confirm-text = Confirm a person after checking an identity document in person. The confirmation is recorded with your account.
review-confirm-email = Email of the person's account
review-confirm-district = District where they live
review-confirm-district-hint = Checked against a document showing their address.
review-confirm-submit = Confirm this voter
review-confirm-no-account = There is no account with this email; ask the person to register first, or give them a voting code.
review-confirm-bad-district = Choose a district of this round.
review-confirmed = { $name } is confirmed for this round.

# Entering paper ballots (two officers)
review-paper-title = Enter paper ballots: { $round }
review-paper-text = Each paper ballot is entered by two officers. It counts when the second entry matches the first; if they differ, both are discarded.
review-paper-email = Email of the voter's account
review-paper-show = Show this voter's ballot
review-paper-no-account = There is no account with this email.
review-paper-enter = Enter this paper ballot
review-paper-first-entry = First entry recorded. A second officer must now enter the same ballot.
review-paper-cast = Both entries agree: the ballot is cast. Tracking code for the voter: { $code }
review-paper-mismatch = The two entries differ, so both were discarded. Check the paper ballot and enter it twice again.

# Refusals shown on the error page
review-error-no-account = there is no account with this email
review-confirm-document = Number of the identity document you checked
review-confirm-document-hint = Kept only as a keyed hash for this round, so you are told if this person has already voted, whatever account they used.
review-confirmed-already-voted = { $name } is confirmed for this round. This person has already voted: a new ballot will replace the earlier one.

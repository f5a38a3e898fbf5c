# Statuses of a proposal (and a reviewer's decision)
proposals-status-submitted = Submitted, awaiting review
proposals-status-feasible = Feasible: on the ballot
proposals-status-infeasible = Not feasible
proposals-status-withdrawn = Withdrawn by the author

# The list of proposals, with its filters
proposals-list-title = Proposals: { $round }
proposals-new = Submit a proposal
proposals-citywide = City-wide
proposals-district = District
proposals-category = Category
proposals-filter-label = Filter proposals
proposals-filter-search = Search titles, descriptions and places
proposals-filter-status = Status
proposals-filter-cost-from = Cost from
proposals-filter-cost-to = Cost up to
proposals-filter-cost-hint = In { $currency }
proposals-filter-sort = Order
proposals-filter-submit = Show proposals
proposals-sort-newest = Newest first
proposals-sort-oldest = Oldest first
proposals-sort-cost-low = Lowest cost first
proposals-sort-cost-high = Highest cost first
proposals-sort-title = By title
proposals-found =
    { $count ->
        [one] { $n } proposal
       *[other] { $n } proposals
    }
proposals-found-paged =
    { $count ->
        [one] { $n } proposal
       *[other] { $n } proposals
    }, page { $page } of { $pages }
proposals-pages-label = Pages of proposals

# The submission and edit form
proposals-edit-title = Edit your proposal
proposals-field-title = Title
proposals-field-title-hint = 5 to 120 characters, e.g. “Trees along the canal path”.
proposals-field-description = What should be done, where, and for whom?
proposals-field-description-hint = Plain text; leave an empty line between paragraphs. Links are shown as text.
proposals-field-cost = Estimated cost
proposals-field-cost-hint = In { $currency }, e.g. 25,000. Reviewers check it.
proposals-field-location = Location
proposals-field-location-hint = A street, square or landmark.
proposals-form-submit = Save proposal

# One proposal's page
proposals-proposed-by = proposed by { $authors }
# "Merged: this proposal is part of <link>proposal 12</link> now." is one sentence:
# the label, the text before the link, the link text, then the rest (which starts with a space when needed).
proposals-merged-label = Merged:
proposals-merged-before = this proposal is part of
proposals-merged-link = proposal { $id }
proposals-merged-after = { " " }now.
proposals-image-alt = Picture for the proposal: { $title }
proposals-estimated-cost = Estimated cost
proposals-validated-cost = Validated cost
proposals-not-reviewed = not reviewed yet
proposals-hidden-label = Hidden by the moderators:
proposals-hidden-staff = You see the text because you moderate; residents do not.
# After the number of supports, e.g. "12 supports"
proposals-supports =
    { $count ->
        [one] support
       *[other] supports
    }
proposals-supports-needed = { $n } needed to be reviewed
proposals-unsupport = Take back my support
proposals-support = Support this proposal
proposals-over-budget = The estimate is above the round's whole budget; reviewers will look at it closely.
proposals-history = History
proposals-history-submitted = submitted
proposals-history-changes = the reviewers asked for changes:
# Followed by the date, in brackets: "(the author edited it on 3 May 2026, 10:00 UTC)"
proposals-history-edited = the author edited it on
proposals-history-reviewed = reviewed:
# Between the decision and the validated cost: "Feasible: on the ballot at 25,000 EUR"
proposals-history-at = at
proposals-yours = Your proposal
proposals-changes-asked = The reviewers asked you for changes.
proposals-changes-answer = Edit the proposal to answer them.
proposals-edit = Edit
proposals-image-replace = Replace the picture
proposals-image-add = Add a picture
proposals-image-hint = A JPEG, PNG or WebP file of at most 5 MB.
proposals-image-upload = Upload the picture
proposals-withdraw = Withdraw this proposal
proposals-flag-summary = Report this proposal as abusive
proposals-flag-reason = What is wrong with it?
proposals-flag-reason-hint = The moderators read every report.
proposals-flag-submit = Send the report
proposals-moderation = Moderation
proposals-public-reason = Public reason
proposals-moderation-reason-hint = Published on the proposal's page. The text stays in the audit log.
proposals-moderation-show = Show the text again
proposals-moderation-hide = Hide the text
proposals-changes-title = Ask the author for changes
proposals-changes-reason = What should change
proposals-changes-reason-hint = Published in the proposal's history; the author may then edit it.
proposals-changes-submit = Ask for changes
proposals-merge-title = Merge a duplicate
proposals-merge-into = Merge this proposal into proposal number
proposals-merge-reason = Why they are the same
proposals-merge-reason-hint = Published on both proposals. Both authors are credited.
proposals-merge-submit = Merge
proposals-review-title = Review
proposals-review-decision = Decision
proposals-review-feasible = Feasible: put it on the ballot
proposals-review-infeasible = Not feasible
proposals-review-cost-hint = Leave empty to keep the estimate.
proposals-review-reason-hint = Published with the decision.
proposals-review-submit = Record the decision

# Messages after an action on a proposal
proposals-done-submitted = Your proposal is submitted. You can edit or withdraw it until review starts.
proposals-done-saved = Your changes are saved.
proposals-done-withdrawn = The proposal is withdrawn.
proposals-done-reviewed = The decision is recorded and published.
proposals-done-supported = Thank you: your support is counted.
proposals-done-unsupported = Your support is taken back.
proposals-done-flagged = Thank you: the moderators will look at this proposal.
proposals-done-hidden = The proposal's text is hidden, with your reason published.
proposals-done-shown = The proposal's text is shown again.
proposals-done-merged = The proposal is merged; both authors are credited on the other one.
proposals-done-changes = The author is asked for changes; they can edit the proposal now.
proposals-done-image = The picture is saved.

# Reported proposals (moderators)
proposals-flags-title = Reported proposals: { $round }
proposals-flags-none = Nobody has reported a proposal in this round.
proposals-flags-reports =
    { $count ->
        [one] { $n } report
       *[other] { $n } reports
    }
proposals-flags-hidden = hidden
proposals-back-to-round = Back to the round

# Refusals shown on the error page
proposals-error-not-author = only the author can change this proposal
proposals-error-hide-or-show = choose to hide or to show the proposal
proposals-cannot-yet = You cannot submit a proposal in this round yet
proposals-cannot-yet-account = Complete your account
proposals-cannot-yet-round = Back to the round
proposals-hidden-title = Hidden by the moderators
proposals-withdraw-confirm-title = Withdraw this proposal?
proposals-withdraw-confirm-text = It leaves the round for good: it cannot be undone, and its supports are lost. Its page stays, marked as withdrawn.
proposals-withdraw-confirm-yes = Yes, withdraw it
proposals-withdraw-confirm-no = No, keep it

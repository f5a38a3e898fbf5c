# Messages from the rules: why a form or request was refused
messages-account-enter-name-other-people = Enter the name other people will see.
messages-account-use-most-80-characters = Use at most 80 characters for your name.
messages-account-enter-email-address-name = Enter an email address like name@example.org.
messages-account-choose-options-leave-empty = Choose one of the options, or leave it empty.
messages-account-choose-district-list-leave = Choose your district from the list, or leave it empty.
messages-account-not-current-password = This is not your current password.
messages-account-not-password = This is not your password.
messages-proposal-give-proposal-title-least = Give your proposal a title of at least 5 characters.
messages-proposal-describe-project-least-20 = Describe the project in at least 20 characters: what, where, and for whom.
messages-proposal-enter-estimated-cost-above = Enter an estimated cost above zero.
messages-proposal-cost-far-above-whole = This cost is far above the whole round's budget; check the number.
messages-proposal-choose-round-s-districts = Choose one of this round's districts, or city-wide.
messages-proposal-round-has-no-city = This round has no city-wide budget: choose a district.
messages-proposal-choose-round-s-categories = Choose one of the round's categories, or none.
messages-proposal-keep-location-200-characters = Keep the location to 200 characters.
messages-proposal-give-public-reason-decision = Give the public reason for this decision.
messages-proposal-enter-validated-cost-amount = Enter the validated cost as an amount above zero, or leave it empty to keep the estimate.
messages-proposal-choose-feasible-not-feasible = Choose feasible or not feasible.
messages-proposal-choose-statuses-list = Choose one of the statuses in the list.
messages-proposal-choose-orders-list = Choose one of the orders in the list.
messages-proposal-pages-are-numbered-1 = Pages are numbered from 1.
messages-proposal-say-5-500-characters = Say in 5 to 500 characters what is wrong.
messages-proposal-choose-another-proposal-merge = Choose another proposal to merge this one into.
messages-proposal-give-number-proposal-same = Give the number of a proposal in the same round.
messages-proposal-file-not-jpeg-png = This file is not a JPEG, PNG or WebP picture.
messages-survey-choose-five-answers = Choose one of the five answers.
messages-survey-choose-yes-partly-no = Choose yes, partly or no.
messages-survey-answer-least-question-just = Answer at least one question, or just close this page.
messages-progress-choose-project-s-status = Choose the project's status.
messages-progress-give-whole-number-0 = Give a whole number from 0 to 100.
messages-progress-completed-project-100-done = A completed project is 100% done.
messages-progress-give-date-yyyy-mm = Give the date as YYYY-MM-DD, e.g. 2026-05-31.
messages-progress-date-cannot-future = The date cannot be in the future.
messages-round-enter-date-time-2026 = Enter a date and time like 2026-09-01T09:00, as clocks show it in the round's time zone.
messages-round-give-round-title-3 = Give the round a title of 3 to 200 characters.
messages-round-keep-description-under-20 = Keep the description under 20,000 characters.
messages-round-use-three-letter-currency = Use a three-letter currency code such as EUR or PLN.
messages-round-each-district-may-appear = Each district may appear only once.
messages-round-district-budgets-city-wide = The district budgets and the city-wide pot add up to more than the total budget.
messages-round-choose-ballot-type = Choose a ballot type.
messages-round-ballot-must-choose-least = A ballot must choose at least one project.
messages-round-maximum-cannot-below-minimum = The maximum cannot be below the minimum.
messages-round-say-how-many-points = Say how many points each voter spreads (at least 1).
messages-round-points-per-project-must = Points per project must be between 1 and the points per voter.
messages-round-phragmen-needs-approval = Sequential Phragmén needs approval or knapsack ballots.
messages-round-choose-counting-rule-list = Choose a counting rule from the list.
messages-round-phases-must-follow-each = The phases must follow each other: proposals, then review, then voting.
messages-round-voting-must-close-after = Voting must close after it opens.
messages-round-minimum-age-above-120 = A minimum age above 120 would exclude everyone.
messages-round-enter-reference-date-2026 = Enter the reference date like 2026-09-01.
messages-round-choose-whether-ballot-final = Choose whether a ballot is final or the last one counts.
messages-round-choose-how-voter-s = Choose how the voter's district is decided.
messages-round-time-skipped = Clocks in { $zone } skip this time when they change; choose another time.
messages-round-frozen = Voting has opened, so the ballot rules, eligibility, districts, projects, costs and counting rule can no longer change. Only the closing date can be extended.
messages-round-enter-time-zone-europe = Enter a time zone from the tz database, such as Europe/Warsaw.
messages-round-give-whole-number-proposals = Give a whole number of proposals per person from 1 to 100.
messages-round-threshold-needs-supports-switched = A threshold needs supports to be switched on.
messages-round-give-supports-needed-whole = Give the supports needed as a whole number from 1 to 100000, or leave it empty.
messages-round-say-why-closing-date = Say why the closing date is extended; the reason is published.
messages-round-say-why-phase-changes = Say why the phase changes early; the reason is published.
messages-translation-give-translated-title-empty = Give the translated title (or empty both fields to remove the translation).
messages-proposal-title-too-long = Keep the title to { $max } characters ({ $now } now).
messages-proposal-description-too-long = Keep the description to { $max } characters ({ $now } now).
messages-translation-title-too-long = The title can have at most { $max } characters.
messages-translation-description-too-long = The description can have at most { $max } characters.
messages-survey-comment-too-long = Keep the comment under { $max } characters.
messages-progress-note-too-long = Keep the note under { $max } characters.
messages-progress-date-before-result = The date cannot be before the result ({ $date }).
messages-account-birth-year-range = Enter a year between { $from } and { $to }, or leave it empty.
messages-password-too-short = Use at least { $min } characters; a few unrelated words work well.
messages-password-too-long = Use at most { $max } characters.
messages-password-common = This password is one of the most common ones and easy to guess; choose another.
messages-password-is-email = Do not use your email address as your password.
messages-invalid-request = The request is not valid.
messages-and-more = { $first } (and { $count } more problems)

# Why a project was or was not funded (the count's explanation per project)
messages-result-funded = Funded; { $left } was left before it.
messages-result-did-not-fit = Not funded: only { $left } was left when its turn came.
messages-result-walk-stopped = Not funded: funding stopped at project { $project }, which did not fit.
messages-result-below-threshold = Not funded: below the minimum of { $threshold } votes.
messages-result-withdrawn = Not funded: withdrawn.
messages-result-mes-funded = Funded by equal shares: its supporters paid for it together (effective support { $support }).
messages-result-mes-unaffordable = Not funded: its supporters' shares could not cover it.
messages-result-filled-after-mes = Funded with money left after equal shares ({ $left } left before it).
messages-result-phragmen-funded = Funded by Phragmén's rule; { $left } was left before it.
messages-result-no-support = Not funded: nobody voted for it.

# Why a request was refused
messages-accounts-account-longer-exists = This account no longer exists.
messages-ballots-choose-least-1-project = Choose at least 1 project.
messages-ballots-total-cost-too-large = The total cost is too large.
messages-ballots-too-many-points = Too many points.
messages-ballots-give-least-1-point = Give at least 1 point to a project.
messages-ballots-voting-open-round = Voting is not open in this round.
messages-ballots-voting-closed-round = Voting has closed in this round.
messages-ballots-voting-opened-yet-round = Voting has not opened yet in this round.
messages-bulletin-ballot-tracking-code-check = No ballot has this tracking code; check it letter by letter.
messages-eligibility-line-1-header-must = line 1: the header must name the columns document_number and birth_year (and optionally district).
messages-eligibility-round-does-accept-voting = This round does not accept voting codes; enable them in the round's eligibility settings first.
messages-export-round-been-counted-yet = This round has not been counted yet; count it first.
messages-follow-up-there-project = There is no such project.
messages-follow-up-round-been-counted-yet = This round has not been counted yet, so nothing is funded.
messages-import-file-projects = The file has no projects.

# Why a request was refused
messages-accounts-cannot-remove-own-council = You cannot remove your own council role; ask another council member.
messages-ballots-vote-own-district-ballot = You can only vote in your own district; the ballot named another one.
messages-ballots-choose-district-vote-round = Choose the district you vote in (one of this round's districts).
messages-ballots-already-voted-round-each = You have already voted in this round; each person votes once.
messages-ballots-person-already-voted-round = This person has already voted in this round.
messages-ballots-entered-ballot-already-second = You entered this ballot already; a second officer must enter it to confirm.
messages-counting-voting-still-open-round = Voting is still open in this round.
messages-counting-round-already-been-counted = This round has already been counted.
messages-eligibility-these-details-already-linked = These details are already linked to another account. If that was not you, contact the city's participation office.
messages-feedback-survey-link-valid-offered = This survey link is not valid; it is offered once, right after voting.
messages-feedback-already-answered-survey-thank = You have already answered the survey — thank you.
messages-follow-up-funded-projects-implementation-follow = Only funded projects have an implementation follow-up.
messages-proposals-proposals-submitted-while-round = Proposals can only be submitted while the round is collecting them.
messages-proposals-author-change-proposal = Only the author can change this proposal.
messages-proposals-proposal-been-withdrawn = This proposal has been withdrawn.
messages-proposals-proposals-changed-until-review = Proposals can only be changed until review starts.
messages-proposals-proposals-reviewed-during-review = Proposals are reviewed during the review phase only.
messages-proposals-round-does-collect-supports = This round does not collect supports.
messages-proposals-proposals-supported-while-they = Proposals can be supported only while they are collected.
messages-proposals-cannot-support-own-proposal = You cannot support your own proposal.
messages-proposals-already-support-proposal = You already support this proposal.
messages-proposals-supports-changed-while-proposals = Supports can be changed only while proposals are collected.
messages-proposals-do-support-proposal = You do not support this proposal.
messages-proposals-already-reported-proposal-moderators = You have already reported this proposal; the moderators will look at it.
messages-proposals-proposals-merged-sent-back = Proposals can be merged or sent back only until voting opens.
messages-proposals-changes-asked-proposals-awaiting = Changes can be asked for proposals awaiting review, during review.
messages-proposals-picture-larger-than-5 = The picture is larger than 5 MB.
messages-round-config-closing-date-extended-never = The closing date can only be extended, never brought forward.
messages-round-config-voting-already-closed-closing = Voting has already closed; the closing date can no longer change.
messages-round-config-count-ballots-before-publishing = Count the ballots before publishing the results.
messages-round-config-results-already-published-last = The results are already published; this is the last phase.
messages-extractors-log-continue = Log in to continue.
messages-extractors-form-too-large = The form is too large.
messages-extractors-form-could-read = The form could not be read.
messages-extractors-form-expired-did-come = This form has expired or did not come from this site; go back, reload the page and try again.
messages-extractors-choose-file-upload = Choose a file to upload.
messages-middleware-requests-other-websites-cannot = Requests from other websites cannot change anything here.
messages-middleware-there-nothing-address = There is nothing at this address.
messages-middleware-request-body-too-large = The request body is too large.
messages-middleware-send-json-content-type = Send JSON with Content-Type: application/json.
messages-ballots-log-vote = Log in to vote.
messages-proposals-proposal-picture = This proposal has no picture.
messages-ballots-send-exactly-projects-ranking = Send exactly one of `projects`, `ranking` or `points`.
messages-ballots-log-send-voting-code = Log in, or send a `voting_code`.
messages-ballots-two-entries-paper-ballot = The two entries of this paper ballot differ; both were discarded: check the paper and enter it twice again.
messages-results-open-data-round-published = The open data of this round is published with its results.
messages-results-round-been-counted-yet = This round has not been counted yet.
messages-round-admin-census-file-must-utf = The census file must be UTF-8 text.

# What is wrong with a ballot
messages-ballots-not-on-ballot = Project { $project } is not on this ballot (unknown, withdrawn, not feasible, or from another round or district).
messages-ballots-twice = Project { $project } appears more than once.
messages-ballots-too-few = Choose at least { $min } { $min ->
        [one] project
       *[other] projects
    }; this ballot has { $count }.
messages-ballots-too-many = Choose at most { $max } { $max ->
        [one] project
       *[other] projects
    }; this ballot has { $count }.
messages-ballots-too-few-ranked = Rank at least { $min } { $min ->
        [one] project
       *[other] projects
    }; this ballot ranks { $count }.
messages-ballots-too-many-ranked = Rank at most { $max } { $max ->
        [one] project
       *[other] projects
    }; this ballot ranks { $count }.
messages-ballots-over-budget = The chosen projects cost { $total } in total, more than the budget of { $budget }.
messages-ballots-negative-points = Project { $project }: points cannot be negative.
messages-ballots-points-cap = Project { $project }: at most { $max } { $max ->
        [one] point
       *[other] points
    } on one project.
messages-ballots-points-over = You gave { $count } { $count ->
        [one] point
       *[other] points
    }; you have { $max } to give.
messages-ballots-wrong-kind-approval = This round uses approval ballots (a list of projects).
messages-ballots-wrong-kind-knapsack = This round uses knapsack ballots (a list of projects).
messages-ballots-wrong-kind-ranked = This round uses ranked ballots (a ranking of projects).
messages-ballots-wrong-kind-cumulative = This round uses cumulative ballots (points per project).
messages-ballots-code-unknown = This voting code is not valid for this round.
messages-ballots-code-used = This voting code has already been used, or the person it was sent to has already voted in this round; each person votes once.
messages-unavailable = The service is temporarily unavailable; please try again in a minute.
messages-internal = Something went wrong on our side.

# Who may vote in a round, requirement by requirement
messages-eligibility-age-unknown = Voters must be at least { $age } in { $year }, and we do not know your year of birth.
messages-eligibility-age-unknown-step = Add your year of birth on your account page.
messages-eligibility-age-met = You are at least { $age } in { $year }.
messages-eligibility-age-not-met = Voters must be at least { $age } in { $year }.
messages-eligibility-age-not-met-step = You can take part in a later round; you can still support proposals.
messages-eligibility-census-met = You were found in the city's list of residents.
messages-eligibility-census-not-met = This round is open to people in the city's list of residents, and you have not been matched to it yet.
messages-eligibility-census-step = Enter your document number and year of birth in the census check to be matched.
messages-eligibility-check-met = A city officer confirmed you can vote.
messages-eligibility-check-not-met = This round needs a city officer to confirm who you are.
messages-eligibility-check-step = Visit a city service point with an identity document.
messages-eligibility-district-verified = You vote in the district where the city has confirmed you live.
messages-eligibility-district-verified-missing = You vote in the district where the city has confirmed you live. We do not have a district of this round for you.
messages-eligibility-district-verified-step = Be matched to the census list, or ask a city officer to confirm your address.
messages-eligibility-district-declared = You vote in the district where you live.
messages-eligibility-district-declared-missing = You vote in the district where you live. We do not have a district of this round for you.
messages-eligibility-district-declared-step = Choose your district on your account page.

# Amounts and numbers typed into forms
messages-money-empty = Enter an amount.
messages-money-not-amount = `{ $text }` is not an amount; write it like 450000 or 450,000.50.
messages-money-too-large = That amount is too large.
messages-round-district-line = District line { $line }: { $problem }
messages-round-district-line-form = District line { $line }: write it as district-name=amount, e.g. old-town=450000.
messages-round-count-min-choices = Enter the minimum as a whole number from 0 to 10000.
messages-round-count-max-choices = Enter the maximum as a whole number from 0 to 10000.
messages-round-count-points-total = Enter the points per voter as a whole number from 0 to 10000.
messages-round-count-points-per-project = Enter the points per project as a whole number from 0 to 10000.
messages-round-count-min-age = Enter the minimum age as a whole number from 0 to 10000.
messages-round-tie-break-problem = Tie-break: { $problem }.

# What could not be found or read
messages-no-round = There is no budget round { $id }.
messages-no-proposal = There is no proposal { $id }.
messages-proposal-merged-review-other = This proposal was merged into proposal { $id }; review that one.
messages-proposal-already-merged = This proposal was already merged into proposal { $id }.
messages-field-twice = The field `{ $field }` was sent more than once.
messages-file-too-large = The file is larger than { $megabytes } MB.
messages-round-choose-voting-channels = Choose how residents vote: with an account, with an account or a mailed code, or with a mailed code only.
messages-round-accounts-and-codes-need-census = Accounts and mailed codes together need the census list: codes are then issued from it, so a person who votes with one cannot vote with the other. Require the census, or let residents vote with codes only.
messages-round-check-needs-accounts = An in-person check confirms an account; a round voted with codes only cannot require it.
messages-eligibility-census-already-voted = The person these details belong to has already voted in this round.
messages-codes-issue-from-census = This round checks the census list or lets residents vote with an account: issue its codes from the census list, so each code is bound to one person and that person votes once (budgetbox codes generate --from-census FILE).
messages-codes-no-census = Import the round's census list first: codes from the census are bound to the people on it.
messages-eligibility-codes-only = This round is voted with the codes mailed to residents, not with an account.
messages-eligibility-codes-only-step = Enter the code from your letter on the round's page. If you did not get a letter, ask the council.
messages-eligibility-check-needs-document = Enter the number of the identity document you saw (4 letters or digits at least).
messages-eligibility-check-other-document = This account was checked with another identity document in this round.
messages-eligibility-document-other-account = This identity document already vouches for another account in this round.
messages-counting-ballots-sealed-until-count = The ballots of this round are sealed until it is counted; nothing of them is shown before.
messages-proposal-picture-unreadable = This picture cannot be read; it may be damaged or too large (at most 10,000 pixels a side). Try another file.
messages-account-too-many-registrations = Too many accounts were registered from this connection in the last hour; please try again later, or ask at the council office.
messages-account-name-no-line-breaks = Write your name on one line, without line breaks or tabs.
messages-account-choose-language = Choose English (en), Spanish (es) or Polish (pl).
messages-mail-already-verified = Your address is already verified.
messages-mail-resend-wait = Three links were sent in the last hour; please wait before asking for another, and check your spam folder.
messages-mail-link-invalid = This link cannot be used: it was used already, it has expired, or it was not copied whole. Ask for a new one.
messages-eligibility-email-verified = Your email address is verified.
messages-eligibility-email-not-verified = This round needs a verified email address, and yours is not verified yet.
messages-eligibility-email-verify-step = Follow the link in the message we sent to your address; on your account page you can ask for a new one.
messages-mail-reset-throttled = Too many password resets were asked for from this connection; please wait a while.
messages-round-threshold-needed = Enter the minimum number of votes (or points) a project needs, a whole number above 0.
messages-eligibility-district-on-ballot = You vote in the district where you live: you choose it on the ballot.
messages-round-config-no-feasible-project = Voting cannot open: no project of this round is feasible yet. Review the proposals first; the ballot would be empty.
messages-comments-sign-in = Sign in to join the conversation.
messages-comments-proposal-closed = This proposal takes no comments: it was withdrawn or hidden.
messages-comments-closed-proposals-review = Comments are open while proposals are collected and reviewed; they are closed now.
messages-comments-closed-proposals = Comments are open only while proposals are collected; they are closed now.
messages-comments-closed-until-results = Comments are closed while voting is open, so that nobody is lobbied on the ballot; they open again after the vote.
messages-comments-closed-always = Comments open when the round starts collecting proposals.
messages-comments-never = This round takes no comments.
messages-comments-verify-email = Confirm your email address to comment: follow the link we sent you, or ask for a new one on your account page.
messages-comments-account-too-new = New accounts can comment after { $days } days: yours can from { $date }.
messages-comments-no-comment = There is no comment { $id }.
messages-comments-empty = Write your comment.
messages-comments-too-long = A comment can be at most { $max } characters; this one has { $count }.
messages-comments-no-parent = The comment you are answering is not on this proposal.
messages-comments-reply-to-reply = Replies go one level deep: answer the comment at the top of the thread.
messages-comments-parent-gone = That comment was deleted or hidden, so it cannot be answered.
messages-comments-slow-down = You can write { $count } comments every { $minutes } minutes. Please wait a little and try again.
messages-comments-not-yours = Only its author can change or delete a comment.
messages-comments-gone = This comment was deleted or hidden.
messages-comments-edit-too-late = A comment can be edited for { $minutes } minutes after it is written; this one can no longer be changed.
messages-comments-already-reported = You have already reported this comment; the moderators will look at it.
messages-comments-already-hidden = This comment is already hidden.
messages-round-choose-comments = Choose when residents can comment.
messages-round-comment-days = Give a whole number of days from 0 to 3650.
messages-comments-moderators-only = Only moderators (reviewers and the council) can hide comments.
messages-place-city-unknown = This city has not set its area yet, so a proposal cannot be given a place; describe it in words instead.
messages-place-outside-district = This point is outside { $district }: choose a point inside the district, or another district.
messages-place-outside-city = This point is outside the city: choose a point within it.
messages-place-box-corners = The south-west corner must lie south and west of the north-east corner.
messages-place-no-district = There is no district { $district }.
messages-place-bad-boundary = The boundary cannot be used: { $why }.
messages-place-bad-line = Line { $line }: { $why } Nothing was changed.
messages-place-one-or-other = Pick a place from the list or give coordinates, not both.
messages-place-bad-coordinates = Give latitude and longitude in degrees, separated by a comma, e.g. 52.2297, 21.0122.
messages-place-no-such-place = Choose one of the places in the list.

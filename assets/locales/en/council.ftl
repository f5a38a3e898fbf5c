# The list of rounds
council-rounds-title = Manage rounds
council-create = Create a round
council-rounds-caption = All rounds
council-col-round = Round
council-col-phase = Phase
council-col-voting = Voting

# The configuration form
council-frozen-label = Voting has opened:
council-frozen-text = the configuration is frozen. Only the closing date can be extended, with a published reason.
council-legend-round = The round
council-field-title = Title
council-field-description = Description for residents
council-field-currency = Currency
council-field-currency-hint = Three letters, e.g. EUR.
council-field-total-budget = Total budget
council-field-total-budget-hint = In currency units, e.g. 1,500,000 or 1500000.50.
council-field-citywide = City-wide pot
council-field-citywide-hint = Money for city-wide projects, apart from the districts. Leave empty if there is none.
council-field-districts = Districts and their budgets
council-field-districts-hint = One per line as district=amount, e.g. old-town=450000. A new name creates the district.
council-field-categories = Categories
council-field-categories-hint = One per line, e.g. Green spaces.
council-legend-phases = Phases (in the round's time zone)
council-field-proposals-open = Proposals open
council-field-review-at = Review starts
council-field-voting-open = Voting opens
council-field-voting-close = Voting closes
council-field-voting-close-hint = Once voting has opened, this is the only date that can change, and only to a later time.
council-field-time-zone = Time zone of the round (phase times are in it)
council-legend-proposals = Proposals
council-field-per-author = Proposals per person
council-field-per-author-hint = Active proposals one person may have in this round. Default 5.
council-field-supports = Residents can support proposals while they are collected
council-field-threshold = Supports needed to be reviewed
council-field-threshold-hint = Proposals with fewer supports when review starts are not reviewed. Leave empty for none.
council-legend-ballot = Ballot
council-field-ballot-type = Ballot type
council-field-min-choices = Minimum projects per ballot
council-field-min-choices-hint = Approval and ranked ballots.
council-field-max-choices = Maximum projects per ballot
council-field-max-choices-hint = Leave empty for no maximum.
council-field-points-total = Points per voter
council-field-points-total-hint = Needed for cumulative ballots: the points each voter shares out.
council-field-revote = Voting again
council-field-points-per-project = Most points on one project
council-field-points-per-project-hint = Cumulative ballots. Leave empty for no limit.
council-legend-counting = Counting
council-field-rule = Counting rule
council-field-tie-break = Tie-break
council-field-tie-break-hint = Used when projects are level: cost (cheaper first), id (older proposal first), lottery:SEED. Default: cost,id for the most-votes rules, id for equal shares and Phragmén.
council-legend-eligibility = Who may vote
council-field-min-age = Minimum age
council-field-min-age-hint = Leave empty for no minimum.
council-field-age-date = Age on this date
council-field-age-date-hint = Default: the day voting opens.
council-field-residence = District of the voter
council-field-requires-census = Only people on the census list (uploaded by the council)
council-field-requires-manual-check = Only people checked in person by a city officer
council-field-reason = Reason for this change
council-field-reason-hint = Published in the round's change log. Required once voting has opened.
council-save = Save changes
council-create-submit = Create round

# Ballot types
council-ballot-approval = Approval: tick every project you support (between a minimum and a maximum)
council-ballot-knapsack = Knapsack: choose projects whose costs fit in the district budget
council-ballot-ranked = Ranked: put your favourite projects in order
council-ballot-cumulative = Cumulative: spread a number of points over projects

# Voting again
council-revote-final = A ballot is final once cast
council-revote-last-counts = Voters may vote again until voting closes; only their last ballot counts

# Where residents vote
council-residence-none = Anyone may vote, in any district of the round
council-residence-self-declared = Voters vote in the district they say they live in
council-residence-verified = Voters vote in a district confirmed by the census list or by a reviewer

# Counting rules
council-rule-greedy = Most votes first: projects are funded in order of votes; a project that no longer fits in the money left is skipped and the next one is tried.
council-rule-greedy-no-skip = Most votes first, stop at the first that does not fit: funding stops at the first project the money left cannot cover, even if cheaper projects below it would fit.
council-rule-greedy-threshold = Most votes first with a minimum: like the first rule, but only projects with at least the minimum of votes (or points) set below can be funded.
council-rule-mes-add1 = Method of Equal Shares: every voter controls an equal share of the budget; a project is funded when its supporters can pay for it together, so every group of voters gets projects in proportion to its size. Money left over is used by raising every share a little, as equalshares.net does.
council-rule-mes-add1-fill = Method of Equal Shares, then most votes first: as above, and any money still left funds the most voted remaining projects that fit.
council-rule-phragmen = Sequential Phragmén: projects are bought one at a time by the voters who support them, choosing each time the project that keeps the heaviest burden on any one voter as low as possible. Proportional, for approval and knapsack ballots.

# Managing one round
council-manage-title = Manage: { $round }
# Followed by the phase's name in bold, then a link to the public page
council-current-phase = Current phase:
council-public-page = See the public page
council-advance-title = Move to the next phase now
council-advance-text = Phases change by themselves at the configured times. To move on early (or to close voting), give a reason; it is published.
council-advance-reason = Reason
council-advance-submit = Advance to the next phase
council-count-title = Count the ballots
council-count-text = Voting has closed. Counting tallies the bulletin board with the round's rule and tie-break and stores the result with the chain head, once. Publish it afterwards with “Advance to the next phase”.
council-count-submit = Count the ballots
council-config-title = Configuration
council-simulate-link = Compare counting rules on this round's ballots
council-census-title = Census list
council-census-text = Upload the list of residents as CSV with the columns document_number, birth_year and (optionally) district. It replaces the current list; nothing is imported if any row is wrong. Document numbers are kept only as salted fingerprints.
council-census-file = Census file (.csv)
council-census-submit = Replace the census list
council-codes-title = Voting codes
council-codes-status = { $issued } issued, { $used } used. Each code is shown once, when it is generated: print the sheet straight away.
council-codes-count = How many
council-codes-district = For district (slug)
council-codes-district-hint = Leave empty for city-wide codes.
council-codes-submit = Generate a printable sheet
council-log-title = Change log

# Messages after an action
council-done-created = The round has been created.
council-done-saved = Your changes are saved and listed in the change log.
council-done-advanced = The round has moved to its next phase.
council-census-replaced =
    { $count ->
        [one] Census list replaced: { $rows } person ({ $added } added, { $removed } removed, { $unchanged } unchanged).
       *[other] Census list replaced: { $rows } people ({ $added } added, { $removed } removed, { $unchanged } unchanged).
    }
# The reason that follows comes from the import and is in English for now
council-census-nothing = Nothing was imported: { $message }
council-counted =
    { $count ->
        [one] Counted { $n } ballot. The result is stored with chain head { $head }; publish it by advancing to the next phase.
       *[other] Counted { $n } ballots. The result is stored with chain head { $head }; publish it by advancing to the next phase.
    }

# The printable sheet of voting codes
council-code-sheet-title = Voting codes: { $round }
council-code-sheet-print = These codes are shown only now. Print this page (each code works once), then close it.
council-code-sheet-how = To vote, no account or email address is needed: go to

# Refusals shown on the error page
council-error-codes-count = enter how many codes as a whole number
council-error-census-utf8 = the census file must be UTF-8 text
council-codes-from-census-text = Residents of this round can also vote with an account, or it checks the census list, so codes are issued from the census: upload a census file of the people to write to (document_number, birth_year and any columns the letters need, such as name and address). You get the same list back with a code for each person, to print the letters; budgetbox keeps only the codes' hashes, each bound to its person, so a person who votes with their code cannot vote again with an account, or the other way round.
council-codes-from-census-file = Census file of the people to write to (CSV)
council-codes-from-census-submit = Issue codes and download the mailing list
council-channels-accounts = With an account only
council-channels-accounts-and-codes = With an account or a mailed voting code (needs the census list: codes are issued from it, so a person who votes with one cannot vote with the other)
council-channels-codes = With a mailed voting code only
council-field-voting-channels = How residents vote
council-eligibility-what-it-stops = What each rule stops: an account alone stops nothing against someone who opens throw-away accounts. The census list, an in-person check of an identity document, or codes mailed to the people on the census tie each ballot to one person, whatever accounts come and go. Codes without a census list stop double votes only when nobody can vote with an account.
council-field-requires-verified-email = Accounts must have a verified email address (the weakest check for a real vote: it stops accounts with invented addresses, not one person with several real addresses)
council-field-rule-threshold = Minimum votes (or points)
council-field-rule-threshold-hint = Needed for “Most votes first with a minimum”: a project with fewer votes is not funded.
council-code-sheet-district = District: { $district }
council-code-sheet-any-district = Any district of the round: you choose yours when you vote.
council-code-sheet-code = and enter this code:
council-legend-comments = Comments on proposals
council-field-comments = Residents can comment
council-comments-proposals-review = While proposals are collected and reviewed (closed while voting)
council-comments-proposals = Only while proposals are collected
council-comments-until-results = In every phase but voting
council-comments-always = In every phase, voting included
council-comments-never = Never
council-field-comment-days = Days an account must exist before it comments
council-field-comment-days-hint = Leave empty or 0 for none. Staff answer regardless.
council-field-comment-verified = Only accounts with a verified email address comment
council-field-requires-identity-provider = Voters must be verified by the city's identity service (an assurance level the council accepts)

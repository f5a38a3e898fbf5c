# Figures
# Shown when a figure cannot be computed (no data yet)
statistics-none = —
statistics-percent = { $value }%
statistics-days =
    { $count ->
        [one] { $n } day
       *[other] { $n } days
    }
# Suppressed table cells: a count under the minimum, and a count hidden so small ones cannot be worked out
statistics-cell-small = < { $min }
statistics-cell-hidden = —
statistics-not-published = Not published: so few people are in this breakdown that it could identify someone.
statistics-total = Total

# Row and column labels of the breakdowns
statistics-label-women = Women
statistics-label-men = Men
statistics-label-non-binary = Non-binary
statistics-label-not-stated = Not stated
statistics-label-under-18 = Under 18
statistics-label-65-and-over = 65 and over
statistics-label-other-district = Other or not stated
statistics-label-citywide = City-wide
statistics-label-voters = Voters
statistics-label-proposals = Proposals
statistics-corner-district = District
statistics-corner-age = Age

# Engagement
statistics-proposals-submitted = Proposals submitted
statistics-feasible = Feasible
statistics-funded = Funded
statistics-funded-value = { $n } ({ $percent } of feasible)
statistics-implemented = Implemented
statistics-implemented-value = { $percent } of funded
statistics-median-days = Median time from result to completion

# Who took part in a round
statistics-round-title = Who took part: { $round }
statistics-privacy = To protect privacy, a count of fewer than { $min } people is shown as “< { $min }”. A dash (—) marks a larger count hidden so that a small one cannot be worked out from the totals.
statistics-engagement = Engagement
statistics-not-frozen = Voting is still open or the round is not counted yet: these figures are for staff and will be frozen when the round is counted.
statistics-voters = Voters
statistics-voters-text =
    { $count ->
        [one] Voters with an account, by the home district and gender they gave in their profile, and by age at the close of voting. { $n } person voted with a voting code; they have no profile and are not in these tables.
       *[other] Voters with an account, by the home district and gender they gave in their profile, and by age at the close of voting. { $n } people voted with a voting code; they have no profile and are not in these tables.
    }
statistics-voters-by-district = Voters by district and gender
statistics-voters-by-age = Voters by age
statistics-proposals = Proposals
statistics-proposals-by-district = Proposals by district and the author's gender
statistics-proposals-by-age = Proposals by the author's age
statistics-back-to-round = Back to the round

# Participation over time
statistics-over-time-title = Participation over time
statistics-over-time-none = No round has been counted yet.
statistics-over-time-caption = Participation and engagement per round
statistics-col-round = Round
statistics-col-proposals = Proposals
statistics-col-feasible = Feasible
statistics-col-funded = Funded (of feasible)
statistics-col-implemented = Implemented
statistics-col-median-days = Median days to completion

# What happened to my vote (follow-up of funded projects)
statistics-implementation-title = What happened to my vote: { $round }
statistics-implementation-lead = The result was counted on { $date }. Here is what has become of each funded project since.
statistics-funded-projects = Funded projects
statistics-completed = Completed
statistics-cancelled = Cancelled
statistics-mine-title = The projects on your ballot
statistics-code = Your tracking code
statistics-code-hint = The code on your receipt, e.g. 7K3M-Q9RT-…
statistics-code-other-round = This tracking code belongs to another round.
statistics-mine-submit = Show my projects
statistics-mine-none = Your ballot named no project that was on the final ballot.
statistics-mine-funded = funded — { $status }
statistics-mine-not-funded = not funded
statistics-no-funded = No project was funded in this round.
# "Completed, 100% done. Cost 25,000 EUR. Completed on 2026-09-01."
statistics-project-done = { $percent }% done.
statistics-project-cost = Cost
statistics-project-completed = Completed on { $date }.
statistics-record-progress-link = Record progress on { $title }

# Stages of a funded project
statistics-status-planned = Planned
statistics-status-in-progress = In progress
statistics-status-completed = Completed
statistics-status-cancelled = Cancelled
statistics-status-not-started = Not started

# Recording progress (council)
statistics-progress-title = Record progress: { $title }
statistics-progress-status = Status
statistics-progress-percent = Percent done
statistics-progress-percent-hint = 0 to 100; left empty, a completed project is 100
statistics-progress-date = Date it happened
statistics-progress-date-hint = YYYY-MM-DD; left empty, today
statistics-progress-note = Note for the public
statistics-progress-note-hint = What happened, in plain words.
statistics-progress-submit = Record this step
statistics-back-to-follow-up = Back to the follow-up

# Refusals shown on the error page
statistics-error-not-counted = this round has not been counted yet
statistics-error-no-project = there is no such project
statistics-voters-count = Voters
statistics-turnout = Turnout
statistics-turnout-value = { $voters } of { $eligible } people on the census list ({ $percent })
statistics-turnout-unknown = Not known: the round has no census list, so it counts who voted but not how many could
statistics-col-voters = Voters
statistics-col-turnout = Turnout
statistics-over-time-turnout-note = Turnout is the share of people on the census list who voted; a round without a census list shows “—”.

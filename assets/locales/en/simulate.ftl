# The rule simulator (council and auditors)
simulate-title = Compare counting rules: { $round }
simulate-lead = The same ballots counted three ways: most votes first (greedy), the Method of Equal Shares with Add1 completion, and sequential Phragmén. Nothing here changes the round's own rule or result.
simulate-citywide = City-wide
# "Budget <amount>, 12 ballots." is one sentence: "simulate-budget", the amount, then "simulate-ballots" (which starts with its own punctuation)
simulate-budget = Budget
simulate-ballots =
    { $count ->
        [one] , { $n } ballot.
       *[other] , { $n } ballots.
    }
simulate-caption = Funded projects under each rule (✓ funded, – not funded)
simulate-col-project = Project
simulate-col-cost = Cost
simulate-funded = funded
simulate-not-funded = not funded
# The rule could not be applied to these ballots
simulate-not-applicable = n/a
simulate-spent = Money spent
simulate-voters-funded = Voters with at least one funded project
simulate-voters-of = { $n } of { $total }
simulate-upload-title = Compare a Pabulib file
simulate-upload-file = Pabulib file (.pb)
simulate-upload-submit = Compare

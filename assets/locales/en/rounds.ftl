# Project statuses and ballot types, as the round page shows them
rounds-status-submitted = submitted
rounds-status-feasible = feasible
rounds-status-infeasible = infeasible
rounds-status-withdrawn = withdrawn
rounds-ballot-approval = Tick every project you support
rounds-ballot-knapsack = Choose projects up to your district's budget
rounds-ballot-ranked = Rank the projects you like best
rounds-ballot-cumulative = Spread your points over the projects you like
rounds-citywide = City-wide

# The round page
rounds-vote-now = Vote now
rounds-all-proposals = All proposals, with their review decisions
rounds-staff-nav = Staff
rounds-staff-heading = For city staff
rounds-staff-checks = Confirm voters in person
rounds-staff-flags = Reported proposals
rounds-staff-paper = Enter paper ballots
rounds-staff-manage = Manage this round
rounds-staff-feedback = What voters said in the survey
rounds-staff-statistics = Who took part (so far)
rounds-staff-implementation = Record what happened to funded projects
rounds-bulletin-link = Bulletin board: every ballot, and check yours
rounds-fact-budget = Total budget
rounds-fact-ballot = Ballot
rounds-fact-proposals-open = Proposals open
rounds-fact-voting-opens = Voting opens
rounds-fact-voting-closes = Voting closes
rounds-fact-rule = Counting rule
# In brackets after the rule's code: "(ties: <tie-break>)"
rounds-fact-ties = ties:
rounds-districts = Districts
rounds-districts-caption = Budget per district
rounds-col-district = District
rounds-col-budget = Budget
rounds-projects = Projects
rounds-projects-none = No projects have been proposed yet.
rounds-projects-caption = { $count ->
        [one] { $number } project on the ballot
       *[other] { $number } projects on the ballot
    }
rounds-projects-feasible-caption = { $count ->
        [one] { $number } project found feasible so far
       *[other] { $number } projects found feasible so far
    }
rounds-projects-count = { $count ->
        [one] One proposal in all.
       *[other] { $number } proposals in all.
    }
rounds-projects-list-link = Every proposal and where it stands
rounds-col-project = Project
rounds-col-cost = Cost
rounds-col-status = Status
rounds-project-funded = funded
rounds-project-not-funded = not funded

# Who can vote
rounds-census-matched = You have been matched to the census list.
rounds-who-can-vote = Who can vote
rounds-rule-min-age = { $count ->
        [one] You must be at least { $count } year old.
       *[other] You must be at least { $count } years old.
    }
rounds-rule-self-declared = You vote for projects in the district where you live.
rounds-rule-verified = You vote in the district where the city has confirmed you live.
rounds-rule-census = You must be on the city's list of residents (you will be asked for a document number and year of birth).
rounds-rule-manual-check = A city officer must confirm who you are, in person.
rounds-rule-anyone = Anyone with an account can vote.
# These two form one sentence: "<Log in> to see whether you can vote."
rounds-log-in-link = Log in
rounds-log-in-after = to see whether you can vote.
rounds-can-vote = You can vote in this round.
rounds-cannot-vote = You cannot vote yet.
rounds-missing = Here is what is missing:
rounds-requirement-met = Met:
rounds-requirement-not-yet = Not yet:
rounds-census-heading = Match yourself to the census list
rounds-census-document = Identity document number
rounds-census-document-hint = As printed on your ID card or residence permit. We compare a one-way fingerprint of it; the number itself is not stored.
rounds-census-birth-year = Year of birth
rounds-census-check = Check
rounds-census-error-birth-year = Enter your year of birth, e.g. 1975.
rounds-census-error-document = Enter the number of your identity document.
rounds-census-error-not-found = We could not find these details in the census list. Check the document number and year of birth.

# Results
rounds-results-heading = Results
rounds-results-counted = { $count ->
        [one] { $ballots } ballot counted: { $online } online with an account, { $paper } on paper, { $codes } with a voting code.
       *[other] { $ballots } ballots counted: { $online } online with an account, { $paper } on paper, { $codes } with a voting code.
    }
rounds-results-turnout = { $count ->
        [one] Turnout: { $voters } of { $eligible } person on the census list ({ $percent }%).
       *[other] Turnout: { $voters } of { $eligible } people on the census list ({ $percent }%).
    }
# These form one sentence: "Budget <amount>, spent <amount> (rule <rule>, ties <tie-break>)."
rounds-pot-budget = Budget
rounds-pot-spent = , spent
rounds-pot-rule = rule
rounds-pot-ties = ties
rounds-chart-label = Votes per project; funded projects are solid and marked funded
rounds-chart-funded = funded
rounds-chart-caption = Votes per project. Above the dashed line: funded.
rounds-results-caption = Every project, funded first in the order chosen
rounds-col-votes = Votes
rounds-col-outcome = Outcome
# Before the reason a project was funded: "Funded. <reason>"
rounds-funded = Funded

# After the vote
rounds-after-heading = After the vote
# Each link and the text after it form one sentence: "<What happened to my vote>: the funded projects, …"
rounds-after-implementation-link = What happened to my vote
rounds-after-implementation-text = : the funded projects, how far each has got, and the projects on your ballot
rounds-after-statistics-link = Who took part
rounds-after-statistics-text = : voters and proposals by district, gender and age
rounds-open-data = Open data
# These form one sentence: "Download the projects, votes and outcome: CSV, JSON, and each pot as a Pabulib file: <pots>"
rounds-open-data-intro = Download the projects, votes and outcome:
rounds-open-data-pabulib = , and each pot as a Pabulib file:
rounds-open-data-citywide = city-wide
rounds-verify-heading = Verify the count
# These two form one sentence: "The result was counted over the bulletin board whose chain head is <hash>."
rounds-verify-chain = The result was counted over the bulletin board whose chain head is
rounds-verify-chain-after = { "." }
# These five form one sentence: "Anyone can recount it: download the signed <audit package> and follow <how to verify a count>."
rounds-verify-recount = Anyone can recount it: download the signed
rounds-verify-audit-link = audit package
rounds-verify-recount-middle = and follow
rounds-verify-how-link = how to verify a count
rounds-verify-recount-after = { "." }
rounds-change-log = Change log

# How to verify a count
rounds-verify-title = How to verify a count
rounds-verify-lead = You do not have to trust this server. Every counted round has an audit package: its rules, every change made to them, every ballot on the public bulletin board, and the stored result, signed by this installation.
rounds-verify-key-heading = This installation's signing key
rounds-verify-key-text = Audit packages are signed with the Ed25519 key whose public half is:
rounds-verify-steps = Steps
rounds-verify-step-download = On a round's page, after its results are published, download the audit package (a tar archive).
rounds-verify-step-program = Check it and recount it with the budgetbox program, which needs no database:
# These two form one sentence around the word OK: "It prints OK and the funded projects, …"
rounds-verify-step-prints = It prints
rounds-verify-step-prints-after = and the funded projects, or every ballot and project that does not match.
# These three form one sentence around two commands: "Or check it with other tools: sha256sum -c MANIFEST checks each file, the pots folder holds …"
rounds-verify-step-tools = Or check it with other tools:
rounds-verify-step-tools-middle = checks each file, the
rounds-verify-step-tools-after = folder holds the ballots as Pabulib files that other counting programs (such as pabutools) read.
rounds-verify-step-own-code = Look up your own tracking code on the round's bulletin board to see your ballot is in the package, unchanged.
rounds-rule-verified-email = Your account’s email address must be verified: follow the link in the message sent when you registered.
rounds-rule-codes-only = You vote with the one-time code in the letter the city sent you; no account is needed.
rounds-rule-voting-codes-census = You can also vote with the one-time code in the letter the city sent you, instead of an account: one ballot per person, whichever you use first.
rounds-ranked-per-pot = Your ranking is counted in each budget separately: among the city-wide projects, the one you ranked highest gets first-place points, the next one second-place points, and so on; the same among your district's projects.
rounds-rule-identity-provider = Verified by the city's identity service: sign in with it to vote.

# The page shell
skip-to-content = Skip to main content
nav-main = Main
nav-rounds = Budget rounds
nav-open-data = Open data API
nav-manage-rounds = Manage rounds
nav-people = People and roles
nav-audit-log = Audit log
nav-account = Account ({ $name })
nav-log-out = Log out
nav-log-in = Log in
nav-register = Register
nav-language = Language
footer = budgetbox — participatory budgeting with an open, verifiable count.

# The home page
home-title = Budget rounds
home-lead = Residents propose projects, vote on them, and the city funds the winners. Every vote is counted in the open.
home-empty = There are no budget rounds yet.
home-budget = Budget: { $amount }
home-voting = Voting: { $from } to { $to }
home-over-time = Participation over time
home-verify = How to verify a count

# Phases of a round
phase-draft = In preparation
phase-proposals = Collecting proposals
phase-review = Proposals under review
phase-voting = Voting open
phase-counting = Counting votes
phase-results = Results published
phase-draft-now = The council is preparing this round. Check back when proposals open.
phase-proposals-now = Submit an idea for your district, or support ideas from your neighbours.
phase-review-now = The city is checking each proposal for feasibility and cost.
phase-voting-now = Eligible residents can vote for the projects they want funded.
phase-counting-now = Voting has closed and the ballots are being counted.
phase-results-now = See which projects won and how every vote was counted.

# Forms and tables shared by every page
form-problem = There is a problem
form-optional = (optional)
form-error-prefix = Error:
changes-none = No changes have been made to this round.
changes-caption = Every change to this round, oldest first
changes-when = When
changes-what = Change
changes-why = Reason

# Moving between pages of a long list
pages-previous = Previous page
pages-of = Page { $page } of { $pages }
pages-next = Next page

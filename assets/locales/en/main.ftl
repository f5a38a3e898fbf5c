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
form-choose = Choose…
open-data-title = Open data
open-data-lead = Every counted round is published in full, so anyone can recount it with their own tools: the projects, every ballot (without any name), the result with its reasons, and a signed package that proves nothing was changed.
open-data-files = What is published
open-data-pb = Pabulib file (.pb)
open-data-pb-text = The round in the format researchers use (pabulib.org): projects with their costs and every ballot. Pabulib tools and pabutools count it.
open-data-csv = CSV
open-data-csv-text = One row per project: district, cost, votes and whether it is funded, for a spreadsheet.
open-data-json = JSON
open-data-json-text = The result as the platform stores it: each pot, its rule and tie-break, and why each project was or was not funded.
open-data-audit = Signed audit package
open-data-audit-text = All of the above with the bulletin board and a signature; anyone can check it offline.
open-data-board = Bulletin board
open-data-board-text = Every ballot as an entry of a hash chain, with its tracking code's hash: a voter finds their own ballot, anyone checks the chain.
open-data-rounds = Counted rounds
open-data-none = No round has published results yet.
open-data-api = For developers: the API
open-data-api-text = The same data as JSON over HTTP, without an account for public data. The OpenAPI document describes every endpoint.
open-data-api-spec = OpenAPI document (openapi.json)
open-data-api-rounds = All rounds (JSON)
open-data-licence = Ballots carry no name, no time of day and no order of voting; they cannot be tied to a person.

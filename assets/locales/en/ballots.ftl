# The ballot form
ballots-vote-title = Vote: { $title }
# These two form one sentence around the district's name: "Your ballot for <district> (and city-wide projects)."
ballots-district-before = Your ballot for
ballots-district-after = (and city-wide projects).
ballots-budget = Budget:
ballots-projects = Projects
ballots-instructions-approval-range = Tick between { $min } and { $count } projects you want funded.
ballots-instructions-approval-min = { $count ->
        [one] Tick at least { $count } project you want funded.
       *[other] Tick at least { $count } projects you want funded.
    }
ballots-instructions-knapsack = Tick the projects you want funded. Their total cost must fit in the budget shown.
ballots-instructions-ranked = { $count ->
        [one] Give your favourite project rank 1, the next rank 2, and so on (up to { $count } project).
       *[other] Give your favourite project rank 1, the next rank 2, and so on (up to { $count } projects).
    }
ballots-instructions-cumulative = { $count ->
        [one] Spread up to { $count } point over the projects you like.
       *[other] Spread up to { $count } points over the projects you like.
    }
ballots-instructions-cumulative-max = { $count ->
        [one] Spread up to { $count } point over the projects you like, at most { $max } on one project.
       *[other] Spread up to { $count } points over the projects you like, at most { $max } on one project.
    }
ballots-not-ranked = Not ranked
ballots-rank = Rank { $rank }
ballots-review-button = Review my ballot

# Problems with a ballot; they start in lower case (the page capitalises them)
ballots-error-not-project = `{ $value }` is not a project
ballots-error-not-rank = `{ $value }` is not a rank
ballots-error-rank-twice = two projects have rank { $rank }; give each rank once
ballots-error-rank-gap = ranks must be 1, 2, 3… without gaps; rank { $rank } is missing
ballots-error-not-points = `{ $value }` is not a whole number of points
ballots-error-voting-closed = voting is not open in this round
ballots-error-code-invalid = this voting code is not valid for this round
ballots-error-code-used = this voting code has already been used; each code votes once
ballots-error-already-voted = you have already voted in this round; each person votes once

# Checking the ballot before casting it
ballots-review-title = Check your ballot: { $title }
ballots-review-heading = Check your ballot
ballots-review-lead = Nothing is recorded yet. Check your choices, then cast your ballot. You cannot change it afterwards.
# These two form one sentence: "Total: <amount> of <budget>"
ballots-review-total = Total:
ballots-review-total-of = of
ballots-review-points = { $count ->
        [one] { $title }: { $points } point
       *[other] { $title }: { $points } points
    }
ballots-cast-button = Cast my ballot
ballots-change-button = Change my choices

# The receipt
ballots-receipt-title = Your ballot is cast
ballots-receipt-heading = Thank you, your ballot is cast
ballots-receipt-code-intro = Your tracking code, shown only now:
ballots-receipt-keep = Write it down or download it. With it you can check on the public bulletin board that your ballot is counted, unchanged. It does not say who you are.
ballots-receipt-download = Download the receipt
ballots-receipt-see-board = See the bulletin board
# The downloaded receipt, a text file
ballots-receipt-file-heading = budgetbox ballot receipt
ballots-receipt-file-code = Tracking code: { $code }
ballots-receipt-file-check = Check that your ballot is counted: open the round's bulletin board and enter this code.
ballots-receipt-file-private = The code does not identify you; keep it private if you do not want others to see your choices.

# The anonymous survey
ballots-survey-heading-optional = Tell us how it went (optional)
ballots-survey-anonymous = Your answers are anonymous: they are stored without your name, your account or your ballot, and only the day is kept.
ballots-survey-ease = How easy was it to vote?
ballots-ease-1 = Very hard
ballots-ease-2 = Hard
ballots-ease-3 = Neither easy nor hard
ballots-ease-4 = Easy
ballots-ease-5 = Very easy
ballots-survey-found = Did you find the information you needed?
ballots-found-yes = Yes
ballots-found-partly = Partly
ballots-found-no = No
ballots-survey-comment = Anything else you want to tell the council?
ballots-survey-comment-hint = Up to { $max } characters. Please do not include your name or contact details.
ballots-survey-send = Send anonymously
ballots-survey-title = Tell us how it went
ballots-survey-thanks-title = Thank you for your feedback
ballots-survey-thanks-heading = Thank you
ballots-survey-thanks-text = Your answers help the council make the next round easier to take part in.
ballots-back-to-round = Back to the round

# What voters said (council and auditors)
ballots-feedback-title = Voter feedback: { $title }
ballots-feedback-responses = Anonymous answers: { $count }.
ballots-feedback-average = Average ease: { $average } out of 5.
ballots-feedback-answer = Answer
ballots-feedback-people = People
ballots-feedback-comments = Comments
ballots-feedback-no-comments = No comments.

# Before voting: log in or use a voting code
ballots-log-in-to-vote = Log in to vote
ballots-code-heading = Vote with a voting code
ballots-code-text = If the city sent you a voting code, you can vote with it without an account.
ballots-code-label = Voting code
ballots-code-hint = For example ABCD-EFGH-JKLM-NPQR.
ballots-code-continue = Continue

# Voting twice
ballots-already-voted-title = You have already voted
ballots-already-voted-text = Your ballot in { $title } is recorded, and each person votes once. Thank you for taking part.
# These three form one sentence: "To check that it is counted, use your tracking code on the <bulletin board>."
ballots-already-voted-check-before = To check that it is counted, use your tracking code on the
ballots-already-voted-check-link = bulletin board
ballots-already-voted-check-after = { "." }

# The bulletin board
ballots-board-title = Bulletin board: { $title }
# These two form one sentence around the chain head's hash: "… The chain head is <hash>."
ballots-board-lead = Every ballot, in the order cast, each entry sealed with the hash of the one before. The chain head is
ballots-board-lead-after = { "." }
ballots-check-heading = Check your ballot
ballots-tracking-code = Tracking code
ballots-check-button = Check
ballots-board-entries = Entries
ballots-board-page = Page { $page } of { $pages }
ballots-board-ballot = Ballot
ballots-board-day = Day
ballots-board-entry-hash = Entry hash
ballots-board-pages = Pages
# These three form one sentence: "Machine-readable: <the whole chain as JSON>."
ballots-board-json-before = Machine-readable:
ballots-board-json-link = the whole chain as JSON
ballots-board-json-after = { "." }

# Checking a tracking code
# These two form one sentence: "<Your ballot is on the bulletin board> as entry 12 of round 3."
ballots-inclusion-found = Your ballot is on the bulletin board
ballots-inclusion-entry = as entry { $entry } of round { $round }.
ballots-inclusion-reads = It reads:
# These two form one sentence: "<You voted again:> this ballot was replaced by …"
ballots-inclusion-voted-again = You voted again:
ballots-inclusion-replaced = this ballot was replaced by entry { $entry } and is not counted; the later one is.
# These form one sentence: "Entry hash <hash>; chain intact."
ballots-inclusion-hash = Entry hash
ballots-chain-intact = chain intact
ballots-chain-broken = chain BROKEN — report this to the city
ballots-not-found = No ballot has this tracking code. Check it letter by letter; codes use no 0, O, 1, I or L.
ballots-board-sealed = sealed until the count
ballots-inclusion-sealed = What it says is sealed until the round is counted, so nobody can count votes while voting is open; check again after the count to see it.
ballots-board-sealed-note = While voting is open, each entry holds a salted hash of its ballot instead of the ballot, so nobody can count votes before the end; the ballots and their salts are published when the round is counted, and anyone can then check every hash.
ballots-choose-district-legend = Your district
ballots-choose-district-text = Each district votes on its own projects. Choose the district you live in to see its ballot.
ballots-review-lead-last-counts = Nothing is recorded yet. Check your choices, then cast your ballot. You can vote again until voting closes: only your last ballot counts.
ballots-last-counts = In this round you can vote again until voting closes: only your last ballot counts, and it replaces any earlier one.
ballots-not-yet-where = Where to put it right
ballots-not-yet-round = The round page: who can vote, and the census check
ballots-not-yet-account = Your account: district, year of birth, address confirmation
ballots-words-empty = no project
ballots-meter-spent = Chosen:
ballots-meter-left = left:
ballots-meter-over = over the budget by
ballots-tree-included = It is in the board's signed tree head of { $size } entries of { $date }, whose root is
ballots-tree-check = Check the proof in this browser
ballots-tree-check-ok = Checked: the path from your entry leads to the signed head's root.
ballots-tree-check-failed = The path from your entry does not lead to the signed head's root. Tell the city and keep your tracking code.
ballots-tree-offline = To check it yourself, signature included: save what /api/v1/receipts/ with your tracking code answers, and run budgetbox verify --receipt FILE --public-key with the key at /api/v1/audit-key.
ballots-tree-pending = A signed tree head includes new ballots within a few seconds; reload this page to see the proof that it includes yours.

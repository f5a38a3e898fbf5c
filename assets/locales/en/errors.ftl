# Titles of the error pages
errors-title-bad-request = Something in the request is not right
errors-title-not-found = Page not found
errors-title-unauthorized = Please log in
errors-title-invalid = Some answers need correcting
errors-title-too-many = Too many attempts
errors-title-forbidden = Not allowed
errors-title-conflict = Already done
errors-title-too-large = Too large
errors-title-unavailable = Temporarily unavailable
errors-title-internal = Something went wrong

# What to do next
errors-advice-not-found = Check the address, or start again from the list of budget rounds.
errors-advice-unavailable = This is usually brief. Wait a minute and try again. If you were casting a ballot, it may or may not have been stored: when you try again you will either vote, or be told that you have already voted — your ballot is then counted, and you can find it on the bulletin board.
errors-advice-server = The problem has been logged. Try again in a moment; if it keeps happening, contact the city's participation office.
errors-advice-request = Go back, correct what the message says, and try again.
errors-go-to-rounds = Go to the list of budget rounds

# Messages
errors-no-page-here = There is no page at this address.
errors-no-language = there is no language `{ $code }` here

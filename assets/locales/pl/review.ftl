# Osobiste potwierdzanie głosujących (weryfikatorzy)
review-confirm-title = Potwierdź głosujących: { $round }
review-confirm-text = Potwierdź osobę po osobistym sprawdzeniu jej dokumentu tożsamości. Potwierdzenie zostanie zapisane z Twoim kontem.
review-confirm-email = Adres e-mail konta tej osoby
review-confirm-district = Dzielnica zamieszkania
review-confirm-district-hint = Sprawdzona na podstawie dokumentu z adresem.
review-confirm-submit = Potwierdź tę osobę
review-confirm-no-account = Nie ma konta z tym adresem e-mail; poproś tę osobę, by najpierw się zarejestrowała, albo wydaj jej kod do głosowania.
review-confirm-bad-district = Wybierz dzielnicę z tej edycji.
review-confirmed = { $name } — potwierdzono udział w tej edycji.

# Wprowadzanie papierowych kart do głosowania (dwóch urzędników)
review-paper-title = Wprowadź papierowe karty do głosowania: { $round }
review-paper-text = Każdą papierową kartę do głosowania wprowadza dwóch urzędników. Głos liczy się, gdy drugi wpis zgadza się z pierwszym; jeśli się różnią, oba są odrzucane.
review-paper-email = Adres e-mail konta głosującego
review-paper-show = Pokaż kartę tego głosującego
review-paper-no-account = Nie ma konta z tym adresem e-mail.
review-paper-enter = Wprowadź tę papierową kartę
review-paper-first-entry = Zapisano pierwszy wpis. Teraz drugi urzędnik musi wprowadzić tę samą kartę.
review-paper-cast = Oba wpisy są zgodne: głos został oddany. Kod weryfikacyjny dla głosującego: { $code }
review-paper-mismatch = Wpisy się różnią, więc oba zostały odrzucone. Sprawdź papierową kartę i wprowadź ją ponownie dwa razy.

# Odmowy pokazywane na stronie błędu
review-error-no-account = nie ma konta z tym adresem e-mail
review-confirm-document = Numer sprawdzonego dokumentu tożsamości
review-confirm-document-hint = Przechowywany tylko jako skrót z kluczem dla tego głosowania, aby powiedzieć ci, czy ta osoba już głosowała, niezależnie od konta.
review-confirmed-already-voted = { $name } ma potwierdzenie w tym głosowaniu. Ta osoba już głosowała: nowa karta zastąpi wcześniejszą.

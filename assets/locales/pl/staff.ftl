# Role
staff-role-citizen = Mieszkaniec
staff-role-reviewer = Weryfikator
staff-role-council = Urząd miasta
staff-role-auditor = Audytor

# Osoby i role (urząd miasta)
staff-users-title = Osoby i role
staff-users-text = Zmiana roli działa od razu i kończy bieżące sesje tej osoby.
staff-users-caption =
    { $count ->
        [one] { $n } konto
        [few] { $n } konta
        [many] { $n } kont
       *[other] { $n } konta
    }
staff-col-name = Imię i nazwisko
staff-col-email = E-mail
staff-col-role = Rola
# Etykieta menu roli każdej osoby, odczytywana przez czytniki ekranu
staff-role-of = Rola osoby { $name }
staff-save = Zapisz
# Odczytywane przez czytniki ekranu po „Zapisz”: „Zapisz rolę osoby Ana”
staff-save-role-of = rolę osoby { $name }
staff-done-role = Rola została zmieniona.

# Dziennik audytu
staff-audit-title = Dziennik audytu
staff-logins-title = Logowania dziennie
staff-logins-caption = Próby logowania według wyniku
staff-col-day = Dzień
staff-col-outcome = Wynik
staff-col-count = Liczba
staff-actions-title = Działania istotne dla bezpieczeństwa
staff-actions-caption = Od najnowszych
staff-col-when = Kiedy
staff-col-account = Konto
staff-col-action = Działanie
staff-col-detail = Szczegóły
staff-users-search = Szukaj po adresie lub nazwie
staff-users-search-button = Szukaj
staff-users-pages = Strony kont

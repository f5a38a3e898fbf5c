# Ramy każdej strony
skip-to-content = Przejdź do treści głównej
nav-main = Główna
nav-rounds = Budżety obywatelskie
nav-open-data = API otwartych danych
nav-manage-rounds = Zarządzaj edycjami
nav-people = Osoby i role
nav-audit-log = Dziennik audytu
nav-account = Konto ({ $name })
nav-log-out = Wyloguj się
nav-log-in = Zaloguj się
nav-register = Zarejestruj się
nav-language = Język
footer = budgetbox — budżet obywatelski z otwartym, sprawdzalnym liczeniem głosów.

# Strona główna
home-title = Budżety obywatelskie
home-lead = Mieszkańcy zgłaszają projekty, głosują na nie, a miasto finansuje zwycięskie. Każdy głos jest liczony jawnie.
home-empty = Nie ma jeszcze żadnej edycji.
home-budget = Budżet: { $amount }
home-voting = Głosowanie: od { $from } do { $to }
home-over-time = Udział mieszkańców na przestrzeni lat
home-verify = Jak sprawdzić wynik

# Etapy edycji
phase-draft = W przygotowaniu
phase-proposals = Zbieranie projektów
phase-review = Weryfikacja projektów
phase-voting = Głosowanie otwarte
phase-counting = Liczenie głosów
phase-results = Wyniki opublikowane
phase-draft-now = Rada przygotowuje tę edycję. Zajrzyj, gdy rozpocznie się zgłaszanie projektów.
phase-proposals-now = Zgłoś pomysł dla swojej dzielnicy albo poprzyj pomysły sąsiadów.
phase-review-now = Miasto sprawdza wykonalność i koszt każdego projektu.
phase-voting-now = Uprawnieni mieszkańcy mogą głosować na projekty, które chcą sfinansować.
phase-counting-now = Głosowanie się zakończyło, trwa liczenie głosów.
phase-results-now = Zobacz, które projekty wygrały i jak policzono każdy głos.

# Forms and tables shared by every page
form-problem = Wystąpił problem
form-optional = (opcjonalnie)
form-error-prefix = Błąd:
changes-none = W tej edycji nie wprowadzono żadnych zmian.
changes-caption = Wszystkie zmiany w tej edycji, od najstarszej
changes-when = Kiedy
changes-what = Zmiana
changes-why = Powód

# Moving between pages of a long list
pages-previous = Poprzednia strona
pages-of = Strona { $page } z { $pages }
pages-next = Następna strona

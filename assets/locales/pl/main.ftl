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
form-choose = Wybierz…
open-data-title = Otwarte dane
open-data-lead = Każde policzone głosowanie jest publikowane w całości, aby każdy mógł je przeliczyć własnymi narzędziami: projekty, każdy głos (bez żadnych nazwisk), wynik z uzasadnieniem oraz podpisany pakiet, który dowodzi, że niczego nie zmieniono.
open-data-files = Co jest publikowane
open-data-pb = Plik Pabulib (.pb)
open-data-pb-text = Głosowanie w formacie używanym przez badaczy (pabulib.org): projekty z kosztami i każdy głos. Narzędzia Pabulib i pabutools je liczą.
open-data-csv = CSV
open-data-csv-text = Jeden wiersz na projekt: dzielnica, koszt, głosy i czy otrzymał finansowanie – do arkusza kalkulacyjnego.
open-data-json = JSON
open-data-json-text = Wynik w postaci zapisanej przez platformę: każda pula, jej zasada i rozstrzyganie remisów oraz powód, dla którego każdy projekt otrzymał finansowanie lub nie.
open-data-audit = Podpisany pakiet audytowy
open-data-audit-text = Wszystko powyższe wraz z tablicą głosów i podpisem; każdy może to sprawdzić offline.
open-data-board = Tablica głosów
open-data-board-text = Każdy głos jako wpis w łańcuchu skrótów, ze skrótem kodu śledzenia: wyborca odnajduje swój głos, każdy może sprawdzić łańcuch.
open-data-rounds = Policzone głosowania
open-data-none = Żadne głosowanie nie opublikowało jeszcze wyników.
open-data-api = Dla programistów: API
open-data-api-text = Te same dane jako JSON przez HTTP, bez konta dla danych publicznych. Dokument OpenAPI opisuje każdy punkt dostępu.
open-data-api-spec = Dokument OpenAPI (openapi.json)
open-data-api-rounds = Wszystkie głosowania (JSON)
open-data-licence = Głosy nie zawierają nazwiska, godziny ani kolejności głosowania; nie da się ich powiązać z osobą.

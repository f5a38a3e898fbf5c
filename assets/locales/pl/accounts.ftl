# Rejestracja
accounts-register-title = Rejestracja
accounts-register-heading = Załóż konto
accounts-name = Imię i nazwisko lub pseudonim
accounts-name-hint = Wyświetlane przy zgłoszonych przez Ciebie propozycjach.
accounts-email = Adres e-mail
accounts-email-hint = Używasz go do logowania. Nikomu go nie pokazujemy.
accounts-password = Hasło
accounts-password-hint = Co najmniej 10 znaków. Kilka niezwiązanych ze sobą słów łatwo zapamiętać, a trudno odgadnąć.
accounts-about-you-optional = O Tobie (opcjonalnie)
accounts-about-you-register-hint = Tych odpowiedzi używamy tylko do sprawdzenia, czy możesz głosować w danej edycji (na przykład minimalny wiek lub Twoja dzielnica), oraz do anonimowych statystyk o tym, kto bierze udział. Nigdy nie publikujemy ich w odniesieniu do Ciebie.
accounts-gender = Płeć
accounts-gender-female = Kobieta
accounts-gender-male = Mężczyzna
accounts-gender-non-binary = Osoba niebinarna
accounts-gender-prefer-not-to-say = Wolę nie podawać
accounts-birth-year = Rok urodzenia
accounts-birth-year-hint = Na przykład 1975.
accounts-district = Dzielnica, w której mieszkasz
accounts-create-account = Załóż konto
# Te dwa teksty tworzą jedno zdanie: "Masz już konto? <Zaloguj się>."
accounts-already-registered = Masz już konto?
# Tytuł i nagłówek strony logowania oraz link do niej.
accounts-log-in = Zaloguj się

# Po rejestracji
accounts-registered-title = Zgłoszenie rejestracji przyjęte
accounts-registered-heading = Dziękujemy
accounts-registered-lead = Jeśli ten adres był dla nas nowy, konto jest gotowe i możesz się już zalogować. Wysłaliśmy link do potwierdzenia adresu: w niektórych głosowaniach można głosować dopiero po potwierdzeniu.
accounts-registered-existing = Jeśli masz już konto z tym adresem, wysłaliśmy na nie wiadomość: zaloguj się hasłem albo ustaw nowe przez link z tej wiadomości.

# Logowanie
accounts-log-in-button = Zaloguj się
accounts-login-refused = Adres e-mail lub hasło są nieprawidłowe.
accounts-too-many-attempts = { $count ->
        [one] Zbyt wiele nieudanych prób. Odczekaj { $count } sekundę i spróbuj ponownie.
        [few] Zbyt wiele nieudanych prób. Odczekaj { $count } sekundy i spróbuj ponownie.
        [many] Zbyt wiele nieudanych prób. Odczekaj { $count } sekund i spróbuj ponownie.
       *[other] Zbyt wiele nieudanych prób. Odczekaj { $count } sekundy i spróbuj ponownie.
    }
# Te dwa teksty tworzą jedno zdanie: "Nie masz jeszcze konta? <Zarejestruj się>."
accounts-no-account = Nie masz jeszcze konta?
accounts-register-link = Zarejestruj się

# Strona konta
accounts-account-title = Twoje konto
accounts-password-changed = Hasło zostało zmienione. Na pozostałych urządzeniach nastąpiło wylogowanie.
accounts-fact-name = Imię i nazwisko
accounts-fact-email = E-mail
accounts-fact-role = Rola
accounts-role-citizen = Mieszkaniec
accounts-role-reviewer = Weryfikator
accounts-role-council = Urząd miasta
accounts-role-auditor = Audytor
accounts-about-you = O Tobie
accounts-about-you-account-hint = Używane tylko do sprawdzenia, czy możesz głosować w danej edycji, oraz do anonimowych statystyk o tym, kto bierze udział.
accounts-save = Zapisz
accounts-password-heading = Zmień hasło
accounts-current-password = Obecne hasło
accounts-new-password = Nowe hasło
accounts-new-password-hint = Co najmniej 10 znaków.
accounts-change-password = Zmień hasło
accounts-sessions = Sesje
accounts-sessions-text = Zgubiony telefon albo wspólny komputer? Zakończ wszystkie sesje na wszystkich urządzeniach, także na tym.
accounts-log-out-everywhere = Wyloguj się wszędzie
accounts-your-data = Twoje dane
accounts-download-data = Pobierz wszystko, co o Tobie przechowujemy (JSON)
accounts-delete-heading = Usuń konto
accounts-delete-text = Twoje dane osobowe zostaną usunięte. Oddane przez Ciebie głosy nadal się liczą (nigdy nie były powiązane z Tobą), a napisane przez Ciebie propozycje pozostają publiczne, podpisane jako „usunięty użytkownik”.
accounts-confirm-password = Twoje hasło, dla potwierdzenia
accounts-delete-button = Usuń moje konto

# Po usunięciu konta
accounts-deleted-title = Konto usunięte
accounts-deleted-heading = Twoje konto zostało usunięte
accounts-deleted-thanks = Dziękujemy za udział.
accounts-back-to-rounds = Wróć do listy budżetów obywatelskich

# Tytuły stron błędów
errors-title-bad-request = Coś w żądaniu jest nie tak
errors-title-not-found = Nie znaleziono strony
errors-title-unauthorized = Zaloguj się
errors-title-invalid = Niektóre odpowiedzi trzeba poprawić
errors-title-too-many = Zbyt wiele prób
errors-title-forbidden = Brak uprawnień
errors-title-conflict = To już zostało zrobione
errors-title-too-large = Za duży plik lub formularz
errors-title-unavailable = Chwilowo niedostępne
errors-title-internal = Coś poszło nie tak

# Co zrobić dalej
errors-advice-not-found = Sprawdź adres albo zacznij od listy budżetów obywatelskich.
errors-advice-unavailable = Zwykle trwa to krótko. Odczekaj minutę i spróbuj ponownie. Jeśli oddawano głos, mógł on zostać zapisany lub nie: przy kolejnej próbie albo zagłosujesz, albo zobaczysz informację, że głos został już oddany — wtedy jest on liczony i można go znaleźć na tablicy publicznej.
errors-advice-server = Problem został zapisany. Spróbuj ponownie za chwilę; jeśli będzie się powtarzał, skontaktuj się z biurem partycypacji urzędu miasta.
errors-advice-request = Wróć, popraw to, o czym mówi komunikat, i spróbuj ponownie.
errors-go-to-rounds = Przejdź do listy budżetów obywatelskich

# Komunikaty
errors-no-page-here = Pod tym adresem nie ma żadnej strony.
errors-no-language = nie ma tu języka `{ $code }`

import pytest

from bot.answers.number_words import figures_in_words
from bot.answers.text_folding import clean, fold_cyrillic, tokens


def read(text: str) -> list[str]:
    return figures_in_words(tokens(fold_cyrillic(clean(text))))


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("about nine hundred people", ["about", "900", "people"]),
        ("a hundred and fifty convicted", ["a", "150", "convicted"]),
        ("one hundred sixty two", ["162"]),
        ("девятьсот семь человек", ["907", "человек"]),
        ("без малого полторы сотни", ["без", "малого", "150"]),
        ("две тысячи девятнадцатый", ["2000", "девятнадцатыи"]),
        ("он сегіз жылға", ["18", "жылга"]),
        ("отыздан астам шетелдік", ["30", "астам", "шетелдик"]),
        ("тоғыз жүз жеті адам", ["907", "адам"]),
        ("жүз қырықтай адам", ["140", "адам"]),  # Kazakh says "a hundred" first: some 140
        ("жуз алпыс шакты ма", ["160", "шакты", "ма"]),
        ("жыз кырык адам", ["140", "адам"]),  # chat Latin "jyz kyryk": y for ү
        ("around 15 thousand links", ["around", "15000", "links"]),  # meets the answer's "14.5 thousand"
        ("over 14.5 thousand links", ["over", "14500", "links"]),
        ("четырнадцать с лишним тысяч сайтов", ["14000", "саитов"]),  # "and more": the number goes on
        ("14 с половиной тысяч ссылок", ["14500", "ссылок"]),
        ("свыше 14,5 тыс. ссылок", ["свыше", "14500", "ссылок"]),  # as the Russian answer writes it
        ("тысяч 15 сайтов", ["15000", "саитов"]),  # the scale first: "some fifteen thousand"
        ("тыщ десять сайтов", ["10000", "саитов"]),  # thousands in speech, the scale first too
        ("14 тыщ ссылок", ["14000", "ссылок"]),
        ("больше девятисот человек", ["болше", "900", "человек"]),
        ("члены семьи за рубежом", ["члены", "семи", "за", "рубежом"]),  # "семьи" folded is no "семи" (7)
    ],
)
def test_a_figure_in_words_is_read_as_digits(text: str, figures: list[str]) -> None:
    assert read(text) == figures


@pytest.mark.parametrize(
    "text",
    [
        "which one is it",
        "the ones who won't listen",
        "КНБ проводит сотни учений",
        "жүз адам",  # alone "жүз" is "many" (or a face): no figure
        "он сказал",  # Russian "he", not Kazakh "ten"
        "бір күдікті адам",  # the article "a"
        "онда не бар",  # "there"
        "14,5 мыңнан астам",  # "мың" after a figure stays as the knowledge base writes it
    ],
)
def test_words_that_only_look_like_figures_stay_words(text: str) -> None:
    assert read(text) == tokens(fold_cyrillic(clean(text)))

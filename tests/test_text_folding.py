"""How people type here must fold to one form (see shared/reference/typing-in-kazakhstan.md)."""

from __future__ import annotations

import pytest

from bot.answers.readings import Reading, readings
from bot.answers.text_folding import clean, flip_layout, fold_cyrillic, latin_to_cyrillic, stem, tokens


def folded(text: str) -> str:
    return fold_cyrillic(clean(text))


def test_case_yo_and_unicode_forms_fold_together() -> None:
    assert folded("ЁЖИК\u00a0Ещё") == folded("ежик еще")
    assert folded("Cafe\u0301") == folded("Café")  # combining accent vs precomposed


def test_kazakh_without_kazakh_letters_meets_kazakh() -> None:
    assert folded("Қазақстанда қанша адам сотталды") == folded("Казакстанда канша адам сотталды")
    assert folded("өңір ұйым үшін") == folded("онир уиым ушин")


def test_latin_lookalikes_inside_cyrillic_words_are_fixed() -> None:
    assert folded("тeррoрист") == folded("террорист")  # Latin e and o inside a Cyrillic word


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qazaqstanda qansha adam sottaldy", "Қазақстанда қанша адам сотталды"),  # 2021 alphabet
        ("Qazaqstanda", "Қазақстанда"),
        ("şetelдіkter", "шетелдіктер"),
        ("skolko inostrantsev vydali", "сколько иностранцев выдали"),  # informal Russian Latin
        ("zhyl", "жыл"),
        ("terroristik", "террористик"),
    ],
)
def test_latin_transliteration_reaches_the_cyrillic_fold(latin: str, cyrillic: str) -> None:
    assert fold_cyrillic(latin_to_cyrillic(clean(latin))) == folded(cyrillic)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("crjkmrj", "сколько"),
        ("ghbdtn", "привет"),
        ("0fpf0cnfy", "қазақстан"),  # Kazakh letters on the digit row
        ("j,extybt", "обучение"),  # , and . are б and ю inside a word
        ("y-v3h3vl3", "нөмірімді"),  # "-" is ө on the digit row
    ],
)
def test_wrong_keyboard_layout_is_read_back(typed: str, meant: str) -> None:
    assert fold_cyrillic(flip_layout(typed)) == folded(meant)


def test_layout_flip_keeps_years_and_trailing_punctuation() -> None:
    assert flip_layout("d 2019,") == "в 2019,"
    assert flip_layout("ghbdtn, vbh") == "привет, мир"


def test_decimal_comma_and_point_are_one_number() -> None:
    assert tokens("14,5 тысяч") == tokens("14.5 тысяч")


def test_kazakh_suffixes_are_stripped_to_a_shared_stem() -> None:
    forms = ["шетелдиктер", "шетелдиктерди", "шетелдиктердин", "шетелдиктерге"]
    assert len({stem(form, "kk") for form in forms}) == 1
    assert stem("жыл", "kk") == "жыл"  # never below three letters


def test_russian_and_english_stemming() -> None:
    assert stem("осуждены", "ru") == stem("осуждена", "ru")
    assert stem("extradited", "en") == stem("extradite", "en")
    assert stem("2019", "ru") == "2019"


def test_readings_of_a_text_are_every_way_it_may_have_been_typed() -> None:
    assert readings(clean("Қайда?")) == [Reading("cyrillic", "каида?", retyped=False)]  # й folds to и
    latin = readings(clean("ghbdtn"))
    assert [(r.script, r.retyped) for r in latin] == [("latin", False), ("cyrillic", True), ("cyrillic", True)]
    assert latin[-1].text == "привет"  # the wrong keyboard layout
    # A text that mixes scripts was typed on purpose: transliterated, but never layout-flipped.
    assert len(readings(clean("привет hello"))) == 3
    assert readings("2019 !!") == []


def test_the_answer_engine_reads_latin_j_as_kazakh_zh() -> None:
    """Every Kazakh Latin alphabet writes ж as j, also before a vowel; Russian chat Latin writes я as ya."""
    cyrillic = [r.text for r in readings(clean("jauap jazuğa, yavka"), j_is_zh=True) if r.script == "cyrillic"]
    assert folded("жауап жазуға, явка") in cyrillic


def test_the_answer_engine_reads_chat_latin_uy_as_kazakh_uy() -> None:
    """Kazakh "уы" (жаттығуы, туыстары) is typed "uy"; "y" after other vowels is still й ("qalay")."""
    cyrillic = [r.text for r in readings(clean("tuystary, zhattyguy, qalay"), j_is_zh=True) if r.script == "cyrillic"]
    assert folded("туыстары, жаттығуы, қалай") in cyrillic

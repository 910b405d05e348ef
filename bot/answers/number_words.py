"""Figures written in words, read as the digits the knowledge base uses ("nine hundred" → 900, "полторы сотни" → 150).

Citizens repeat a figure they heard in words, often rounded; the knowledge base states it in digits. Read as words they
are unknown to the index and count against the entry; as digits they meet the figure (the answer engine also lets a
rounded figure meet the one it rounds). English and Russian, Russian as folded by text_folding.fold_cyrillic
(й → и, ё → е, no soft sign), and only the common forms: a rough reading is enough for matching.
"""

from __future__ import annotations

import re

from bot.answers.text_folding import fold_cyrillic


def _values(words: str, first: int, step: int) -> dict[str, int]:
    """Number words in order of value, folded: first, first + step, …"""
    return {fold_cyrillic(word): first + step * n for n, word in enumerate(words.split())}


_EN_UNITS = _values(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen",
    0,
    1,
)
_EN_TENS = _values("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10)
_RU_UNITS = _values(
    "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать "
    "пятнадцать шестнадцать семнадцать восемнадцать девятнадцать",
    0,
    1,
) | {"две": 2, "одна": 1}
_RU_TENS = _values("двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто", 20, 10)
_RU_HUNDREDS = _values("сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот", 100, 100)
# The same after "больше", "более", "свыше", "около" (genitive): "больше четырнадцати тысяч", "свыше девятисот".
# Not "семи" (7): folded, it is also "семьи" (family).
_RU_OBLIQUE = {
    word: value
    for word, value in (
        _values(
            "двух трёх четырёх пяти шести семи восьми девяти десяти одиннадцати двенадцати тринадцати четырнадцати "
            "пятнадцати шестнадцати семнадцати восемнадцати девятнадцати",
            2,
            1,
        )
        | _values("двадцати тридцати сорока пятидесяти шестидесяти семидесяти восьмидесяти девяноста", 20, 10)
        | _values("ста двухсот трёхсот четырёхсот пятисот шестисот семисот восьмисот девятисот", 100, 100)
    ).items()
    if word != "семи"
}
# Kazakh: "он" (ten) is also Russian "he", and "бір" (one) the article "a", so both only count before another number
# word ("он сегіз", "бір мың"); tens, hundreds and thousands also with a case ending ("отыздан астам", "мыңға жуық").
_KK_UNITS = _values("бір екі үш төрт бес алты жеті сегіз тоғыз он", 1, 1)
_KK_TENS = _values("жиырма отыз қырық елу алпыс жетпіс сексен тоқсан", 20, 10)
_KK_ENDINGS = [fold_cyrillic(e) for e in ("дан", "ден", "тан", "тен", "нан", "нен", "ға", "ге", "қа", "ке")] + [
    fold_cyrillic(e) for e in ("да", "де", "та", "те", "дай", "дей", "тай", "тей", "ша", "ше")
]
_KK_WITH_ENDINGS = {
    base + ending: value for base, value in (_KK_TENS | {"мын": 1000}).items() for ending in _KK_ENDINGS
} | {"жузден": 100, "жузге": 100, "жуздеи": 100}
ADDED: dict[str, int] = _EN_UNITS | _EN_TENS | _RU_UNITS | _RU_TENS | _RU_HUNDREDS | _RU_OBLIQUE | _KK_UNITS | _KK_TENS
# Thousands in speech ("тыщ десять", "14 тыщ", "тыщу"): left words, they were unknown and the figure lost its scale
# (questions_dev_k).
_RU_SLANG_THOUSANDS = ("тыща", "тыщи", "тыщ", "тыщу", "тысячу")
# A word that multiplies what came before it (or 1: "a hundred", "тысяча").
_SCALES: dict[str, int] = (
    {"hundred": 100, "thousand": 1000, "million": 1_000_000, "сотни": 100, "сотен": 100, "сотня": 100}
    | {word: 1000 for word in ("тысяча", "тысячи", "тысяч", "тыс", "мын", *_RU_SLANG_THOUSANDS)}
    | {"жуз": 100, "жыз": 100}
    | {word: value for word, value in _KK_WITH_ENDINGS.items() if value >= 100}
    | {"hundreds": 100, "thousands": 1000}  # after a figure, non-native English: "14 thousands sites"
)
_PLURAL_SCALES = frozenset({"сотни", "сотен", "тысячи", "тысяч", "тыс", "мын", "тыщи", "тыщ", *_KK_WITH_ENDINGS}) - {
    word for word, value in _KK_WITH_ENDINGS.items() if value < 100
} | {"жуз", "жыз", "hundreds", "thousands"}  # alone, "сотни учений", "thousands of sites" is "many", not 100
# A figure in digits before an English scale word ("15 thousand", "14.5 thousand"): the value, so "around 15 thousand"
# meets the entry's "14.5 thousand" as a rounded figure (read apart, 15 is too small a number to be compared).
FIGURE = re.compile(r"\d+(?:\.\d+)?")  # a figure in digits, as folded text writes it
# Russian writes thousands after digits too ("14,5 тыс.", "больше 14 тысяч"): as two words, the figure the answer states
# in thousands met no figure of a question ("четырнадцать тысяч" is read 14000), and "14" alone is too small to be
# compared.
_DIGIT_SCALES = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "hundreds",
        "thousands",
        "тыс",
        "тысяч",
        "тысячи",
        "тысяча",
        *_RU_SLANG_THOUSANDS,
    }
)
_HALF_MORE = frozenset({"полторы", "полтора"})  # "полторы сотни": one and a half times the scale that follows
_JOINERS = frozenset({"and"})  # "a hundred and fifty"
# "с лишним", "с небольшим", "с хвостиком" (and a bit more) after a number word keep the number going ("четырнадцать с
# лишним тысяч" is some 14 thousand): read apart, "лишним" was a word no entry uses and "тысяч" lost its figure.
# "с половиной" adds a half ("четырнадцать с половиной тысяч" is 14,5 thousand).
_RU_AND_MORE = frozenset({"лишним", "небольшим", "хвостиком", "гаком"})
_RU_AND_A_HALF = "половинои"
# "which one", "the ones": a figure only before a scale ("one hundred")
_PRONOUNS = frozenset({"one", "один", "одна", "бир", "он"})


def figures_in_words(words: list[str]) -> list[str]:
    """The words with each run of number words replaced by its value in digits."""
    words = _scale_last(words)
    out: list[str] = []
    total = current = 0.0
    in_number = False
    for position, word in enumerate(words):
        nxt = words[position + 1] if position + 1 < len(words) else ""
        if not in_number and _is_figure(word) and _DIGIT_SCALES.intersection(_scale_after(words, position)):
            current = float(word)
        elif word in ADDED and (word not in _PRONOUNS or nxt in _SCALES or (word == "он" and nxt in _KK_UNITS)):
            current += ADDED[word]
        elif word in _KK_WITH_ENDINGS and _KK_WITH_ENDINGS[word] < 100:
            current += _KK_WITH_ENDINGS[word]
        elif word in _KK_HUNDRED and not in_number and (nxt in _KK_TENS or nxt in _KK_WITH_ENDINGS or nxt in _KK_UNITS):
            current = 100
        elif word in _SCALES and (in_number or word not in _PLURAL_SCALES):
            scale = _SCALES[word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        elif word in _HALF_MORE and nxt in _SCALES:
            current += 1.5
            in_number = True
            continue
        elif word in _JOINERS and in_number and (nxt in ADDED or nxt in _SCALES):
            continue
        elif word == "с" and in_number and (nxt in _RU_AND_MORE or nxt == _RU_AND_A_HALF):
            current += 0.5 if nxt == _RU_AND_A_HALF else 0
            continue
        elif (word in _RU_AND_MORE or word == _RU_AND_A_HALF) and in_number and words[position - 1] == "с":
            continue
        else:
            if in_number:
                out.append(_digits(total + current))
                total = current = 0
                in_number = False
            out.append(word)
            continue
        in_number = True
    if in_number:
        out.append(_digits(total + current))
    return out


# Kazakh says a hundred and more with "жүз" first ("жүз қырықтай", some 140; "жүз алпыс шақты", about 160): alone "жүз"
# is "many" (or a face), so it starts a figure only before a ten or a unit. Read apart, "жүз" was a word no entry uses
# and the figure 40 did not meet 140 (questions_dev_o, _p: two Kazakh questions just under the answer threshold).
# Chat Latin writes ү as y too ("jyz kyryk", read жыз): the same word.
_KK_HUNDRED = frozenset({"жуз", "жыз"})
# Russian puts the scale first to say "about" ("тысяч 15", "тысяч пятнадцать": some fifteen thousand).
_RU_SCALES_FIRST = frozenset({"тысяч", "тыс", "тыщ"})


def _scale_last(words: list[str]) -> list[str]:
    """The words with a Russian scale said first put after its figure ("тысяч 15" → "15 тысяч")."""
    out = list(words)
    for position, word in enumerate(words):
        if word not in _RU_SCALES_FIRST or (
            position and (_is_figure(words[position - 1]) or words[position - 1] in ADDED)
        ):
            continue
        end = position + 1
        while end < len(words) and (_small_figure(words[end]) or words[end] in ADDED) and end - position <= 3:
            end += 1
        if end > position + 1:
            out[position:end] = [*words[position + 1 : end], word]
    return out


def _scale_after(words: list[str], position: int) -> list[str]:
    """The word after a figure, or after "с лишним" / "с половиной" following it ("14 с половиной тысяч")."""
    after = words[position + 1 : position + 4]
    if len(after) == 3 and after[0] == "с" and (after[1] in _RU_AND_MORE or after[1] == _RU_AND_A_HALF):
        return after[2:]
    return after[:1]


def _small_figure(word: str) -> bool:
    """A figure in digits that a scale may multiply (not a year: "тысяч в 2019" is no figure of thousands)."""
    return _is_figure(word) and float(word) < 1000


def _is_figure(word: str) -> bool:
    return FIGURE.fullmatch(word) is not None


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)

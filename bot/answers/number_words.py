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
ADDED: dict[str, int] = _EN_UNITS | _EN_TENS | _RU_UNITS | _RU_TENS | _RU_HUNDREDS | _KK_UNITS | _KK_TENS
# A word that multiplies what came before it (or 1: "a hundred", "тысяча").
_SCALES: dict[str, int] = (
    {"hundred": 100, "thousand": 1000, "million": 1_000_000, "сотни": 100, "сотен": 100, "сотня": 100}
    | {word: 1000 for word in ("тысяча", "тысячи", "тысяч", "мын")}
    | {"жуз": 100}
    | {word: value for word, value in _KK_WITH_ENDINGS.items() if value >= 100}
    | {"hundreds": 100, "thousands": 1000}  # after a figure, non-native English: "14 thousands sites"
)
_PLURAL_SCALES = frozenset({"сотни", "сотен", "тысячи", "тысяч", "мын", *_KK_WITH_ENDINGS}) - {
    word for word, value in _KK_WITH_ENDINGS.items() if value < 100
} | {"жуз", "hundreds", "thousands"}  # alone, "сотни учений", "thousands of sites" is "many", not 100
# A figure in digits before an English scale word ("15 thousand", "14.5 thousand"): the value, so "around 15 thousand"
# meets the entry's "14.5 thousand" as a rounded figure (read apart, 15 is too small a number to be compared).
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_DIGIT_SCALES = frozenset({"hundred", "thousand", "million", "hundreds", "thousands"})
_HALF_MORE = frozenset({"полторы", "полтора"})  # "полторы сотни": one and a half times the scale that follows
_JOINERS = frozenset({"and"})  # "a hundred and fifty"
# "which one", "the ones": a figure only before a scale ("one hundred")
_PRONOUNS = frozenset({"one", "один", "одна", "бир", "он"})


def figures_in_words(words: list[str]) -> list[str]:
    """The words with each run of number words replaced by its value in digits."""
    out: list[str] = []
    total = current = 0.0
    in_number = False
    for position, word in enumerate(words):
        nxt = words[position + 1] if position + 1 < len(words) else ""
        if not in_number and nxt in _DIGIT_SCALES and _is_figure(word):
            current = float(word)
        elif word in ADDED and (word not in _PRONOUNS or nxt in _SCALES or (word == "он" and nxt in _KK_UNITS)):
            current += ADDED[word]
        elif word in _KK_WITH_ENDINGS and _KK_WITH_ENDINGS[word] < 100:
            current += _KK_WITH_ENDINGS[word]
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


def _is_figure(word: str) -> bool:
    return _FIGURE.fullmatch(word) is not None


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)

"""The ways a text may have been typed: as it stands, transliterated from Latin, or with the wrong keyboard layout.

People in Kazakhstan write Russian and Kazakh in Cyrillic, in Latin (the 2021 alphabet, or chat transliteration) and
now and then with the Latin layout still switched on (``ghbdtn`` for ``привет``). Everything that matches words
(the answer engine, the emergency words) looks at each reading; a retyped reading is a guess, so it may count less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.answers.text_folding import (
    KAZAKH_LATIN_LETTERS,
    flip_layout,
    fold_cyrillic,
    has_cyrillic,
    has_latin,
    latin_to_cyrillic,
)

Script = Literal["cyrillic", "latin"]
# "y" right after a vowel is й, not ы ("qalay", "qanday", "takoy", "moy"): Russian never puts ы after a vowel, nor
# Kazakh but after у, and chat Latin writes й as y (ya/yu/ye/yo, я/ю/е/ё, are left to the transliteration). Not after
# "i": Kazakh Latin "daiyndalgan" is дайындалған. Nor after "u": Kazakh "уы" is everywhere (жаттығуы, сайлауы, туыс,
# жуық: every "uy" of the Kazakh questions of the dev sets), Russian "уй" rare (поцелуй). Before "el" too: "ayel",
# "ayelderi" is әйел (wife, woman), not "аел" (dev_l kk +1: militants' wives); Russian "-ayet" (знает) keeps "ye" as е.
_Y_AFTER_VOWEL = re.compile(r"(?<=[aeoäöüūáéó])y(?![aiouyäöüū]|e(?!l))")
_KAZAKH_TS = re.compile(r"ts(?!i)")
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")


@dataclass(frozen=True, slots=True)
class Reading:
    script: Script
    text: str  # Cyrillic readings are folded (fold_cyrillic); the Latin one is the text as typed
    retyped: bool  # transliterated or layout-flipped: a guess at what was meant
    transliterated: bool = False  # the Latin text read letter by letter in Cyrillic (not the layout flipped)


def readings(text: str, *, j_is_zh: bool = False, kept: frozenset[str] = frozenset()) -> list[Reading]:
    """Each plausible reading of an already cleaned text (text_folding.clean); none if it has no letters we read.

    ``j_is_zh`` reads Latin "j" always as ж, as every Kazakh Latin alphabet writes it ("jauap", "jazuğa"), instead of
    "ja/ju/jo" as я/ю/ё (Russian chat Latin, which writes ya/yu/yo far more often). The answer engine asks for it
    (measured in docs/benchmarks.md), and with it "y" after a vowel as й ("qalay", "takoy"); danger recognition reads
    Kazakh Latin its own way and its model was trained on the default. Words in ``kept`` (lower case) stay Latin in
    the transliterated reading: the Cyrillic phrasings write "ID" in Latin, and "Telegram ID-ımdı" read as "телеграм
    ид" met the stem of "идеология" instead.
    """
    found: list[Reading] = []
    if has_cyrillic(text):
        found.append(Reading("cyrillic", fold_cyrillic(text), retyped=False))
    if has_latin(text):
        found.append(Reading("latin", text, retyped=False))
        found.append(
            Reading(
                "cyrillic",
                fold_cyrillic(_transliterated(text, j_is_zh=j_is_zh, kept=kept)),
                retyped=True,
                transliterated=True,
            )
        )
        if not has_cyrillic(text):  # a mixed text was typed on purpose, not with the wrong layout
            found.append(Reading("cyrillic", fold_cyrillic(flip_layout(text)), retyped=True))
    return found


def keeps_any(text: str, kept: frozenset[str]) -> bool:
    """Whether the transliterated reading of ``text`` keeps any of its words Latin (``kept``, see readings)."""
    return bool(kept) and not kept.isdisjoint(map(str.lower, _WORD_SPLIT.findall(text)))


def _transliterated(text: str, *, j_is_zh: bool, kept: frozenset[str]) -> str:
    """The text in Cyrillic, but for the kept words; the runs between them are transliterated whole, as before."""
    pieces = _WORD_SPLIT.split(text)  # odd positions are words
    runs: list[str] = []
    run: list[str] = []
    for position, piece in enumerate(pieces):
        if position % 2 and piece.lower() in kept:
            runs += [_to_cyrillic("".join(run), j_is_zh=j_is_zh), piece]
            run = []
        else:
            run.append(piece)
    return "".join([*runs, _to_cyrillic("".join(run), j_is_zh=j_is_zh)])


def _to_cyrillic(latin: str, *, j_is_zh: bool) -> str:
    if not j_is_zh:
        return latin_to_cyrillic(latin)
    # The 2021 Kazakh alphabet writes я as "ia", so -ия as "iia" ("kategoriia", "moderasiia"), which no other reading
    # writes: read ия, or "kategoriiany" stays "категориианы" and meets nothing.
    latin = _Y_AFTER_VOWEL.sub("й", latin.replace("j", "zh").replace("iia", "iя"))
    if KAZAKH_LATIN_LETTERS.intersection(latin):
        # In Kazakh "ts" is т + с (sälemetsız, aitsa, ketse), not the ц of Russian chat Latin ("tsentr"): read ц, the
        # greeting "sälemetsız" was a word no entry uses (салемециз) and kept a Latin letter below the answer (dev_n).
        # Not before "i", which 2021 Latin writes for и, the loans' vowel: "derradikalizatsiya" (дерадикализация).
        latin = _KAZAKH_TS.sub("tс", latin)  # the Cyrillic с passes through the transliteration as it is
    return latin_to_cyrillic(latin)

"""How people here really type, folded into one comparable form.

Citizens write Kazakh without Kazakh letters, in the 2021 Latin alphabet or informal chat Latin, Russian in Latin
("skolko"), and Russian/Kazakh on an English keyboard layout ("crjkmrj"). The answer engine folds the knowledge base
and the question the same way, so all of these meet. Nothing here tries to reconstruct correct Cyrillic: a lossy,
consistent folding is enough for matching (see shared/reference/typing-in-kazakhstan.md).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from bot.answers import kazakh_grammar

# Kazakh-specific letters → Russian look-alikes; й → и and э → е, and ь/ъ dropped, because Latin typing merges or
# loses them ("skolko" must meet "сколько").
_KAZAKH_FOLD = str.maketrans("әғқңөұүһіїйёэ", "агкноуухиииее", "ьъ")
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# The letters of the 2021 Kazakh Latin alphabet that English and chat Latin never type: a word with one is Kazakh, as a
# word with a Kazakh Cyrillic letter is.
KAZAKH_LATIN_LETTERS = frozenset("äğıñöşūü")

# Latin look-alikes typed inside Cyrillic words (a phone keyboard switching mid-word).
_LATIN_LOOKALIKES = str.maketrans("aeopcxykmtbhi", "аеорсхукмтвни")

# Invisible characters that break tokens: zero-width spaces/joiners, soft hyphen, BOM, bidi marks.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
TOKEN = re.compile(r"[^\W_]+(?:[.,]\d+)?", re.UNICODE)
_CYRILLIC = re.compile("[а-яёәғқңөұүһі]")
_LATIN = re.compile("[a-zäğñöūüışçáéíóúýǵńà]")


def clean(text: str) -> str:
    """Unicode-normalise, lower-case and tidy a raw text; keeps the script as typed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text.casefold()).strip()


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def has_latin(text: str) -> bool:
    return _LATIN.search(text) is not None


def fold_cyrillic(text: str) -> str:
    """Kazakh letters → Russian look-alikes, ё → е, and stray Latin look-alikes inside Cyrillic words → Cyrillic."""
    text = text.translate(_KAZAKH_FOLD)
    if has_latin(text) and has_cyrillic(text):  # only a text of both scripts can have a word of both
        text = TOKEN.sub(_fix_mixed_word, text)
    return text


def _fix_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if has_cyrillic(word) and has_latin(word):
        return word.translate(_LATIN_LOOKALIKES)
    return word


# One lossy Latin → Cyrillic map that accepts the 2021 Kazakh alphabet, the 2017 (apostrophes) and 2018 (acutes)
# variants, and informal chat Latin for Kazakh and Russian. Longest sequences first.
_LATIN_SEQUENCES: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("tch", "тч"),  # скотч, матч: "tc" first read "skotch" as скоцх
    ("yo", "е"),
    ("jo", "е"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("ya", "я"),
    ("ja", "я"),
    ("ye", "е"),
    ("zh", "ж"),
    ("kh", "х"),
    ("gh", "г"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("tc", "ц"),
    ("a'", "а"),
    ("g'", "г"),
    ("n'", "н"),
    ("o'", "о"),
    ("u'", "у"),
    ("y'", "у"),
    ("s'", "ш"),
    ("c'", "ч"),
    ("i'", "и"),
    ("ä", "а"),
    ("á", "а"),
    ("à", "а"),
    ("ğ", "г"),
    ("ǵ", "г"),
    ("ñ", "н"),
    ("ń", "н"),
    ("ö", "о"),
    ("ó", "о"),
    ("ū", "у"),
    ("ü", "у"),
    ("ú", "у"),
    ("ý", "у"),
    ("ı", "и"),
    ("í", "и"),
    ("ş", "ш"),
    ("ç", "ч"),
    ("é", "е"),
    ("a", "а"),
    ("b", "б"),
    ("c", "ц"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("j", "ж"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("w", "в"),
    ("x", "кс"),
    ("y", "ы"),
    ("z", "з"),
)
# The sequences of two letters or more, by a pattern that tries them longest first; the single letters, by a table. The
# same text as one pattern of all of them (at a place where no sequence starts, that pattern took one letter and went
# on, as this one goes on past it), without a Python call per letter: 3-6× faster on a question, the translit reading
# of every Latin question (and the language detection's) was ~5% of its CPU.
_LATIN_PATTERN = re.compile("|".join(re.escape(src) for src, _ in _LATIN_SEQUENCES if len(src) > 1))
_LATIN_MAP = {src: dst for src, dst in _LATIN_SEQUENCES if len(src) > 1}
_LATIN_LETTERS = str.maketrans({src: dst for src, dst in _LATIN_SEQUENCES if len(src) == 1})


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Latin-script Kazakh or Russian to (folded) Cyrillic; other characters pass through."""
    return _LATIN_PATTERN.sub(lambda m: _LATIN_MAP[m.group(0)], text).translate(_LATIN_LETTERS)


# The Russian ЙЦУКЕН layout on an English keyboard, plus the Kazakh letters on the digit row of the Kazakh layout.
_LAYOUT_LETTERS = dict(zip("qwertyuiop[]asdfghjkl;'zxcvbnm,.`", "йцукенгшщзхъфывапролджэячсмитьбюё", strict=True))
_LAYOUT_DIGITS = dict(zip("234890-=", "әіңүұқөһ", strict=True)) | {"5": "ғ"}
_LAYOUT_WORD = re.compile(r"[a-z\[\];',.`0-9=\-]+")
# по-…, кое-…, …-то, …-либо, …-нибудь, …-таки typed on the Latin layout (gj-, rjt-, -nj, -kb,j, -ybve,elm, -nfrb)
_RU_HYPHENATED = re.compile(r"(?:gj|rjt)-[a-z\[\];',.`]+|[a-z\[\];',.`]+-(?:nj|kb,j|ybve,elm|nfrb)")


def flip_layout(text: str) -> str:
    """Read Latin keyboard characters as if the user had the Russian/Kazakh layout switched on.

    Digits are read as Kazakh letters only inside words that also have letters (``0fpf0cnfy`` = ``қазақстан``),
    so ``2019`` stays a year. Punctuation keys at a word's end stay punctuation unless the word has no letters.
    """
    return _LAYOUT_WORD.sub(_flip_word, text)


def _flip_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.isdigit():
        return word
    stripped = word.rstrip(".,")  # a comma/period right after a word is usually punctuation, not б/ю
    tail = word[len(stripped) :]
    if _LAYOUT_LETTER.search(stripped) is None:
        return stripped.translate(_LAYOUT_KEYS) + tail  # no letters: the digit-row keys stay digits and signs
    # Russian writes "по-английски", "кто-то", "кое-где" with a hyphen, which is the same key on the Russian layout:
    # a word whose only digit-row key is one hyphen between letters keeps it ("gj-fyukbqcrb" was "поөанглийски" and
    # met nothing: questions_dev_n). A Kazakh word with ө there has other digit-row letters around it, most often.
    # "-" and "=" are on the digit row too (ө, һ): "y-v3h3vl3" is "нөмірімді", not "н-мірімді".
    if "-" in stripped and _RU_HYPHENATED.fullmatch(stripped) is not None:
        return stripped.translate(_LAYOUT_KEYS_AND_DIGITS_BUT_HYPHEN) + tail
    return stripped.translate(_LAYOUT_KEYS_AND_DIGITS) + tail


# Each key's letter, by a table (a Python call per letter was half of the layout reading's cost); digits only in words.
_LAYOUT_LETTER = re.compile("[a-z]")
_LAYOUT_KEYS = str.maketrans(_LAYOUT_LETTERS)
_LAYOUT_KEYS_AND_DIGITS = str.maketrans(_LAYOUT_LETTERS | _LAYOUT_DIGITS)
_LAYOUT_KEYS_AND_DIGITS_BUT_HYPHEN = str.maketrans(
    {key: letter for key, letter in (_LAYOUT_LETTERS | _LAYOUT_DIGITS).items() if key != "-"}
)


def tokens(text: str) -> list[str]:
    """Words and numbers; a decimal comma is read as a point so 14,5 and 14.5 are the same token."""
    return [tok.replace(",", ".") for tok in TOKEN.findall(text)]


# --- Stemming ---------------------------------------------------------------------------------------------------

_RU_STEMMER = snowballstemmer.stemmer("russian")
_EN_STEMMER = snowballstemmer.stemmer("english")


# Irregular English forms Snowball leaves apart from their base ("wives" is not "wife", "brought" not "bring"): people
# write the plural or past tense the knowledge base has in another form. Not every verb: the tense of send/sent, see/
# saw, leave/left, find/found tells entries apart ("how do I send a tip" / "I sent it, now what?"); merged, dev sets en
# lost 5 right answers; this list gained 1 (479 -> 480, wrong 9 -> 8).
_EN_IRREGULAR = {
    form: base
    for base, forms in {
        "give": "gave given",
        "bring": "brought",
        "catch": "caught",
        "go": "went gone",
        "come": "came",
        "know": "knew known",
        "take": "took taken",
        "speak": "spoke spoken",
        "keep": "kept",
        "lose": "lost",
        "forget": "forgot forgotten",
        "hold": "held",
        "fight": "fought",
        "teach": "taught",
        "buy": "bought",
        "think": "thought",
        "wife": "wives",
        "child": "children",
        "man": "men",
        "woman": "women",
    }.items()
    for form in forms.split()
}


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The stem of one folded word in ``lang``; numbers are kept whole.

    English and Russian: Snowball. pymorphy3's Russian lemmas and simplemma's English lemmas were measured in its
    place and as a fallback for unknown forms (docs/benchmarks.md): none answered more questions rightly on the
    tuning sets, so Snowball stays. Kazakh: the grammar of bot/answers/kazakh_grammar.py.
    """
    if word[0].isdigit():
        return word
    if lang == "en":
        return str(_EN_STEMMER.stemWord(_EN_IRREGULAR.get(word, word)))  # snowballstemmer has no type hints
    if lang == "ru":
        # Snowball undoubles "нн", so "странные" (strange) became "стран", the stem of "страна" (a country): kept apart.
        if word.startswith("странн"):
            return "странн"
        return str(_RU_STEMMER.stemWord(word))
    return kazakh_grammar.stem(word)

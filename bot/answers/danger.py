"""Does a message signal immediate danger? A lexicon of how danger is written, and a small trained classifier.

Why both: a word list alone cannot tell "взорвёт школу" from "цены взорвались", and a classifier trained on a few
hundred messages alone misses a weapon it never saw named. So:

1. ``DangerLexicon`` (knowledge/danger/lexicon.yaml) reads the message in every way it may have been typed (the
   readings of bot/answers/text_folding.py) and names the groups that occur: weapon, explosion, shooting, hostage,
   arson, attack, abduction, device, and the cues around them (an abandoned object, "now", a place, an intent,
   harmless contexts such as games, films, holidays, prices).
2. ``DangerModel`` is a logistic regression over character n-grams, word starts and those groups, trained by
   ``hotline danger build`` (bot/answers/danger_training.py) on knowledge/danger/corpus/ and shipped as plain text
   (knowledge/danger/model.tsv: one feature and its weight per line, reviewable, no pickle). Scoring here is a sum
   of weights: no scikit-learn at run time.
3. The decision: the lexicon puts a message in a tier (``tier``: a danger word with a cue such as "now" or a place
   and no harmless context; any danger word; nothing) and each tier has its own probability threshold, chosen by
   the build on data (the corpus' cross-validated probabilities), favouring recall: missing a real emergency
   costs far more than a needless "call 112" notice.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.answers.readings import readings
from bot.answers.text_folding import (
    KAZAKH_LATIN_LETTERS,
    clean,
    fold_cyrillic,
    has_cyrillic,
    latin_to_cyrillic,
    tokens,
)

LEXICON_FILE = "danger/lexicon.yaml"
MODEL_FILE = "danger/model.tsv"
LANGUAGE_KEYS = ("kk", "ru", "en")
MAX_CHARS = 4096  # Telegram's longest message; anything longer is read up to here
CHAR_NGRAMS = (3, 4, 5)
WORD_START = 5  # a word's first letters stand for the word in every inflection (a crude, language-free stem)
CUE_GROUPS = frozenset(
    {"now", "place", "intent", "abandoned", "object", "device", "bomb_parts", "sickness", "someone_close", "at_people"}
)
# A danger aimed at people ("pointing his hunting rifle at kids", "стреляет по посетителям в тире") is not made
# harmless by the setting where such weapons are ordinary: hunting and ranges, weddings, kitchens, a question.
# Games, films, news, the past, the imagined and everyday temper still are (a film's shoot-out is aimed at people
# too; a boss who "всех перестреляет" if the report is late).
AT_PEOPLE = "at_people"
POISONING = "poisoning"
BOMB_PARTS = "bomb_parts"
OVERRIDDEN_BY_AT_PEOPLE = frozenset({"context_sport", "context_celebration", "context_kitchen", "context_question"})
CONTEXT_PREFIX = "context_"
# Leaving to fight abroad is urgent only while the departure is under way (a flight tonight, a taxi to the border):
# talk of going some day, or of someone who went years ago, is an ordinary report (the corpus has both kinds).
LEAVING_TO_FIGHT = "fighting_abroad"
DEPARTURE_NOW = (frozenset({"departure"}), frozenset({"now", "soon"}))
# Other countries are a harmless context for an explosion (news) but the destination of a departure to fight.
NOT_MASKING_DEPARTURE = frozenset({"context_abroad"})
GAP = "~"  # in a lexicon item: up to three other words here ("blow ~ up" = "blow the mall up")
LAUGHTER = frozenset("😂🤣😆😅😁😄😜🙈")
# A danger word in a message of at most this many words is a cry for help ("взрыв!", "shots fired", "атыс болды"):
# harmless uses of the same words come with the words that make them harmless ("нож для хлеба", "бомба ән").
# Without this cue the corpus' cross-validation missed 6 of its 11 short dangers (their few features left the
# probability near the intercept's).
SHORT_WORDS = 4
# Something seen again and again, night after night: a pattern to report, not a danger under way. Read on the
# folded as-typed and Cyrillic readings (no soft sign: "ночь" is "ноч"; Latin Kazakh "kun saiyn" is "кун саиын").
# Only a message the lexicon read no danger in is moved by it (the `ordinary` tier's row is below every danger row).
HABITUAL = re.compile(
    r"\b(?:every|each)\s+(?:night|evening|day|morning|week|weekend|friday|saturday|sunday)\b|\bnightly\b"
    r"|\bкажд(?:ую|ый|ое|ые)\s+(?:ноч|вечер|ден|утр|недел|выходн|пятниц|суббот|воскрес)"
    r"|\bпо\s+(?:ночам|вечерам|выходным|пятницам|субботам)\b"
    r"|\b(?:кун|тун|кеш|апта|жума)\s+саиын\b|\bар\s+(?:тун|кеш|кун)\w*"
)
SHORT_ITEM = 3  # lexicon items of at most this many letters are not looked for in English read as Cyrillic
# A harmless context that the message denies is no context: "это не учения", "this is not a drill", "no joke",
# "ойын емес" (Kazakh negates after the word). Before this, such dangers fell into the candidate tier (docs/danger.md).
NEGATED_BEFORE = ("не ", "not ", "not a ", "not the ", "no ", "isnt ", "isnt a ", "isn t a ", "никакой ", "никакие ")
# A harmless context named only as a comparison is no context either: "хлопки как от петард, но это походу не
# петарды", "sounded like firecrackers but its not new year", "петарда сияқты дыбыстар" (dev_k missed a shooting
# so; the seventh session's probes had two more at 0.46-0.48). The words as folded (это -> ето). Not "как" alone
# ("как салют запускают?") nor "like" alone ("i'd like a permit").
COMPARED_BEFORE = (
    "как от ", "как будто ", "будто ", "словно ", "похоже на ", "похожи на ", "хлопки как ", "хлопок как ",
    "звук как ", "звуки как ", "подумал ", "подумала ", "подумали ", "думал ", "думала ", "думали ",
    "подумал что ", "подумали что ", "думал что ", "думали что ", "подумал что ето ", "подумали что ето ",
    "думал что ето ", "думали что ето ", "sounded like ", "sounds like ", "sound like ", "sounding like ",
    "sounded like a ", "sounds like a ", "bangs like ", "noise like ", "noises like ", "pops like ",
    "thought it was ", "thought it was a ", "thought they were ", "i thought ",
)  # fmt: skip
# "әзілге ұқсамайды" (does not look like a joke) denies the joke (a dev_g threat drifted under its bar without it).
NEGATED_AFTER = r"(?!\w* (?:(?:емес|emes|сиякты|сиакты|таризди|секилди|сыкылды)(?!\w)|уксас|уксаи|уксама|деп оила))"


class DangerDataError(Exception):
    """knowledge/danger is missing or malformed; the message names the file and the fix."""


# --- reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readings:
    """A message as tokens joined by single spaces, in each of the ways it may have been typed."""

    as_typed: str  # folded Cyrillic where Cyrillic was typed; Latin stays Latin
    as_cyrillic: str | None  # Latin read as Kazakh/Russian Cyrillic (translit, Latin Kazakh)
    as_layout: str | None  # Latin keys read as the Russian/Kazakh keyboard layout
    laughter: bool
    as_kazakh_latin: str | None = None  # Latin Kazakh where "ja" is жа, not я (jarylys, jatyr)
    question: bool = False  # a "?" (harmless messages are often questions about the law, figures, films…)
    exclamation: bool = False  # "!" (calls for help often have them)
    short: bool = False  # a few words only: "взрыв!", "shots fired", "кепілге алды" — a cry, not a sentence
    english: bool = False  # Latin text that is English: its Cyrillic readings match only the lexicon's longer items
    habitual: bool = False  # a pattern seen again and again ("every night", "по ночам", "күн сайын"): a tip, not now

    @property
    def texts(self) -> list[str]:
        return [r for r in (self.as_typed, self.as_cyrillic, self.as_layout, self.as_kazakh_latin) if r]


def read(text: str) -> Readings:
    """The readings of bot/answers/readings.py, plus one for Latin Kazakh, as space-joined tokens."""
    cleaned = clean(text[:MAX_CHARS])
    found = readings(cleaned)
    as_typed = next((r.text for r in found if not r.retyped and r.script == "cyrillic"), None)
    as_typed = as_typed if as_typed is not None else next((r.text for r in found if not r.retyped), cleaned)
    retyped = [r.text for r in found if r.retyped]
    as_cyrillic = _joined(retyped[0]) if retyped else None
    # Kazakh Latin letters (ä, ğ, ı, ñ, ö, ş, ū, ü…) are typed on purpose, never by a wrong keyboard layout: read as
    # that layout, "otyrmyz" was щенкня and met "щенк" (a puppy, an everyday context) in dev_u's "atys boldy …".
    wrong_layout = len(retyped) > 1 and not KAZAKH_LATIN_TYPED.intersection(cleaned)
    as_layout = _joined(retyped[1]) if wrong_layout else None
    as_kazakh_latin = None
    if as_cyrillic is not None and "j" in cleaned:
        as_kazakh_latin = _joined(fold_cyrillic(latin_to_cyrillic(cleaned.replace("j", "zh"))))
    as_typed_joined = _joined(as_typed)
    return Readings(
        as_typed_joined,
        as_cyrillic,
        as_layout,
        any(ch in LAUGHTER for ch in text[:MAX_CHARS]),
        as_kazakh_latin,
        question="?" in cleaned,
        exclamation="!" in cleaned,
        short=len(as_typed_joined.split()) <= SHORT_WORDS,
        english=_english(cleaned),
        habitual=any(HABITUAL.search(reading) for reading in (as_typed_joined, as_cyrillic) if reading),
    )


# English function words that Latin Kazakh and Russian translit do not use ("a", "i", "on", "men", "bar" they do).
# fmt: off
ENGLISH_WORDS = frozenset({
    "the", "is", "are", "was", "were", "be", "been", "with", "there", "someone", "somebody", "my", "his", "her",
    "their", "they", "he", "she", "we", "you", "and", "of", "to", "at", "in", "near", "from", "has", "have", "had",
    "just", "this", "that", "it", "an", "people", "man", "guy", "its", "im", "dont", "cant",
})
# fmt: on
SURELY_ENGLISH = frozenset({"the", "there", "someone", "somebody", "with", "people"})  # one is enough


# The 2021 alphabet's letters (text_folding) and the 2018 alphabet's acute ones: typed on purpose, never by a layout.
KAZAKH_LATIN_TYPED = KAZAKH_LATIN_LETTERS | frozenset("áǵńóúý")


def _english(text: str) -> bool:
    """Latin text that is English, not Latin Kazakh or translit. Read as Cyrillic, its short words matched short
    Kazakh ones ("an" is ән "song", "yet" is ет "meat") and put games and kitchens into "An armed man ran into the
    cafe" (9 dangers of the corpus were pushed out of the strong tier so); its longer words still may be translit
    ("a guy with a stvol near the school")."""
    if has_cyrillic(text):
        return False
    words = tokens(text.lower())
    return sum(word in ENGLISH_WORDS for word in words) >= 2 or any(word in SURELY_ENGLISH for word in words)


def _joined(text: str) -> str:
    return " ".join(tokens(text))


# --- the lexicon --------------------------------------------------------------------------------------------------


def _fold_item(item: str) -> list[str]:
    """An item's words, folded like the text; a trailing "=" (whole word) is kept on its word."""
    words = []
    for raw in item.split():
        if raw == GAP:
            words.append(GAP)
            continue
        whole = raw.endswith("=")
        parts = tokens(fold_cyrillic(clean(raw.rstrip("="))))
        if not parts:
            continue
        if whole:
            parts[-1] += "="
        words.extend(parts)
    return words


def _item_pattern(words: list[str]) -> str:
    pattern = ""
    for n, word in enumerate(words):
        if word == GAP:
            pattern += r"(?:\w+ ){0,3}"
            continue
        pattern += re.escape(word[:-1]) + r"(?!\w)" if word.endswith("=") else re.escape(word) + r"\w*"
        if n < len(words) - 1:
            pattern += " "
    return pattern


@dataclass(frozen=True)
class _Group:
    name: str
    signal: bool  # on its own, enough to lower the classifier's threshold
    pattern: re.Pattern[str]
    long_pattern: re.Pattern[str] | None  # its items of more than SHORT_ITEM letters (None: it has none)
    denied_before: tuple[str, ...] = ()  # a match right after one of these does not count ("не учения")

    def found(self, pattern: re.Pattern[str] | None, text: str) -> bool:
        if pattern is None:
            return False
        if not self.denied_before:
            return pattern.search(text) is not None
        # Checked on each match rather than as ~50 lookbehinds at every word start of the pattern: those cost the
        # whole recogniser half again (bench/danger_recognition.py, eighth session); the decisions are the same.
        position = 0
        while (match := pattern.search(text, position)) is not None:
            if not text.endswith(self.denied_before, 0, match.start()):
                return True
            position = match.start() + 1
        return False


class DangerLexicon:
    def __init__(self, groups: list[_Group]) -> None:
        self.groups = groups
        self.signal_groups = frozenset(g.name for g in groups if g.signal)

    @classmethod
    def from_mapping(cls, raw: object, source: str = LEXICON_FILE) -> DangerLexicon:
        if not isinstance(raw, dict) or not raw:
            raise DangerDataError(f"{source}: must map group names to {{signal, kk, ru, en, except}}")
        groups = []
        for name, spec in raw.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("signal"), bool):
                raise DangerDataError(f"{source}: {name}: needs 'signal: true|false' and word lists kk/ru/en")
            items: list[str] = []
            for key in (*LANGUAGE_KEYS, "except"):
                words = spec.get(key, [])
                if not isinstance(words, list) or not all(isinstance(w, str | int) for w in words):
                    raise DangerDataError(f"{source}: {name}.{key}: must be a list of words")
                if key != "except":
                    items += [str(w) for w in words]
            alternatives = sorted({_item_pattern(w) for w in map(_fold_item, items) if w}, key=len, reverse=True)
            excluded = sorted({_item_pattern(w) for w in map(_fold_item, map(str, spec.get("except", []))) if w})
            if not alternatives:
                raise DangerDataError(f"{source}: {name}: has no words")
            guard = f"(?!(?:{'|'.join(excluded)}))" if excluded else ""
            after = ""
            denied_before: tuple[str, ...] = ()
            if str(name).startswith(CONTEXT_PREFIX):
                denied_before = NEGATED_BEFORE + COMPARED_BEFORE
                after = NEGATED_AFTER
            pattern = re.compile(rf"(?<!\w){guard}(?:{'|'.join(alternatives)}){after}")
            long_items = [w for w in map(_fold_item, items) if w and len("".join(w).strip(GAP + "=")) > SHORT_ITEM]
            longer = sorted({_item_pattern(w) for w in long_items}, key=len, reverse=True)
            long_pattern = re.compile(rf"(?<!\w){guard}(?:{'|'.join(longer)}){after}") if longer else None
            groups.append(_Group(str(name), spec["signal"], pattern, long_pattern, denied_before))
        return cls(groups)

    @classmethod
    def load(cls, knowledge_dir: Path) -> DangerLexicon:
        path = knowledge_dir / LEXICON_FILE
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise DangerDataError(f"{path}: cannot be read ({type(error).__name__}); restore it from git") from None
        return cls.from_mapping(raw, str(path))

    def groups_in(self, readings: Readings) -> frozenset[str]:
        if not readings.english:
            texts = readings.texts
            return frozenset(g.name for g in self.groups if any(g.found(g.pattern, t) for t in texts))
        retyped = readings.texts[1:]
        return frozenset(
            g.name
            for g in self.groups
            if g.found(g.pattern, readings.as_typed) or any(g.found(g.long_pattern, t) for t in retyped)
        )


# --- features and the model -----------------------------------------------------------------------------------------


def features(readings: Readings, groups: Iterable[str]) -> list[str]:
    """The classifier's features of one message: binary, so a list of names (the build and scoring share it)."""
    found: set[str] = set()
    for prefix, reading in (("t", readings.as_typed), ("c", readings.as_cyrillic)):
        if not reading:
            continue
        words = reading.split()
        for word in words:
            found.add(f"w:{word[:WORD_START]}")
            padded = f" {word} "
            for n in CHAR_NGRAMS:
                found.update(f"{prefix}{n}:{padded[i : i + n]}" for i in range(len(padded) - n + 1))
        found.update(f"b:{a[:WORD_START]}_{b[:WORD_START]}" for a, b in itertools.pairwise(words))
    group_list = sorted(groups)
    found.update(f"g:{g}" for g in group_list)
    found.update(f"g:{a}+{b}" for i, a in enumerate(group_list) for b in group_list[i + 1 :])
    if readings.laughter:
        found.add("x:laughter")
    if readings.question:
        found.add("x:question")
    if readings.exclamation:
        found.add("x:exclamation")
    if readings.short:
        found.add("x:short")
        found.update(f"s:{g}" for g in group_list)
    return sorted(found)


def feature_values(names: Iterable[str]) -> list[tuple[str, float]]:
    """Each feature's value: all of a message's features share a unit length, so a long message is not more
    dangerous for being long (the build and scoring share this)."""
    names = list(names)
    scale = 1 / math.sqrt(len(names)) if names else 0.0
    return [(name, scale) for name in names]


TIERS = ("strong", "candidate", "none", "ordinary")


# Facts about a message that the tier table reads beside the lexicon's groups.
SOME_DANGER = "+danger"  # some danger group (weapon, explosion, …)
SEVERAL_DANGERS = "+several_dangers"  # two danger groups or more: each is the other's cue
SHORT_MESSAGE = "+short"  # a cry of a few words ("взрыв!")
LAUGHING = "+laughter"
HABITUAL_FACT = "+habitual"  # a pattern seen again and again (HABITUAL)
SOME_CONTEXT = "+context"  # a harmless context, after the contexts a danger overrides are set aside


@dataclass(frozen=True)
class ContextOverride:
    """A harmless context that is no context for a kind of danger: set aside before the tier table is read."""

    ignored: frozenset[str]
    needs: frozenset[str] = frozenset()  # all of these groups (or facts)
    only_danger: str | None = None  # the message's one danger group

    def applies(self, facts: set[str] | frozenset[str], danger: frozenset[str]) -> bool:
        return facts >= self.needs and (self.only_danger is None or danger == {self.only_danger})


@dataclass(frozen=True)
class TierRule:
    """A row of the tier table: the first row that applies to a message gives its tier."""

    gives: str
    needs: tuple[frozenset[str], ...] = ()  # each: at least one of these groups or facts
    lacks: frozenset[str] = frozenset()  # none of these
    only_danger: str | None = None  # the message's one danger group
    strong_with: frozenset[str] | None = None  # `gives` only with one of these cues, else `otherwise`
    otherwise: str | None = None  # the tier when a harmless context or laughter masks it or a cue is missing;
    # None: nothing masks this row
    not_masking: frozenset[str] = frozenset()  # contexts that do not mask this row
    laughter_masks_targets: bool = False  # laughter masks it even when the danger is aimed at people

    def applies(self, facts: frozenset[str], danger: frozenset[str]) -> bool:
        if self.only_danger is not None and danger != {self.only_danger}:
            return False
        return all(facts & needed for needed in self.needs) and not facts & self.lacks

    def decide(self, facts: frozenset[str]) -> str:
        if self.otherwise is None:
            return self.gives
        laughing = LAUGHING in facts and (self.laughter_masks_targets or AT_PEOPLE not in facts)
        masked = _harmless_context(facts - self.not_masking) or laughing
        cued = self.strong_with is None or bool(facts & self.strong_with)
        return self.gives if cued and not masked else self.otherwise


def _groups(*names: str) -> frozenset[str]:
    return frozenset(names)


MARKETS = "context_markets"  # stocks, shares, crypto, prices that "shot up"

CONTEXT_OVERRIDES = (
    # A danger aimed at people ("pointing his hunting rifle at kids", "стреляет по посетителям в тире") is not made
    # harmless by the setting where such weapons are ordinary (the first round's probes missed one so).
    ContextOverride(OVERRIDDEN_BY_AT_PEOPLE, needs=_groups(AT_PEOPLE, SOME_DANGER)),
    # Poison goes where food is: a kitchen, a pot, a canteen are its scene, not a context.
    ContextOverride(_groups("context_kitchen"), only_danger=POISONING),
    # A charge with shrapnel gathered ("a pressure cooker full of nails … keeps talking about the parade") is a bomb
    # whatever the setting: a parade or a kitchen is its target or its casing, not a harmless context.
    ContextOverride(_groups("context_celebration", "context_kitchen"), needs=_groups(BOMB_PARTS)),
    # Something left by a crowd with a danger sign ("a van left next to the parade crowd, smoke coming out the back,
    # driver ran off": dev_j): the parade or the holiday is the crowd it is left at, not a harmless setting.
    ContextOverride(_groups("context_celebration"), needs=_groups("abandoned", SOME_DANGER)),
    # Nor for a bag nobody claims at a festival or a parade ("a backpack nobody's claimed … next to the stage at the
    # city day festival, crowds everywhere": dev_v, a candidate at 0.47 under the holiday's mask): a crowd at a
    # holiday is where such a bag is left. Lost bags handed in have their own context (`context_everyday`).
    ContextOverride(_groups("context_celebration"), needs=_groups("abandoned", "object")),
    # Markets that "shot up" are no context for a weapon, people aimed at or a sign of danger ("a bomb in his
    # backpack by the stock exchange", "birzha janynda atys, adamdar jerde jatyr": the ninth session's probes).
    *(
        ContextOverride(_groups(MARKETS), needs=_groups(sign, SOME_DANGER))
        for sign in ("weapon", AT_PEOPLE, "threat_signs")
    ),
)

ABANDONED_OBJECT = (_groups("abandoned"), _groups("object"))
SUSPICIOUS_PEOPLE = "suspicious_people"  # "suspicious" said of them: an ordinary tip, the classifier alone decides
OBJECT_ALARM_CUES = _groups("place", "now", "device")
RESOLVED = "context_resolved"  # "оказалась чья-то сменка", "all clear": the alarm is over
PLOT_TALK = "plot_talk"
DRONE = "drone"
PAYLOAD = "payload"  # something hanging, tied or carried under it, or over a crowd
LESSON = "context_lesson"  # a lesson, talk or lecture on safety: the bag is its topic

TIER_RULES = (
    # Leaving to fight abroad with the departure under way ("брат сейчас в аэропорту, улетает воевать"): other
    # countries are its destination, not a context.
    TierRule(
        "strong",
        only_danger=LEAVING_TO_FIGHT,
        needs=DEPARTURE_NOW,
        otherwise="candidate",
        not_masking=NOT_MASKING_DEPARTURE,
        laughter_masks_targets=True,
    ),
    # Talk of going, recruiting, a return years ago: an ordinary report of extremism, the classifier alone decides
    # at its high bar.
    TierRule("ordinary", only_danger=LEAVING_TO_FIGHT),
    # A bag or an evacuation over one, and the message says the alarm is over ("turned out to be someone's gym bag,
    # all clear"): an account of what happened, the classifier alone decides at its highest bar. As `candidate` it
    # was flagged at 0.54 (the fifth session's open false alarm); no danger of the corpus has these words.
    TierRule(
        "ordinary", needs=(_groups(RESOLVED), _groups("object", "abandoned", "suspicious")), lacks=_groups(AT_PEOPLE)
    ),
    # An unattended bag that smells of petrol or ticks: a question ("куда звонить?") or children playing beside it
    # are the scene, not a harmless context (dev_f missed one so). Unless the message says the alarm is over ("the
    # bag turned out to be someone's gym kit, all fine now": dev_g), or the bag is a lesson's topic ("the bomb squad
    # gave a talk at school about unattended bags": the sixth session's probes).
    TierRule("strong", needs=(_groups(SOME_DANGER), *ABANDONED_OBJECT), lacks=_groups(LAUGHING, RESOLVED, LESSON)),
    # A harmless setting told with laughter ("на свадьбе дядя пальнул в воздух 😂"): no danger of the corpus or the
    # dev sets has laughter; the classifier alone decides at its highest bar.
    TierRule(
        "ordinary", needs=(_groups(SOME_DANGER), _groups(LAUGHING), _groups(SOME_CONTEXT)), lacks=_groups(AT_PEOPLE)
    ),
    # A danger word with a cue ("now", a place, a second danger, a cry of a few words…) and no harmless context.
    TierRule(
        "strong",
        needs=(_groups(SOME_DANGER),),
        strong_with=CUE_GROUPS | {SEVERAL_DANGERS, SHORT_MESSAGE},
        otherwise="candidate",
    ),
    # "A bag without its owner" / "a suspicious box": at a station, now, it is the classic alarm ("suspicious" people
    # gathering at a neighbour's are an ordinary tip: the classifier alone decides those).
    TierRule("strong", needs=ABANDONED_OBJECT, strong_with=OBJECT_ALARM_CUES, otherwise="candidate"),
    TierRule(
        "strong",
        needs=(_groups("suspicious"), _groups("object")),
        lacks=_groups(SUSPICIOUS_PEOPLE),
        strong_with=OBJECT_ALARM_CUES,
        otherwise="candidate",
    ),
    # A drone or a copter with something hanging under it over a crowd ("коптер летает с какой-то хренью под
    # брюхом, матч идёт": dev_k; "a quadcopter with a box tied to it over the bazaar": the seventh session's
    # probes, 0.57-0.66 in the none tier): no danger word, the payload is the sign. A drone alone (a wedding
    # filmed, a drone show) is not.
    TierRule("strong", needs=(_groups(DRONE), _groups(PAYLOAD)), strong_with=OBJECT_ALARM_CUES, otherwise="candidate"),
    # Someone else's talk, overheard or told, that it is set for today ("телефонмен «бүгін бастаймыз, бәрі дайын»
    # деп сөйлесті") and a bag taken to a crowded place: a plot told without a danger word (dev_g's taxi driver);
    # the classifier decides at the candidate tier's bar. Not one's own "всё готово, начинаем" (a concert crew).
    TierRule(
        "candidate",
        needs=(_groups(PLOT_TALK), _groups("intent"), _groups("object"), _groups("place", "now")),
        otherwise="none",
    ),
    # Suspicious people seen at a neighbour's, gathering, carrying things at night ("suspicious" said of people, no
    # danger word): an ordinary tip, as the three rows above that give `ordinary`.
    TierRule("ordinary", needs=(_groups(SUSPICIOUS_PEOPLE),)),
    # A pattern seen night after night with no danger word ("a minibus comes every night and men carry boxes in"):
    # an ordinary tip too; at the none tier's 0.5 it was flagged (0.57).
    TierRule("ordinary", needs=(_groups(HABITUAL_FACT),)),
)


def tier(
    groups: frozenset[str],
    signal_groups: frozenset[str],
    *,
    short: bool = False,
    laughter: bool = False,
    habitual: bool = False,
) -> str:
    """What the lexicon alone says, before the classifier weighs the message (the first row of ``TIER_RULES``
    that applies; none: ``none``):

    - ``strong``: a danger group together with a cue (now, a place, an intent, an object, a device, people falling
      ill, someone close, a second danger group, or nothing else but a few words: a cry such as "взрыв!"), and no
      harmless context (a game, a film, a price, a holiday, a question about figures, a past or imagined event…)
      that the message does not deny ("это не учения"); an abandoned object at a place or now, without harmless
      context, is strong too;
    - ``candidate``: any other danger group or abandoned object;
    - ``ordinary``: what the table itself calls an ordinary report (talk of leaving to fight, an alarm said to be
      over, a harmless setting told with laughter, suspicious people): the classifier alone decides, at its highest
      bar;
    - ``none``: nothing of the kind read (the classifier alone may still flag it: a new wording of danger lands here).

    Laughter counts as a harmless context ("әпкем мені атып тастаймын деп айқайлады 😂"). Leaving to fight abroad
    is a danger only with a departure under way, now or soon (then other countries do not mask it); without one it
    is an ordinary report of extremism (``ordinary``).
    """
    danger = groups & signal_groups
    facts = set(groups)
    facts.update(
        fact
        for fact, holds in (
            (SOME_DANGER, bool(danger)),
            (SEVERAL_DANGERS, len(danger) > 1),
            (SHORT_MESSAGE, short),
            (LAUGHING, laughter),
            (HABITUAL_FACT, habitual),
        )
        if holds
    )
    for override in CONTEXT_OVERRIDES:
        if override.applies(facts, danger):
            facts -= override.ignored
    if _harmless_context(frozenset(facts)):
        facts.add(SOME_CONTEXT)
    found = frozenset(facts)
    return next((rule.decide(found) for rule in TIER_RULES if rule.applies(found, danger)), "none")


def reading_tier(readings: Readings, groups: frozenset[str], signal_groups: frozenset[str]) -> str:
    """``tier`` of a message as ``read`` read it: its groups with the readings' own cues (short, laughter, habitual)."""
    return tier(
        groups,
        signal_groups,
        short=readings.short,
        laughter=readings.laughter,
        habitual=readings.habitual,
    )


def _harmless_context(groups: frozenset[str]) -> bool:
    return any(g.startswith(CONTEXT_PREFIX) for g in groups)


@dataclass(frozen=True)
class Decision:
    """How sure the classifier must be to flag a message, by the lexicon's tier (chosen by the build on data)."""

    thresholds: dict[str, float]

    def urgent(self, probability: float, tier_: str) -> bool:
        return probability >= self.thresholds[tier_]


class DangerModel:
    def __init__(self, weights: dict[str, float], intercept: float, decision: Decision) -> None:
        self.weights = weights
        self.intercept = intercept
        self.decision = decision

    def probability(self, names: Iterable[str]) -> float:
        weights = self.weights
        z = self.intercept + sum(weights.get(name, 0.0) * value for name, value in feature_values(names))
        return 1 / (1 + math.exp(-max(min(z, 50.0), -50.0)))

    @classmethod
    def parse(cls, text: str, source: str = MODEL_FILE) -> DangerModel:
        header: dict[str, float] = {}
        weights: dict[str, float] = {}
        for number, line in enumerate(text.splitlines(), 1):
            if not line or line.startswith("#"):
                if line.startswith("#:"):
                    key, _, value = line[2:].strip().partition("=")
                    try:
                        header[key.strip()] = float(value)
                    except ValueError:
                        raise DangerDataError(f"{source}:{number}: bad header line; rebuild it") from None
                continue
            name, sep, value = line.rpartition("\t")
            try:
                weights[name] = float(value)
            except ValueError:
                raise DangerDataError(f"{source}:{number}: expected FEATURE<TAB>WEIGHT; rebuild it") from None
            if not sep:
                raise DangerDataError(f"{source}:{number}: expected FEATURE<TAB>WEIGHT; rebuild it")
        missing = {"intercept", *(f"threshold_{t}" for t in TIERS)} - header.keys()
        if missing:
            raise DangerDataError(f"{source}: header lacks {', '.join(sorted(missing))}; run `hotline danger build`")
        return cls(weights, header["intercept"], Decision({t: header[f"threshold_{t}"] for t in TIERS}))

    @classmethod
    def load(cls, knowledge_dir: Path) -> DangerModel:
        path = knowledge_dir / MODEL_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            raise DangerDataError(f"{path}: missing; run `hotline danger build` to create it") from None
        return cls.parse(text, str(path))


# --- the recogniser -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    urgent: bool
    probability: float
    groups: frozenset[str]  # lexicon groups found (for tests and `hotline danger eval`; never logged with text)


class DangerRecogniser:
    """``urgent(text)``: whether a message signals immediate danger (the 112/102 notice, the urgent flag).

    Assessments are kept for the last ``cache_size`` texts, as the answer engine keeps its answers: citizens ask
    the same questions again and again, and reading a message costs 0.4–0.8 ms (its readings, the lexicon's
    patterns, the model's features), which was the largest single cost of a repeated question in the bot
    (docs/benchmarks.md, issue 13). An assessment depends on the text alone, so a kept one is the same decision.
    """

    def __init__(self, lexicon: DangerLexicon, model: DangerModel, *, cache_size: int = 4096) -> None:
        self.lexicon = lexicon
        self.model = model
        self._cached_assess = lru_cache(maxsize=cache_size)(self._assess)

    @classmethod
    def load(cls, knowledge_dir: Path) -> DangerRecogniser:
        return cls(DangerLexicon.load(knowledge_dir), DangerModel.load(knowledge_dir))

    def assess(self, text: str) -> Assessment:
        # Keyed by what is read (the first MAX_CHARS characters): a longer text is the same message to the reader.
        return self._cached_assess(text[:MAX_CHARS])

    def _assess(self, text: str) -> Assessment:
        readings = read(text)
        if not readings.as_typed.strip():
            # Nothing to read (an empty form field, only spaces or punctuation): the classifier would score its
            # intercept and the short-message feature alone, 0.62, over the none tier's 0.5 (the web form's first
            # empty submission was flagged so, and the flag stays for the draft).
            return Assessment(False, 0.0, frozenset())
        groups = self.lexicon.groups_in(readings)
        probability = self.model.probability(features(readings, groups))
        tier_ = reading_tier(readings, groups, self.lexicon.signal_groups)
        return Assessment(self.model.decision.urgent(probability, tier_), round(probability, 4), groups)

    def urgent(self, text: str) -> bool:
        return self.assess(text).urgent

    def found_in(self, text: str) -> bool:
        """The old EmergencyWords interface."""
        return self.assess(text).urgent

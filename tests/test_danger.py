"""Danger recognition: the lexicon's grammar (inflections, every way of typing), the classifier's build, and the
figures on the labelled sets of two independent writers (tests/sets; the holdout's failures are never printed)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.answers import danger_training
from bot.answers.danger import (
    MAX_CHARS,
    DangerDataError,
    DangerLexicon,
    DangerModel,
    DangerRecogniser,
    read,
    reading_tier,
    tier,
)
from bot.cli import main

PROJECT = Path(__file__).resolve().parents[1]
KNOWLEDGE = PROJECT / "knowledge"
SETS = PROJECT / "tests" / "sets"


@pytest.fixture(scope="module")
def lexicon() -> DangerLexicon:
    return DangerLexicon.load(KNOWLEDGE)


@pytest.fixture(scope="module")
def danger() -> DangerRecogniser:
    return DangerRecogniser.load(KNOWLEDGE)


@pytest.fixture(scope="module")
def tier_of(lexicon: DangerLexicon) -> Callable[[str], str]:
    """The lexicon's tier of a message, with its readings' shortness and laughter, as the recogniser reads it."""

    def of(text: str) -> str:
        return reading_tier(read(text), groups(lexicon, text), lexicon.signal_groups)

    return of


def groups(lexicon: DangerLexicon, text: str) -> frozenset[str]:
    return lexicon.groups_in(read(text))


# --- the lexicon: inflections and typings -------------------------------------------------------------------------

INFLECTIONS = {
    "explosion": [
        # Russian verbs in their aspects, tenses and persons, translit and the wrong keyboard layout
        "взорвать",
        "взорвёт",
        "взорвет",
        "взорвут",
        "взорвали",
        "взорву",
        "взрыв",
        "взрывом",
        "подорвать",
        "подорвали",
        "рванёт",
        "заминировали",
        "explotion",  # misspelt
        "рвануло",
        "vzorvut",
        "vzryv",
        "dpjhdtn",  # взорвет on an English layout
        # Kazakh: жару / жарылу and their forms, with and without Kazakh letters, 2021 and chat Latin
        "жарылыс",
        "жарылды",
        "жарылғыш",
        "жарылгыш",
        "жарып жіберемін",
        "жарып жиберем",
        "jarylys",
        "zharylys boldy",
        "jaryp jiberemin",
        # English
        "explosion",
        "exploded",
        "blew up",
        "blow the mall up",
        "blowing up",
        "detonated",
    ],
    "shooting": [
        "стреляют",
        "стрельба",
        "стрелял",
        "перестреляю",
        "выстрелы",
        "strelyayut",
        "strelba",
        "cnhtkz.n",  # стреляют on an English layout
        "атып жатыр",
        "атыпты",
        "атылды",
        "атыс",
        "атамын",
        "atyp jatyr",
        "atyldy",
        "атқылап",
        "shooting",
        "shots fired",
        "shooter",
        "gunfire",
    ],
    "hostage": [
        "заложники",
        "заложников",
        "zalozhnikov",
        "захватили",
        "кепілге алды",
        "кепилге алынды",
        "kepilge aldy",
        "kepılge",
        "қамап алды",
        "hostages",
        "took hostage",
        "locked inside",
        # hiding from someone
        "прячемся",
        "тығылып отырмыз",
        "tygylyp otyrmyz",
        "we are hiding in",
    ],
    "weapon": [
        "пистолет",
        "пистолетом",
        "pistolet",
        "ствол",
        "со стволом",
        "волына",
        "нож",
        "ножом",
        "ножпен",
        "мылтық",
        "мылтығы",
        "мылтык",
        "myltyq",
        "пышақ",
        "пышакпен",
        "pyshaq",
        "автоматом",
        "граната",
        "гранату",
        "gun",
        "rifle",
        "knife",
        "grenade",
        "machete",
        "bomb",
        "бомба",
        # slang and the misspellings of panicked typing
        "пестик",
        "заточка",
        "glock",
        "shank",
        "granade",
        "kniff",
        "pistolt",
    ],
    "arson": ["подожгли", "подожжёт", "поджечь", "сжечь", "өртейміз", "өртеп", "set on fire", "arson", "petrol"],
    "attack": ["напал", "нападение", "теракт", "убью всех", "шабуыл", "өлтіремін", "stabbed", "attacking"],
    "abandoned": ["без хозяина", "бесхозная", "оставили", "иесіз", "иеси жок", "iesiz", "unattended", "left behind"],
    "object": ["сумка", "рюкзак", "коробка", "сөмке", "сомке", "somke", "рюкзагын", "backpack", "suitcase", "package"],
    "device": ["провода", "тикает", "сымдар", "тықылдаған", "wires", "ticking", "beeping"],
    "now": ["сейчас", "щас", "только что", "қазір", "казир", "qazir", "жаңа ғана", "right now", "rn"],
    "fighting_abroad": [
        "соғысуға",
        "соғысқа",
        "согыска",
        "sogyska",
        "воевать",
        "к боевикам",
        "k boevikam",
        "в ИГИЛ",
        "join the militants",
        "for jihad",
    ],
    "departure": [
        "әуежайға",
        "äuejaiğa",
        "билет",
        "рейс",
        "улетает",
        "uezzhaet",
        "к границе",
        "flight",
        "to the border",
    ],
    "soon": ["бүгін", "bugin", "сегодня", "segodnya", "через час", "в 5 утра", "tonight", "in an hour"],
    "poisoning": ["подсыпал", "белый порошок", "ақ ұнтақ", "aq ūntaq sebıp", "white powder", "poured something"],
    "sickness": ["блюют", "құсып жатыр", "throwing up"],
    "someone_close": ["қызымды", "дочку", "my wife"],
    "context_past": ["вчера", "кеше", "yesterday", "никто не пострадал", "nobody was hurt"],
    "context_hypothetical": ["на случай", "in case of", "role-play", "ролевая игра"],
    "threat_signs": [
        "беліне бірдеңе орап алған",
        "оглядывается по сторонам",
        "sweating heavily",
        "давит людей",
        "наехал на людей",
        "адамдарды басып",
        "running people over",
        "jumped the curb",
        "кашляют и падают",
        "теряют сознание",
        "выпирает",
    ],
}


@pytest.mark.parametrize(
    ("group", "text"), [(group, text) for group, texts in INFLECTIONS.items() for text in texts], ids=str
)
def test_every_inflection_and_typing_is_read(lexicon: DangerLexicon, group: str, text: str) -> None:
    assert group in groups(lexicon, text)


LOOKALIKES = [
    ("weapon", "ножницы"),  # scissors are not a knife
    ("weapon", "ножка стула"),
    ("weapon", "автоматически"),
    ("weapon", "Пушкин"),
    ("weapon", "armed forces day"),
    ("shooting", "стрелка часов"),
    ("shooting", "screenshot"),
    ("arson", "сауда орталығында"),  # өрт "fire" folds to орт, the start of орталық "centre"
    ("attack", "қандай"),  # қан "blood" is the start of қандай "which"
    ("attack", "kill time"),
    ("device", "проводник поезда"),
    ("now", "туралы"),  # тұр "stands" is the start of туралы "about"
    ("context_law", "сегодня всё закончится"),  # закон "law" is the start of закончится "will end"
    ("context_media", "An armed man ran into the cafe"),  # English "an" read as Cyrillic is ән "song"
    ("context_kitchen", "Gunfight on the square, no police yet"),  # "yet" read as Cyrillic is ет "meat"
    ("context_celebration", "машина стоит второй день"),  # a day is not a holiday
    ("weapon", "С днём Вооружённых сил!"),  # the armed forces are not a weapon
    ("shooting", "she is aiming to open a shop"),  # "aiming" alone is "intending"
    ("explosion", "prices will go up in winter"),  # only a building, a school, a mall "will go up"
    ("hostage", "we locked ourselves out"),
    ("threat_signs", "people are coughing in the office"),  # a cough is a symptom of gas only with falling, fainting
    ("departure", "сколько их за границей"),  # abroad is not a departure
    ("fighting_abroad", "не хочу воевать с соседями"),  # quarrelling with the neighbours
    ("context_question", "как его остановить"),  # a plea, not a question about figures
    # a harmless context the message denies is none (fourth session)
    ("context_sport_and_service", "это не учения, в холле человек с автоматом"),
    ("context_sport_and_service", "this is not a drill, there is a gunman in the lobby"),
    ("context_game", "ойын емес, ол шынымен мылтық алып жүр"),
    ("context_figurative", "это не шутка, он принёс нож"),
    # context items that were the everyday words of danger messages
    ("context_figurative", "they bombed the ATM in the mall"),  # "the bomb" matched "they bombed"
    ("context_law", "у стойки регистрации оставили чемодан"),  # check-in, not a gun's registration
    ("context_sport", "в спортзале школы парень с ножом"),  # a gym is a place
    ("context_everyday", "после уроков он обещал всех перестрелять"),  # "after lessons", not a lesson on safety
    ("context_media", "someone called the school and said there is a bomb"),  # a call, not a title
    ("context_everyday", "he has gas balloons at home and wants to blow up the mosque"),  # gas cylinders
    # a harmless context named only as a comparison is none (eighth session: dev_k)
    ("context_celebration", "хлопки как от петард, стекло разбили"),
    ("context_question", "хлопки как от петард, стекло разбили"),  # "как" of a comparison, not "how"
    ("context_celebration", "sounded like firecrackers, people are running"),
    ("context_celebration", "петарда сияқты дыбыстар, адамдар қашып жүр"),
    ("context_news_history", "взорвут в 19:00 на вокзале"),  # a time, not a year of the past
    ("context_news_history", "in 20 minutes he will blow up the mall"),
    ("weapon", "на свадьбе дрон снимал"),  # a drone is a danger only with something hanging under it
    ("weapon", "битый час жду"),
    ("context_game", "ойын алаңынан баланы алып кетті"),  # a playground is a place, not a game
]


@pytest.mark.parametrize(("group", "text"), LOOKALIKES, ids=str)
def test_lookalike_words_are_not_danger_words(lexicon: DangerLexicon, group: str, text: str) -> None:
    assert group not in groups(lexicon, text)


def test_tiers_combine_a_danger_word_with_its_context(lexicon: DangerLexicon) -> None:
    def tier_of(text: str) -> str:
        return tier(groups(lexicon, text), lexicon.signal_groups, short=read(text).short)

    assert tier_of("В ТРЦ мужик с пистолетом") == "strong"  # a weapon and a place
    assert tier_of("бір жігіт мылтық ұстап тұр қазір") == "strong"  # a weapon and "now"
    assert tier_of("в кс вчера взорвал бомбу") == "candidate"  # a game
    assert tier_of("на остановке сумка без хозяина") == "strong"  # an abandoned object at a place
    assert tier_of("кто-то оставил сумку") == "candidate"  # an abandoned object, nowhere in particular
    assert tier_of("как проверить статус по коду") == "none"
    assert tier_of("взрыв!") == "strong"  # a cry of a few words is a cue by itself
    assert tier_of("нож для хлеба на кухне") == "candidate"  # the kitchen


def test_kazakh_latin_letters_are_not_read_as_a_wrong_keyboard_layout(lexicon: DangerLexicon) -> None:
    # Written for this test (danger11a): "otyrmyz" read as the Russian layout was "щенкня", a puppy (an everyday
    # context), and masked the shots of a message in 2021 Latin.
    latin_2021 = "dälızde atys boldy, esıkterdı jauyp otyrmyz"
    assert read(latin_2021).as_layout is None
    assert "context_everyday" not in groups(lexicon, latin_2021)
    assert tier(groups(lexicon, latin_2021), lexicon.signal_groups) == "strong"
    assert read("cnhtkz.n djpkt irjks").as_layout is not None  # ASCII may still be the wrong layout


def test_vehicles_into_crowds_and_shots_told_in_kazakh_are_strong(lexicon: DangerLexicon) -> None:
    # Written for this test (danger11a), one per class of danger_dev_t/_w/_x's Kazakh misses.
    def tier_of(text: str) -> str:
        return tier(groups(lexicon, text), lexicon.signal_groups, short=read(text).short)

    assert tier_of("Көлік аялдамадағы жұрттың ортасына әдейі кіріп кетті") == "strong"
    assert tier_of("zhuk koligi balalarga qarai burylyp keledi, zhurgizushi toqtamai barady") == "strong"
    assert tier_of("базарда ату болып жатыр") == "strong"
    assert tier_of("дүкенде біреу үш рет атты, бәріміз еденге жатып қалдық") == "strong"
    assert tier_of("жүк көлігі жәрмеңкеге көкөніс әкелді") == "none"  # a truck is not a drone's load
    assert tier_of("Шабуылшы бомбадай соғып, қақпаға доп кіргізді") == "candidate"  # a shot at goal


def test_lexicon_errors_name_the_group_and_the_fix() -> None:
    with pytest.raises(DangerDataError, match=re.escape("weapon: needs 'signal: true|false'")):
        DangerLexicon.from_mapping({"weapon": {"ru": ["нож"]}})
    with pytest.raises(DangerDataError, match=r"weapon\.ru: must be a list"):
        DangerLexicon.from_mapping({"weapon": {"signal": True, "ru": "нож"}})


def test_a_damaged_model_file_is_refused_with_the_command_that_rebuilds_it(tmp_path: Path) -> None:
    with pytest.raises(DangerDataError, match="run `hotline danger build`"):
        DangerModel.parse("w:нож\t0.5\n", "model.tsv")  # no header
    with pytest.raises(DangerDataError, match=re.escape("model.tsv:4: expected FEATURE<TAB>WEIGHT")):
        DangerModel.parse(
            "#: intercept = 0\n#: threshold_strong = 0.3\n#: threshold_candidate = 0.4\nw:нож 0.5\n", "model.tsv"
        )
    with pytest.raises(DangerDataError, match="missing; run `hotline danger build`"):
        DangerModel.load(tmp_path)


# --- the classifier -------------------------------------------------------------------------------------------------


def test_the_shipped_model_is_exactly_what_the_corpus_builds() -> None:
    """Reproducible: a fresh build (cross-validation, thresholds, weights) equals knowledge/danger/model.tsv byte for
    byte, so the weights can be reviewed as the corpus and lexicon that made them."""
    built = danger_training.build(KNOWLEDGE)
    assert built.model_text == (KNOWLEDGE / "danger" / "model.tsv").read_text(encoding="utf-8")
    assert built.cross_validated.recall >= 0.99


def test_context_decides_between_the_same_words(danger: DangerRecogniser) -> None:
    assert danger.urgent("В ТРЦ мужик с пистолетом ходит, люди бегут")
    assert not danger.urgent("Где в Алматы купить пневматический пистолет для тира?")
    assert danger.urgent("vokzalda iesiz somke tur, bir sagattan beri")
    assert not danger.urgent("Цены на огурцы взорвались")
    assert not danger.urgent("В кс вчера взорвал бомбу на B, выиграли катку")
    assert not danger.urgent("Новый трек просто бомба")
    assert danger.urgent("SOMEONE IS SHOOTING AT THE MARKET")
    assert not danger.urgent("Сколько терактов предотвратили в 2019 году?")


def test_a_repeated_text_gets_the_same_assessment(danger: DangerRecogniser) -> None:
    """Assessments are kept per text: a repeat is decided as the first time, and a different text is not mixed up."""
    urgent, harmless = "В ТРЦ мужик с пистолетом ходит, люди бегут", "Цены на огурцы взорвались"
    for _ in range(3):
        assert danger.assess(urgent).urgent and not danger.assess(harmless).urgent
    assert danger.assess(urgent) == DangerRecogniser.load(KNOWLEDGE).assess(urgent)
    long = urgent + " " + "х" * 5000  # read up to MAX_CHARS, kept under what was read
    assert danger.assess(long) == danger.assess(long[:MAX_CHARS])


def test_ordinary_reports_are_not_urgent(danger: DangerRecogniser) -> None:
    """Most reports name places and people without any immediate danger; flagging them would bury real alerts."""
    assert not danger.urgent("В нашем районе мужчина вербует подростков в экстремистскую группу через онлайн-чат.")
    assert not danger.urgent("Біздің ауылда бір адам жастарды радикалды топқа тартып жүр")
    assert not danger.urgent("Someone in our building recruits young people into an extremist group.")
    assert not danger.urgent("market")


# --- the labelled sets of two independent writers ------------------------------------------------------------------

# Floors just below what is reached (docs/danger.md): (dangers caught, false alarms) per language. The dev sets were
# tuned on or looked at, so they guard against regressions; danger_dev_c (writer D, 40 + 40 per language) was the
# second session's holdout and is a dev set since the third; danger_dev_m (writer E, was danger_holdout_2) and
# danger_dev_n to _q (writers O to R, were danger_holdout_9 to _12) were read as dev sets in the seventh session.
FLOORS = {
    "danger_dev.jsonl": {"kk": (35, 0), "ru": (35, 0), "en": (35, 0)},
    "danger_dev_b.jsonl": {"kk": (35, 1), "ru": (35, 0), "en": (35, 1)},
    "danger_dev_c.jsonl": {"kk": (40, 0), "ru": (40, 0), "en": (40, 0)},  # its failures were read (third session)
    # writer E; read by class in the tenth session (recall 91.7% -> 100%, false alarms 1.7% -> 0%)
    "danger_dev_m.jsonl": {"kk": (20, 0), "ru": (20, 0), "en": (20, 0)},
    "danger_dev_d.jsonl": {"kk": (30, 0), "ru": (30, 0), "en": (30, 0)},  # writers F; failures read (fourth session)
    # Writers G: the fourth session's first holdout, measured after its first round (recall 99.0%, false alarms 4.2%),
    # then read as a dev set.
    "danger_dev_e.jsonl": {"kk": (32, 0), "ru": (32, 1), "en": (32, 1)},
    # Writers H: the fourth session's second holdout, measured after its second round (recall 95.8%, false alarms
    # 8.3%), then read as a dev set (fifth session: recall 100%, false alarms 2.1%).
    "danger_dev_f.jsonl": {"kk": (32, 1), "ru": (32, 1), "en": (32, 0)},
    # Writers I: the fourth session's third holdout, measured (aggregates only); read as a dev set in the fifth session
    # (recall 94.8% -> 100%, false alarms 4.2% -> 0%).
    "danger_dev_g.jsonl": {"kk": (32, 0), "ru": (32, 0), "en": (32, 0)},
    # Writers J (24 + 24 per language), after the fourth session's last change: recall 100%, false alarms 2.8%; a dev
    # set since the fifth session.
    "danger_dev_h.jsonl": {"kk": (24, 0), "ru": (24, 0), "en": (24, 0)},
    # Writers K (fifth session), measured before and after its first round (recall 95.8%, false alarms 1.0%, both
    # times), then read as a dev set (sixth session: recall 100%, false alarms 0%).
    "danger_dev_i.jsonl": {"kk": (32, 0), "ru": (32, 0), "en": (32, 0)},
    # Writers L (28 + 28 per language), measured on the fifth session's first code (recall 92.9%, false alarms 2.4%)
    # and after its second round (94.0%, 2.4%), then read as a dev set (seventh session: recall 100%, false alarms 0%).
    "danger_dev_j.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    # Writers M (28 + 28 per language), written during the fifth session's third round, measured once after its last
    # change: recall 97.6%, false alarms 1.2%; read as a dev set in the sixth session (recall 100%, false alarms 0%).
    "danger_dev_k.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    # Writers N (sixth session), measured on its first code (recall 100%, false alarms 6.0%: en 5 of 28) and after its
    # first round (100%, 4.8%), then read as a dev set (second round: false alarms 0%).
    "danger_dev_l.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    # The sixth session's holdouts (writers O, P, Q, R: danger_holdout_9 to _12), measured in aggregate only; dev sets
    # since the seventh session; their failures read by class in the tenth (recall 98.8/100/98.8/96.4% -> 100%,
    # false alarms 1.2/0/1.2/2.4% -> 0%).
    "danger_dev_n.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    "danger_dev_o.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    "danger_dev_p.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    "danger_dev_q.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer R
    # Writer S (seventh session), measured on danger10b's code (recall 97.6%, false alarms 2.4%), then read as a dev
    # set in danger10c (recall 100%, false alarms 0%).
    "danger_dev_r.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},
    # The seventh session's holdouts (writers T, U and V: danger_holdout_14 to _16), measured in aggregate only in that
    # session (recall 98.8/98.8/97.6%, false alarms 2.4/3.6/0%); dev sets since the eighth session (failures read).
    "danger_dev_s.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer T
    "danger_dev_t.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer U
    "danger_dev_u.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer V
    # Writers W, X, Y (eighth session), written for tuning before any of its danger changes; measured on its first code
    # (recall 96.4/98.8/91.7%, false alarms 1.2/0/0%), then read.
    "danger_dev_v.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer W
    "danger_dev_w.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer X
    "danger_dev_x.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer Y
    # danger11a's own probes, Kazakh and Russian only (batches m1, m2, m3: each written before the fixes that followed
    # it, measured untuned first; docs/danger.md has the figures), then tuned on: a floor, not a measure of new writers.
    # Two Kazakh traps with no danger word (a box by a neighbour moving house 0.60, the paint smell of a renovation
    # 0.62) are false alarms since the none tier's bar is 0.5 (danger_training.LEAST_THRESHOLD).
    "danger_probes_m.jsonl": {"kk": (27, 2), "ru": (27, 1)},
    # danger11b's own English probes (n1 measured on main: 17/18, 3 false alarms of 18; n2, n3 untuned: 24/24, 1 of
    # 24), then tuned on: a floor, not a measure of new writers.
    "danger_probes_n.jsonl": {"en": (42, 0)},
    # The eighth session's holdouts, measured in aggregate only, never read: writers Z1, Z2, Z3 (written before its
    # danger changes) and AA, AB, AC (written while its two danger rounds ran). Recall on its first code 96.4 / 100 /
    # 97.6 / 98.8 / 97.6 / 98.8% (495 of 504), after both rounds the same 495, with the none tier's bar at 0.5 and the
    # `ordinary` tier 100 / 100 / 98.8 / 98.8 / 98.8 / 98.8% (500 of 504), the same with the writers' corpus (its final
    # code); false alarms 7 of 504, then 6.
    "danger_holdout_17.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer Z1
    "danger_holdout_18.jsonl": {"kk": (28, 1), "ru": (28, 0), "en": (28, 0)},  # writer Z2
    "danger_holdout_19.jsonl": {"kk": (28, 0), "ru": (27, 0), "en": (28, 1)},  # writer Z3
    "danger_holdout_20.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (27, 0)},  # writer AA
    "danger_holdout_21.jsonl": {"kk": (27, 2), "ru": (28, 1), "en": (28, 1)},  # writer AB
    "danger_holdout_22.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (27, 0)},  # writer AC
    # Writers AD, AE, AF, written after the `ordinary` tier (973e10f) and measured on it (recall 97.6 / 100 / 97.6%,
    # 248 of 252; false alarms 0 / 2.4 / 2.4%), on the session's first code (97.6 / 98.8 / 94.0%) and with the writers'
    # corpus (98.8 / 100 / 97.6%, 249 of 252; false alarms 0 / 1.2 / 1.2%).
    "danger_holdout_23.jsonl": {"kk": (28, 0), "ru": (27, 0), "en": (28, 0)},  # writer AD
    "danger_holdout_24.jsonl": {"kk": (28, 0), "ru": (28, 1), "en": (28, 0)},  # writer AE
    "danger_holdout_25.jsonl": {"kk": (27, 0), "ru": (28, 0), "en": (27, 1)},  # writer AF
    # Writers AG, AH, AI, written after the writers' corpus (the session's last danger change) and measured on it once
    # (recall 100 / 96.4 / 98.8%, 248 of 252; false alarms 0 / 2.4 / 2.4%) and on its first code (100 / 94.0 / 98.8%).
    "danger_holdout_26.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer AG
    "danger_holdout_27.jsonl": {"kk": (28, 0), "ru": (27, 2), "en": (26, 0)},  # writer AH
    "danger_holdout_28.jsonl": {"kk": (28, 1), "ru": (27, 1), "en": (28, 0)},  # writer AI
    # Writers AJ, AK, AL, written after the session's last danger change (the habitual cue, e952f8d) and measured on
    # it once (recall 97.6 / 97.6 / 100%, 248 of 252; false alarms 3.6 / 1.2 / 0%) and on its first code (95.2 / 96.4
    # / 100%, 245 of 252).
    "danger_holdout_29.jsonl": {"kk": (28, 2), "ru": (27, 0), "en": (27, 1)},  # writer AJ
    "danger_holdout_30.jsonl": {"kk": (28, 0), "ru": (26, 1), "en": (28, 0)},  # writer AK
    "danger_holdout_31.jsonl": {"kk": (28, 0), "ru": (28, 0), "en": (28, 0)},  # writer AL
}
PER_LANGUAGE = {
    "danger_dev.jsonl": 35,
    "danger_dev_b.jsonl": 35,
    "danger_dev_c.jsonl": 40,
    "danger_dev_m.jsonl": 20,
    "danger_dev_d.jsonl": 30,
    "danger_dev_e.jsonl": 32,
    "danger_dev_f.jsonl": 32,
    "danger_dev_g.jsonl": 32,
    "danger_dev_h.jsonl": 24,
    "danger_dev_i.jsonl": 32,
    "danger_dev_j.jsonl": 28,
    "danger_dev_k.jsonl": 28,
    "danger_dev_l.jsonl": 28,
    "danger_dev_n.jsonl": 28,
    "danger_dev_o.jsonl": 28,
    "danger_dev_p.jsonl": 28,
    "danger_dev_q.jsonl": 28,
    "danger_dev_r.jsonl": 28,
    "danger_dev_s.jsonl": 28,
    "danger_dev_t.jsonl": 28,
    "danger_dev_u.jsonl": 28,
    "danger_dev_v.jsonl": 28,
    "danger_dev_w.jsonl": 28,
    "danger_dev_x.jsonl": 28,
    "danger_probes_m.jsonl": 27,
    "danger_probes_n.jsonl": 42,
    "danger_holdout_17.jsonl": 28,
    "danger_holdout_18.jsonl": 28,
    "danger_holdout_19.jsonl": 28,
    "danger_holdout_20.jsonl": 28,
    "danger_holdout_21.jsonl": 28,
    "danger_holdout_22.jsonl": 28,
    "danger_holdout_23.jsonl": 28,
    "danger_holdout_24.jsonl": 28,
    "danger_holdout_25.jsonl": 28,
    "danger_holdout_26.jsonl": 28,
    "danger_holdout_27.jsonl": 28,
    "danger_holdout_28.jsonl": 28,
    "danger_holdout_29.jsonl": 28,
    "danger_holdout_30.jsonl": 28,
    "danger_holdout_31.jsonl": 28,
}  # dangers = harmless, in each language the set has
TOLERANCE = 1  # one message either way per language, so a harmless change to the corpus does not turn tests red


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figures_on_the_labelled_sets_per_language(danger: DangerRecogniser, name: str) -> None:
    examples = danger_training.load_labelled(SETS / name)
    scores = danger_training.evaluate(danger, examples)
    # Only figures in the message: a holdout's failures are never printed.
    figures = {lang: (s.caught, s.dangers, s.false_alarms, s.harmless) for lang, s in scores.items()}
    for lang, (caught, false_alarms) in FLOORS[name].items():
        score = scores[lang]
        assert score.dangers == score.harmless == PER_LANGUAGE[name], figures
        assert score.caught >= caught - TOLERANCE, figures
        assert score.false_alarms <= false_alarms + TOLERANCE, figures


def test_the_sets_are_what_the_writers_wrote() -> None:
    """Half danger, the same number per language (tests/sets/README.md); a probe set may have one language only."""
    for name in FLOORS:
        rows = [json.loads(line) for line in (SETS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        languages = len(FLOORS[name])
        assert {r["lang"] for r in rows} == set(FLOORS[name])
        assert len(rows) == 2 * languages * PER_LANGUAGE[name]
        assert sum(r["danger"] for r in rows) == languages * PER_LANGUAGE[name]


# --- the command line ----------------------------------------------------------------------------------------------


def test_ask_json_says_whether_the_question_is_urgent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "У школы мужик с ножом бегает!!!"]) == 0
    urgent = json.loads(capsys.readouterr().out)
    assert urgent["urgent"] is True
    assert set(urgent) == {"question", "lang", "entry", "score", "answer", "suggestions", "urgent"}
    assert main(["ask", "--json", "Сколько терактов предотвратили в 2019 году?"]) == 0
    calm = json.loads(capsys.readouterr().out)
    assert calm["urgent"] is False and calm["entry"] is not None


def test_eval_refuses_to_show_a_holdouts_failures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    holdout = tmp_path / "danger_holdout.jsonl"  # any file so named is a holdout
    holdout.write_text((SETS / "danger_dev.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["danger", "eval", "--failures", str(holdout)]) == 2
    assert "never be read" in capsys.readouterr().err
    assert main(["danger", "eval", str(holdout)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "set | lang | recall | false alarms"
    holdout_texts = [json.loads(line)["text"] for line in io.StringIO(holdout.read_text(encoding="utf-8"))]
    assert not any(text in out for text in holdout_texts)


# --- the rule classes of the third session (danger_dev_c's misses and false alarms, classified) ----------------------

# Each class: messages written for these tests (not from tests/sets or the corpus), one per language where it applies.
NEW_CLASSES_URGENT = {
    # leaving to fight abroad while the departure is under way (a danger group with no weapon at all)
    "leaving to fight, now": [
        "Жиенім қазір әуежайда, соғысуға ұшып барады, рейс бір сағаттан кейін",
        "zhienim qazir aujaida, sogysuga ushyp barady, reis bir sagattan keiin",
        "Двоюродный брат сейчас на автовокзале, едет воевать к боевикам, автобус через полчаса",
        "dvoyurodnyi brat edet segodnya k boevikam, poezd v 6 utra",
        "my cousin is on the bus to the border right now to join the militants",
    ],
    # a vehicle driven into people: no weapon, no explosion named
    "vehicle into people": [
        "Көлік базардың алдында әдейі адамдарды басып жүр",
        "Внедорожник выехал на тротуар у рынка и давит людей",
        "a van is running people over outside the mall",
    ],
    # a threat by telephone that a building "will go up"
    "threat by phone": [
        "Мектепке қоңырау шалып, түсте бомба жарылады деді, балалар сыныпта",
        "В поликлинику позвонили и сказали что в обед здание взлетит на воздух",
        "someone called the school and said the building is going to go up at noon",
    ],
    # hiding from an attacker, aiming at people, gas symptoms
    "hiding, aiming, symptoms": [
        "Біз қоймада тығылып отырмыз, залда біреу айқайлап жүр",
        "мы спрятались в раздевалке, в коридоре кто-то кричит и бьёт двери",
        "we are hiding in the basement of the cafe, a man upstairs is smashing everything",
        "мужчина на балконе целится из ружья в прохожих",
        "a guy on the parking roof is aiming a rifle at the bus stop",
        "в подземном переходе люди кашляют и падают, пахнет чем-то едким",
    ],
    # poison or a powder put into food or water; a body wrapped and sweating; weapon slang (fourth session)
    "poison, body signs, slang": [
        "соседка видела как кто-то что-то сыпал в бак с питьевой водой во дворе школы",
        "Su qūbyryna bıreu bır närse qūiyp jatqanyn kördım, qazır de jür",
        "some guy is dumping a liquid into the well our village drinks from, he ran when he saw me",
        "vokzalda bir jigit beline bir narse tanyp algan, qatty terlep tur, jan jagyna karap tur",
        "guy at the bus stop has something bulky around his waist, sweating heavily, keeps looking around",
        "В маршрутке мужик размахивает разбитой бутылкой, все прижались к окнам",
        "strangers grabbed a girl and shoved her into a black car near the college",
    ],
    # seventh session (dev_j's classes): shots told by their sound, water towers, people held in a flat, a vehicle
    # heading for a crowd, a van smoking by a holiday crowd
    "sounds, water towers, held, crowds": [
        "за магазином та-та-та, люди лежат на асфальте",
        "rat-a-tat by the school gate, everyone hit the ground",
        "бір адам су мұнарасына бірдеңе құйып жатыр қазір",
        "кто-то сыплет порошок в водокачку прямо сейчас",
        "my aunt is being held in her flat by two men, I can hear her screaming",
        "a bus is heading for the crowd at the market at full speed",
        "на празднике у сцены бросили фургон, из фургона валит дым, водитель убежал",
    ],
    # eighth session (dev_k's classes): a drone with something hanging under it over a crowd; bangs compared to
    # fireworks that are not fireworks; a bat
    "drones, bangs like fireworks, a bat": [
        "над рынком летает квадрокоптер, под ним болтается какой-то свёрток, людей полно",
        "стадионның үстінде коптер ұшып жүр, астында бір қорап ілулі тұр",
        "a quadcopter is hovering over the crowd at the square with something dangling from it",
        "у школы хлопки как от петард, но это не петарды, дети бегут",
        "Аулада петарда сияқты дыбыстар шықты, адамдар қашып жүр",
        "bangs like firecrackers near the station but no celebration, people running out",
        "в баре мужик с битой гоняется за людьми",
        "Балалар алаңынан бір адам қызды қолынан тартып, көлікке отырғызып кетті",
    ],
    # ninth session: the same words as a figurative bomb, a demolition or a market that "shot up", but a danger
    "threats among markets, demolitions, concerts": [
        "a guy near the stock exchange says there's a bomb in his bag, everyone get out",
        "shots fired at the bitcoin exchange office downtown, people hiding",
        "мужик у биржи кричит что взорвёт всех, в руке провода",
        "биржаның алдында біреу адамдарға тапаншамен атып жатыр",
        "someone on the phone said they will blast the bridge tonight when it's full of cars",
        "на концерте у парня под курткой бомба, он сам сказал",
    ],
}

NEW_CLASSES_HARMLESS = {
    # the same words without a departure, or a departure to study, work or the army
    "leaving, harmless": [
        "Жиенім бес жыл бұрын Сирияға кеткен, қазір оралғысы келеді, қайда жазамыз?",
        "брат сегодня улетает в Корею на учёбу, рейс ночью",
        "my son leaves for his army service today, the bus is at the station",
        "сколько жён боевиков до сих пор за границей?",
    ],
    # parked cars, accidents, coughs
    "vehicles and coughs, harmless": [
        "Машины паркуются на тротуаре у садика, куда жаловаться?",
        "Ребёнок кашляет неделю, какой номер поликлиники?",
    ],
    # kitchens, football, courts, reassurance, jokes with laughter, chats that "blew up"
    "contexts": [
        "Жұмыртқа микротолқынды пеште жарылып кетті",
        "Пирог в духовке взорвался начинкой, вся плита в варенье",
        "the eggs exploded in the microwave again",
        "Нападающий пробил, выстрел прямо в девятку",
        "Когда суд над теми, кто готовил взрыв в прошлом году?",
        "Аулада шарлар жарылды, көршілер шошып кетті, бірақ бәрі жақсы",
        "У соседей бахнуло, думали взрыв, оказалось салют, всё в порядке",
        "Әкем мені өлтіреді деп айқайлады, үтікті өшірмеппін 😂",
        "our class chat blew up with messages about the party",
    ],
    # the danger is over, retold from a book or a film, asked about in advance, or a toy (fourth session)
    "past, fiction, hypothetical, toys": [
        "кеше кешке көшеде гүрс еткен дыбыс естілді, қазір бәрі тыныш, ешкім зардап шекпеді",
        "ночью во дворе бахнуло, сейчас всё тихо, никто не пострадал",
        "Смотрю документалку про захват заложников в Беслане, жуть",
        "the mall had a fire alarm test this morning, no worries",
        "what should my kids do if there is ever a lockdown at school? just asking to be prepared",
        "Ойыншық мылтық сатып алдым, баланың туған күніне",
        "our striker's shot was a cannonball, the keeper never moved",
    ],
    # seventh session: carrying a bought knife, war stories, balloons, a phone "blowing up", a water tower repaired
    "carrying, war stories, balloons, phones": [
        "можно ли провезти в метро новый кухонный нож в коробке?",
        "my grandma told me war stories about bombs falling on her town during the war",
        "Атам соғыс жылдары ауылға бомба түскенін айтып берді",
        "балалар туған күнде шарларды жарып ойнады",
        "my phone is blowing up with messages from the school chat",
        "водонапорную башню ремонтируют, воды не будет до вечера",
    ],
    # eighth session: a drone filming or for sale, a delivery drone asked about, a past bombing asked about,
    # fireworks that sounded like shots
    "drones, past bombings, fireworks": [
        "на свадьбе квадрокоптер снимал сверху, где скачать видео?",
        "Can drones carry packages here? I want to start a delivery business",
        "Тойымызды дронмен түсірдік, өте әдемі",
        "In 1999 there was some explosion in the city I think, can you tell me about it?",
        "расскажите про взрыв в 1998 году, мне для доклада",
        "we thought it was shooting but it was just fireworks at the wedding next door, all quiet now",
    ],
    # ninth session (dev_l): a head that will explode, something "da bomb", a planned demolition, a market that shot up
    "figurative bombs, demolitions, markets": [
        "i swear my head will explode if the teacher gives us more tests",
        "the plov at my aunt's place was da bomb",
        "they will blow up the old boiler house and build a new one, which road is the detour?",
        "tech stocks shot up today, should I buy some?",
        "голова взорвётся от этой бухгалтерии",
        "старый мост будут взрывать, а потом построят новый; дорогу перекроют на месяц?",
        "котировки нефти выстрелили после новостей",
        "Ескі көпірді жарып, жаңасын салмақшы, айналма жол бар ма?",
        "бұл формулалардан миым жарылып барады",
        "биткоин бағасы тағы атып шықты, инвестиция салайын ба",
    ],
}


@pytest.mark.parametrize("text", [t for texts in NEW_CLASSES_URGENT.values() for t in texts], ids=str)
def test_the_new_classes_of_danger_are_urgent(danger: DangerRecogniser, text: str) -> None:
    assert danger.urgent(text)


@pytest.mark.parametrize("text", [t for texts in NEW_CLASSES_HARMLESS.values() for t in texts], ids=str)
def test_their_harmless_look_alikes_are_not(danger: DangerRecogniser, text: str) -> None:
    assert not danger.urgent(text)


def test_leaving_to_fight_is_strong_only_with_a_departure_now_or_soon(tier_of: Callable[[str], str]) -> None:

    assert tier_of("брат сейчас в аэропорту, летит воевать") == "strong"
    assert (
        tier_of("my brother is flying to Afghanistan tonight to fight for them") == "strong"
    )  # a country is not news here
    assert tier_of("сосед говорит что когда-нибудь поедет воевать") == "ordinary"  # no departure: an ordinary report
    assert tier_of("әпкем мені атып тастаймын деді 😂") == "candidate"  # laughter is a harmless context


def test_a_danger_aimed_at_people_is_not_masked_by_a_hunting_range_or_wedding_setting(
    tier_of: Callable[[str], str],
) -> None:

    # aimed at people: strong, though hunting, a range or a wedding is named
    assert tier_of("сосед вышел с охотничьим ружьём и целится в детей во дворе") == "strong"
    assert tier_of("a man at the gun range is shooting at the visitors") == "strong"
    assert tier_of("тойда бір жігіт қонақтарға қарай атып жатыр") == "strong"
    # the same settings without a target: the context still counts
    assert tier_of("сосед купил охотничье ружьё, сейчас чистит его во дворе") != "strong"
    # a film's shoot-out is aimed at people too: fiction is not overridden
    assert tier_of("in the movie a man is shooting at people in the mall") != "strong"


def test_a_harmless_setting_told_with_laughter_needs_the_classifiers_highest_bar(tier_of: Callable[[str], str]) -> None:

    assert tier_of("на свадьбе дядя пальнул из ружья в воздух 😂") == "ordinary"
    assert tier_of("на свадьбе пьяный палит из ружья по гостям 😂") == "strong"  # aimed at people: laughter or not


def test_poison_in_a_kitchen_is_not_masked_by_the_kitchen(danger: DangerRecogniser) -> None:
    assert danger.urgent("асханада бір адам қазанға ақ ұнтақ сеуіп жатыр, балалар түскі асты күтіп отыр")
    assert danger.urgent("в столовой кто-то подсыпал порошок в кастрюлю с супом, сейчас будут кормить детей")


def test_suspicious_people_are_an_ordinary_tip_but_a_suspicious_object_is_urgent(danger: DangerRecogniser) -> None:
    assert not danger.urgent("Көршім үйінде күдікті адамдар жиналып, түнде бірдеңе тасып жүр.")
    assert not danger.urgent("В доме соседа собираются подозрительные люди, ночью что-то носят.")
    assert not danger.urgent("suspicious men meet at the house next door every night and carry bags to a van")
    assert danger.urgent("на вокзале подозрительная сумка стоит, вокруг много людей")
    assert danger.urgent("suspicious bag at the mall entrance, lots of people around")
    assert danger.urgent("вокзалда күдікті сөмке тұр, айналасында адамдар көп")


def test_a_market_is_no_context_for_a_weapon_people_aimed_at_or_a_danger_sign(tier_of: Callable[[str], str]) -> None:
    """dev_l: "The stock market shot up today" is a price; a bomb or shots by a stock exchange are not."""

    assert tier_of("the stock market shot up this morning, good time to buy?") != "strong"
    assert tier_of("man with a gun at the stock exchange entrance right now") == "strong"
    assert tier_of("у биржи стреляют, люди лежат на земле") == "strong"


def test_a_drone_is_a_danger_sign_only_with_something_hanging_under_it(tier_of: Callable[[str], str]) -> None:
    """dev_k: "коптер летает с какой-то хренью под брюхом, матч идёт" had no danger word and fell to the none tier."""

    assert tier_of("над стадионом летает коптер, под ним что-то привязано") == "strong"
    assert tier_of("drone over the crowd at the square with a box hanging under it") == "strong"
    assert tier_of("на свадьбе дрон снимал молодых сверху") == "none"
    assert tier_of("продаю квадрокоптер, почти новый") == "none"


def test_nothing_to_read_is_never_urgent_but_a_one_word_cry_is(danger: DangerRecogniser) -> None:
    """An empty form field scored the classifier's intercept and short-message feature alone (0.62), over the none
    tier's 0.5: the web form's first, empty submission flagged the whole draft."""
    for text in ("", "   ", "...", "!!!", "😂"):
        assert not danger.urgent(text)
    assert danger.urgent("взрыв!")
    assert danger.urgent("shots fired")


def test_a_pattern_seen_night_after_night_is_an_ordinary_tip(
    danger: DangerRecogniser, tier_of: Callable[[str], str]
) -> None:
    """A minibus every night and men carrying boxes in (0.57 in the none tier) is a tip to report, not a danger now;
    a danger word with it is still read as danger."""
    for text in (
        "Zhetysu-17 warehouse: a blue minibus comes every night and men carry boxes inside.",
        "каждую ночь к гаражу соседа подъезжает газель, мужчины таскают ящики",
        "көршінің гаражына түн сайын бейтаныс адамдар келіп жәшік тасиды",
    ):
        assert tier_of(text) == "ordinary"
        assert not danger.urgent(text)
    assert danger.urgent("a man with a gun comes to the school every morning")

"""A small grammar of Kazakh word endings, for matching (no maintained Kazakh analyser exists to depend on).

Kazakh is agglutinative: a word is a root followed by endings in a fixed order, and each ending has variants
chosen by the word's last sound (vowel harmony: back а/о/ұ/ы vs front ә/ө/ү/і; and the last consonant: after a
vowel, a voiced or a voiceless consonant). "Хабарламаларымыздың" is хабар-ла-ма-лар-ымыз-дың (report-VERB-NOUN-
PLURAL-OUR-OF). To match a citizen's word with the knowledge base's, the endings are peeled off, outermost first.

The rules, in the order they are peeled (outermost first; an ending is only taken off after the ones outside it,
which keeps roots whole: "мылтық" stays "мылтық" although -тық can be an ending):

1. Case (the outermost noun ending)
   genitive -ның/-нің/-дың/-дің/-тың/-тің; dative -ға/-ге/-қа/-ке/-на/-не; accusative -ны/-ні/-ды/-ді/-ты/-ті;
   locative -да/-де/-та/-те/-нда/-нде; ablative -дан/-ден/-тан/-тен/-нан/-нен; instrumental -мен/-бен/-пен;
   the attributive locative -дағы/-дегі/-тағы/-тегі/-ндағы/-ндегі ("интернеттегі"); the accusative after a
   possessive -сын/-сін ("кнопкасын" = кнопка-сы-н).
   A participle with "his" and the accusative, -ғанын/-генін/-қанын/-кенін, -атынын/-етінін ("болғанын" =
   бол-ған-ы-н), is one ending of rule 4, or else the genitive -нын would be peeled first (болға-нын).
   So is a participle with the ablative typed with one н, -ғанан/-генен/-қанан/-кенен for -ғаннан/-геннен ("жібергенен
   кейін", after sending, as chats write it): or else -нен would leave "жіберге" (questions_dev kk: answered the lost
   code instead of what happens after a report).
   Verbs in a person take the person endings here instead (rule 2).
2. Person and possession
   possessive -ым/-ім (my), -ың/-ің, -ыңыз/-іңіз (your), -ы/-і/-сы/-сі (his, her, its), -ымыз/-іміз (our);
   verbal person -мын/-мін/-бын/-бін/-пын/-пін (I), -сың/-сің, -сыз/-сіз, -сыздар/-сіздер (you),
   -мыз/-міз/-быз/-біз/-пыз/-піз (we); the past tense with "I" -дым/-дім/-тым/-тім ("жоғалттым" = жоғалт-ты-м) and
   desire with "I" -ғым/-гім/-қым/-кім ("шыққым келеді", I want to leave = шық-қы-м); "you all" -сыңдар/-сіңдер
   ("қамайсыңдар" = қама-й-сыңдар) and the polite imperative -ңыз(дар)/-іңіз(дер), softened with -шы/-ші
   ("беріңізші", "көмектесіңіздерші"); the optative "let me / let us" -айын/-ейін/-йын/-йін, -айық/-ейік/-йық/-йік
   ("күтейін", "шалайын": күт-ейін, шал-айын).
3. Plural -лар/-лер/-дар/-дер/-тар/-тер.
4. Tense, participle and verbal noun
   past -ды/-ді/-ты/-ті; participles -ған/-ген/-қан/-кен, -атын/-етін/-йтын/-йтін; present -ады/-еді/-йды/-йді;
   verbal noun -у, and its dative -уға/-уге; converb -ып/-іп (not a bare -п: кітап is a root);
   conditional -са/-се, and with its person as one ending -сам/-сем, -саң/-сең, -саңыз/-сеңіз ("берсем", if I
   give; the person endings of rule 2 are those of other tenses); the evidential past -ыпты/-іпті/-пты/-пті
   ("жазыпты", it turns out he wrote);
   desire -ғы/-гі/-қы/-кі, only under a person ending ("шыққысы келеді", he wants to leave; but "мылтығы" is
   мылтық-ы, his gun); infinitive -мақ/-мек.
5. The present-tense link vowel -а/-е/-й, only under a verbal person ending ("жіберемін" = жібер-е-мін,
   "хабарлаймын" = хабарла-й-мын), never at the end of a bare word (it would cut roots: "көре", "біле").
6. Negation -ма/-ме/-ба/-бе/-па/-пе, only right under a tense, participle or verbal-noun ending, a link vowel or
   the past with "I" ("бермеді" = бер-ме-ді, "жібермедім" = жібер-ме-ді-м, "жібермеймін" = жібер-ме-й-мін,
   "білмеген" = біл-ме-ген), so "жауап бермеді" (did not answer) meets "жауап береді"; never at the end of a bare
   word (хабарлама, түрме are nouns). The negative past -мады/-меді/-пады/-педі is one ending of rule 4, or else
   the present -ады/-еді would be peeled from "бермеді" first (берм-еді); -бады/-беді is left out of it, because
   табады "finds" would become "та".
7. Derivation -лық/-лік/-дық/-дік/-тық/-тік ("адамдық" → "адам"), only when at least four letters remain.
8. A root's last consonant alternates before a vowel: қ/ғ, к/г, п/б (шық- "leave", шығу "leaving"; кітап, кітабы).
   A stem ending in ғ, г or б is written with қ, к or п, so both meet. An ending alternates the same way under a
   further ending ("құпиялылығы" = құпия-лық-ы), so once an ending is peeled the next is also matched with the
   alternated consonant restored.

A stem keeps at least three letters. The question particles ма/ме/ба/бе/па/пе are separate words, not endings
(removing them made түрме "prison" meet тұрады "lives"), and the agent suffix -шы is not an ending here.

10. Last resorts for a word the knowledge base does not know whole (:func:`verb_bases`, asked by the answer engine
   only then, like rule 9): the converb -п after a vowel ("қамап" = қама-п, "дайындап"; as an ending it would cut
   кітап), and the negative converb and verbal noun -май/-мей/-пай/-пей/-бай/-бей, -мау/-меу/-пау/-пеу/-бау/-беу
   ("айтпай" = айт-пай, not saying; "білмей").

11. A figure with its ending typed on without the hyphen ("2018де", "2019ғы", Latin "2018de" = "2018-де"), as
   people type in chats, is the figure (:func:`figure_of`): the year must count as a year, or the entry for
   another year is not ruled out (a question about 2018 was answered with the 2019 figure). Only a case ending
   (rule 1) and "of" -ғы/-гі/-қы/-кі ("2019ғы") count, so "14мың" (14 thousand) is no figure here.

12. A loan word's "дж" is Kazakh "ж" ("джамағат" and "жамағат", "джихад" and "жиһад"): the stem is written with "ж",
   so both spellings meet (questions_dev_n: "zhamagattan shyqqym keledi" met "джамағаттан" only fuzzily, 45.5).

9. A question particle glued to its word ("сақталама" = сақтала ма, "болама", "керекпе", "солайше"), as people type
   in chats, is split off by :func:`without_particle` — only when the whole word is unknown to the knowledge base
   (the answer engine asks it last), so a word that merely ends like a particle (хабарлама, түрме) stays whole. The
   particle's voicing must fit the sound before it (ма/ме after a vowel or a sonorant, ба/бе after a voiced
   consonant, па/пе after a voiceless one; ше after anything). Words are
matched after folding (bot/answers/text_folding.py: ә→а, ө→о, ү/ұ→у, і→и, ғ→г, қ→к, ң→н), so -ға and -га are one
rule. Known ambiguity: -ады (present, тұр-ады) and -ла-ды (past, хабарла-ды) look alike; the longer ending wins,
and the engine's fuzzy lookup bridges хабарл/хабарла. Measured against the earlier flat suffix list on the
Kazakh questions of the tuning sets: as many right entries and reachable ones (docs/benchmarks.md).

tests/test_kazakh_grammar.py holds an example per rule.
"""

from __future__ import annotations

import re

MIN_STEM = 3
MIN_DERIVED_STEM = 4

# (slot, endings): the slot number is the order from the outside in; an ending may follow (be peeled after) only an
# ending of a higher slot. Written with Kazakh letters for the reader, folded below for matching.
_SLOTS: tuple[tuple[int, str], ...] = (
    (
        7,
        "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде дан ден тан тен нан нен "
        "мен бен пен менен бенен пенен дағы дегі тағы тегі ндағы ндегі сын сін",
    ),
    (
        6,
        "ым ім ың ің ыңыз іңіз ңыз ңіз ы і сы сі ымыз іміз мыз міз мын мін бын бін пын пін сың сің сыз сіз "
        "сыздар сіздер быз біз пыз піз дым дім тым тім ғым гім қым кім сыңдар сіңдер ыңыздар іңіздер ңыздар ңіздер "
        "ыңызшы іңізші ңызшы ңізші ыңыздаршы іңіздерші ңыздаршы ңіздерші айын ейін йын йін айық ейік йық йік",
    ),
    (5, "лар лер дар дер тар тер"),
    (
        4,
        "ды ді ты ті ған ген қан кен атын етін йтын йтін ады еді йды йді у уға уге ып іп са се ғы гі қы кі мақ мек "
        "мады меді пады педі ыпты іпті пты пті сам сем саң сең саңыз сеңіз ғанын генін қанын кенін атынын етінін "
        "йтынын йтінін ғанан генен қанан кенен",
    ),
    (3, "а е й"),
    (2, "ма ме ба бе па пе"),
    (1, "лық лік дық дік тық тік"),
)
_PERSON_SLOT = 6
_DESIRE = frozenset({"гы", "ги", "кы", "ки"})  # desire, only under a person ending: "шыққысы", not "мылтығы"
_TENSE_SLOT = 4
_LINK_VOWEL_SLOT = 3  # peeled only right under a verbal person ending
_NEGATION_SLOT = 2  # peeled only right under a tense ending or a link vowel
_VERBAL_PERSONS = "мын мін бын бін пын пін сың сің сыз сіз сыздар сіздер сыңдар сіңдер мыз міз быз біз пыз піз"
_DERIVATION_SLOT = 1
_PAST_I = frozenset({"дым", "дим", "тым", "тим"})  # the past with "I" holds a tense: "жібермедім" = жібер-ме-ді-м
# The same folding as bot/answers/text_folding.py (Kazakh letters → Russian look-alikes), for the endings above.
_FOLD = str.maketrans("әғқңөұүһіїйё", "агкноуухииие")
_ALTERNATING = str.maketrans("гб", "кп")

_VERBAL_PERSON = frozenset(ending.translate(_FOLD) for ending in _VERBAL_PERSONS.split(" "))
_ENDINGS: list[tuple[str, int]] = sorted(
    {(ending.translate(_FOLD), slot) for slot, words in _SLOTS for ending in words.split()},
    key=lambda pair: (-len(pair[0]), -pair[1]),
)


def stem(word: str) -> str:
    """The stem of one folded Kazakh word: endings peeled from the outside in, by the rules above (and rule 12)."""
    if word.startswith("дж") and len(word) > MIN_STEM + 1:
        word = word[1:]
    slot_limit = 99  # the next ending must belong to a slot below this one
    last, last_slot = "", 99
    while True:
        # Inside a word a root's or an ending's last consonant may have alternated (-лығы = -лық + -ы): match the
        # endings against the written form and against it with қ/к/п restored at its end.
        restored = word[:-1] + word[-1].translate(_ALTERNATING) if last else word
        for ending, slot in _ENDINGS:
            if slot >= slot_limit or not (word.endswith(ending) or restored.endswith(ending)):
                continue
            if slot == _LINK_VOWEL_SLOT and (last not in _VERBAL_PERSON or last_slot != _PERSON_SLOT):
                continue
            if ending in _DESIRE and last_slot != _PERSON_SLOT:
                continue
            if slot == _NEGATION_SLOT and last_slot not in (_TENSE_SLOT, _LINK_VOWEL_SLOT) and last not in _PAST_I:
                continue
            minimum = MIN_DERIVED_STEM if slot == _DERIVATION_SLOT else MIN_STEM
            if len(word) - len(ending) < minimum:
                continue
            word, slot_limit, last, last_slot = word[: -len(ending)], slot, ending, slot
            break
        else:
            return word[:-1] + word[-1].translate(_ALTERNATING)


_PARTICLE_AFTER: dict[str, str] = {
    # particle → the sounds (folded) it may follow; a vowel or a sonorant takes ма/ме, a voiced consonant ба/бе, a
    # voiceless one па/пе.
    "ма": "аеиоуыэюяїрлиу",
    "ме": "аеиоуыэюяїрлиу",
    "ба": "мнзжлрг",
    "бе": "мнзжлрг",
    "па": "кпстфхшщчц",
    "пе": "кпстфхшщчц",
}
MIN_PARTICLE_BASE = 3


def without_particle(word: str) -> str | None:
    """The word without a question particle typed onto it ("сакталама" → "сактала"), or None if it has none.

    ``word`` is folded. Only the answer engine's last resort for a word it does not know: "хабарлама" ends like
    "-ма" too, and is known whole.
    """
    if word.endswith("ше") and len(word) - 2 >= MIN_PARTICLE_BASE:
        return word[:-2]
    particle = word[-2:]
    base = word[:-2]
    if particle not in _PARTICLE_AFTER or len(base) < MIN_PARTICLE_BASE:
        return None
    return base if base[-1] in _PARTICLE_AFTER[particle] else None


_NEGATIVE_CONVERB = tuple(
    ending.translate(_FOLD)
    for ending in ("май", "мей", "пай", "пей", "бай", "бей", "мау", "меу", "пау", "пеу", "бау", "беу")
)
_VOWELS = frozenset("аеиоуыэюя")


def verb_bases(word: str) -> list[str]:
    """Stems a folded word may stand for if it is a bare converb (rule 10), most likely first; none if it is not.

    Only the answer engine's last resort for a word it does not know whole: as endings these would cut roots
    (кітап, дайын).
    """
    verbs = []
    if word.endswith("п") and len(word) - 1 >= MIN_DERIVED_STEM and word[-2] in _VOWELS:
        verbs.append(word[:-1])
    for ending in _NEGATIVE_CONVERB:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            verbs.append(word[: -len(ending)])
            break
    # The verb as written ("дайында"), and as the rules above stem it (the knowledge base holds stems).
    return list(dict.fromkeys(form for verb in verbs for form in (verb, stem(verb))))


_FIGURE_WITH_LETTERS = re.compile(r"(\d+)([^\W\d_]+)")
# What a figure takes: a case ending (rule 1), or "of" -ғы/-гі/-қы/-кі ("2019-ғы", of 2019), alone or before a case.
_FIGURE_CASES = frozenset(_SLOTS[0][1].translate(_FOLD).split())
_FIGURE_OF = frozenset({"гы", "ги", "кы", "ки"})


def figure_of(word: str) -> str | None:
    """The figure of a folded word that is a figure with a Kazakh ending typed on (rule 11), or None.

    "2018де" → "2018", "2019гы" → "2019"; "14мын" (мың, thousand, is a word) → None.
    """
    match = _FIGURE_WITH_LETTERS.fullmatch(word)
    if match is None:
        return None
    ending = match.group(2)
    of_then_case = ending[:2] in _FIGURE_OF and ending[2:] in _FIGURE_CASES
    return match.group(1) if ending in _FIGURE_CASES or ending in _FIGURE_OF or of_then_case else None

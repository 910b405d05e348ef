"""How citizens phrase things: patterns read as what they mean before a question's words are taken one by one.

Each pattern was the cause of misses on the dev sets (its comment says which and what it changed; the figures per
round are in docs/benchmarks.md). Kazakh and Russian patterns match folded Cyrillic (ё → е, й → и, Kazakh letters
folded: "калаи" is "қалай"); English ones match the Latin reading. The answer engine applies them in
``AnswerEngine._words_of`` and where it splits a long text into sentences; this file changes when a new way of asking
is understood, the engine when the way of scoring changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A Kazakh sentence that opens with "about this" ("Бұл туралы сіздерге қалай хабарласам болады?", "Осыны қайда
# жазамын?", "Оқытушы ретінде бұл туралы …") asks about the story before it: read alone, its few words (how to
# contact you) answered the entry about what to report for a story about a recruiter. Alone it loses ties as a story
# sentence does, it is read with the sentence before it (not with the one after), so the story's topic counts. Dropped
# alone instead, a generic story ("neighbours' night guests … Осы туралы қалай жазуға болады?") lost how-to-report
# on dev_g; both ways kk pooled +1. Only at the start: "Егер сіздерге ол туралы жазсам, оған не болады?" asks itself.
KK_ABOUT_THIS = re.compile(
    r"^\W*(?:[^\s.,;:!?]+\s+ретінде\s+)?"
    r"(?:(?:бұл|бул|осы|сол|ол)\s+(?:туралы|жөнінде|жонинде|жайлы|жайында|жаиында|жаили)|мұны|муны|бұны|буны|соны|осыны)\b"
)
# "алдын алу" / "алды алынды" is how Kazakh says "prevent", word by word "take its front": "алдын" alone is a filler
# (a stop word, from "алдын ала", in advance) and "ал-" is "take", so the idiom is read as one word of its concept.
PREVENT = re.compile(r"\bалд(?:ын|ы)\s+ал(?!а\b)\w*")
# "қандай … туралы" / "не туралы" (about what kind of …) asks what to report, not how: the question word is a stop
# word, so without this the entries were told apart only by their other words, and "how" won ("Қандай жағдайлар
# туралы хабарлау керек?"). Read as the word "тақырып" (topic), which the knowledge base has nowhere else.
# "Жөнінде", "жайлы" and "жайында" are other ways to say "туралы" (about): "Не жайлы жазуға болады?". "Нендей" is
# "қандай" (what sort of): "nendei narseler turaly habarlaimyz" answered the emergency entry (dev_k).
WHAT_ABOUT = re.compile(r"\b(?:кандаи|нендеи|не)(?=\s+(?:\w+\s+){0,2}(?:туралы|жонинде|жаилы|жаиында)\b)")
# "хабарлаған адам", "мен жазған адам" (the person I reported) is whom a report is about, not the reporter: the
# question "will the person I reported learn my name" shares its other words (name, know) with the entries on what
# the operators see, and lost to them. The phrase also reads as "тексерілетін" (the person checked), the word of the
# reported-person entry's answer; "жазған адам" alone stays (it is the writer: "жазған адамның телефонын көресіз бе").
REPORTED = re.compile(r"\b(?:(?:хабарла(?:н)?ган|айткан|корсеткен)|мен\s+жазган)\s+(?:адам|киси)")
# "қанша жыл" / "неше жылға" (how many years) asks the term of a sentence, but "жыл" (year) is a stop word ("2019
# жылы" is in every question): the phrase also reads as "мерзім" (term), the word of the sentences entry, so "sot
# kansha jyl berdi" is told apart from the number of plots prevented.
HOW_MANY_YEARS = re.compile(r"\b(?:канша|неше)\s+жыл(?:га|дык|ды|ы)?\b")
# "қанша тұрады" (how much does it cost) asks a price, which no entry states: "тұрады" (stands) met the emergency
# entry's "қауіп төніп тұр" (danger is standing over us), and "Бензин канша турады казир" was answered with it. Read
# as "бағасы" (its price), a word no entry uses. "қанша уақыт тұрады" (how long does it stay) is not a price.
PRICE = re.compile(r"\b(канша\s+)тур(?:ады|аты|ад)\b")
# "Қанша адам тұрады" (how many people live there) asks a population, a figure that is not the briefing's: its
# entries answer it at most with "did you mean", as a foreign country's figures (FOREIGN). Without this, the Kazakh
# "how many" penalty let terror-plots-prevented answer "Қарағанды облысында қанша адам тұрады?" (place + адам).
KK_POPULATION = re.compile(r"\b(?:канша|неше)\s+(?:адам|киси|халык)\s+тур(?:ады|аты|ад)\b")
# A person asked by their post or deed ("Антитеррорлық орталықтың басшысы кім?", "ҰҚК төрағасы кім?", "ИГИЛ ұйымын
# кім құрған?"): the briefing names no one, so its entries answer such a question at most with "did you mean", as a
# foreign country's figures (FOREIGN): the organisation's name alone answered the briefing's source (55.9, dev2) and
# the militants abroad (53.6, dev_c). Who runs the bot ("ботты кім басқарады", "кім жасаған") is the entry about it,
# which is not the briefing's.
# So are, in the same alternation (one pass), a foundation date ("Тараз қаласы қашан салынған?", "Сирияда соғыс қашан
# басталды?") and militants killed ("2019 жылы қанша террорист жойылды?"; the briefing tells of links removed and
# groups neutralised, "террористік" content stays its own): they answered the exercise in Taraz (56.9, dev), the
# militants abroad and the links removed (80.6, dev2). kk off-topic abstained dev2 +1, dev +1.
KK_PERSON_ASKED = re.compile(
    r"\b(?:басшы|бастыг|бастык|торага|директор|жетекши|командир|негизин\s+калаушы)\w*\s+ким\b"
    r"|\bким\s+(?:курган|курды|курыпты|негизин\s+калаган|негизин\s+калады)\b"
    r"|\bкашан\s+(?:[^\s.,;:!?]+\s+)?(?:салын|курыл|негизи\s+калан)\w*|\bсогыс\w*\s+кашан\s+басталд\w*"
    r"|\b(?:террорист(?!ик)|содыр|ланкес(?!тик))\w*\s+(?:[^\s.,;:!?]+\s+)?(?:жоиылд|жоиды|олтирил|каза\s+тап)\w*"
)
# A name in quotes («Жусан», "Қасқыр") is what the question is about; when none of its words is a word of the
# knowledge base, it names an operation, exercise or programme the briefing does not tell of, and the word after it
# ("операциясы", "жаттығуы") alone met the one the briefing does: "«Жусан» операциясы кезінде Сириядан қанша адам елге
# қайтарылды?" answered operation «Наемник» (dev_b). Read in the answer engine (it knows which words are known).
QUOTED_NAME = re.compile(r"[«\"“„]([^«»\"“”„]{1,60})[»\"”“]")
# "дәл қазір" (right now) is the urgency of the emergency entry; "қазір" alone (now, these days) is a filler of any
# question ("казир бизде террор кауипи бар ма" asks whether the threat persists), so it is a stop word and the phrase
# is read as one word.
RIGHT_NOW = re.compile(r"\bдал\s+казир\b")
# "кто я (такой)" (who I am) is the writer's identity as the other side sees it, their profile: "вы узнаете, кто я"
# asks what the operators see, as "видно ли вам мой профиль" does. Its two words are stop words, so "узнаете" alone
# met "Узнает ли он, что это я написал?" (the person reported) as often: five Russian misses in five dev sets. Read
# also as "профиль" (phone-visible's own word): ru right b, c, e, h +1 each, f wrong 1 -> 0; as "личность" (the name
# synonyms, in six entries) only c and h.
WHO_I_AM = re.compile(r"\bкто\s+я(?:\s+такои|\s+такая)?\b")
# Russian asks what to report with "о чём / про что / о каких" before the verb of reporting ("о чем вообще надо сообщать
# в этот телефон доверия", "про что сюда писать"): the question words are stop words, so the question read as
# "report" and "hotline" alone and met the entries about the bot and its operators. Read also as "такырып" (topic), as
# the Kazakh "не туралы" is (Russian "темы" is also in the operators' and emergency entries: it answered hotline-human).
# "О чём-то" is not a question.
RU_WHAT_ABOUT = re.compile(
    r"\b(?:о|об|про)\s+(?:чем|что|каких|какои|каком|какие)\b(?!-)"
    r"(?=(?:\s+\w+){0,3}?\s+(?:сообщ|писат|пиш|напис|жалов|обращат|заяв|информир|стучат)\w*)"
)
# What will happen to "him / her" ("его посадят?", "его сразу накажут?", "как с ним поступят после моего сигнала?"):
# in a talk with the hotline, the one a citizen fears for is the person reported. The pronouns are stop words, so
# "посадят" alone met the entries on sentences and convictions. Read also as "тексерилетин" (the person checked), the
# word the Kazakh "хабарлаған адам" rule reads into the reported-person entry. The future only ("посадили" is the
# briefing's past) and never "меня" (the one leaving a group fears for himself).
# Russian asks what to report also with "какие / какого рода … (можно / следует) сообщать" ("какие случаи следует
# сообщать на телефон доверия", "какую информацию сюда писать"): "какие" is a stop word and "случаи" the topic
# group's, so the question read as "report" and "hotline" and met hotline-about (questions_dev_j). Read as "такырып"
# too, as "о чём … сообщать" is.
RU_WHICH_TO_REPORT = re.compile(
    r"\b(?:какие|какую|каких|какого\s+рода)\b(?=(?:\s+\w+){0,2}?"
    r"(?:\s+(?:можно|нужно|надо|следует|стоит|сюда|вам))*\s+(?:сообщат|писат|информироват|заявлят|жаловатс)\w*)"
)
# Whether a matter is the hotline's ("это к вам?", "а какие не по адресу?", "я по адресу?") asks what to report: the
# words are stop words but "адрес", which met the entries that ask for a place. Read as "такырып", as "о чём
# … сообщать" is (questions_dev_j, and dev_d's "это к вам писать?").
RU_IS_IT_YOURS = re.compile(r"\bето\s+к\s+вам\b|\b(?:не\s+)?по\s+адресу\b(?!\s+\w)")
# Who told the writer a claim ("мама говорит, что …", "сосед сказал", "подруга уверяет") is not what is asked, the
# claim is, wherever they said it ("мужики на стоянке говорили"): "мама" counted as an unknown word against the entry
# the claim is about (threat-persists, questions_dev_j), as the English hearsay phrase does. The relatives and
# acquaintances are no topic of any entry.
RU_HEARSAY = re.compile(
    r"\b(?:(?:моя|мои|наша|наш|ее|его)\s+)?(?:мама|мат|мамка|папа|отец|брат|сестра|соседка|сосед|соседи|друг|"
    r"друзя|подруга|коллега|коллеги|знакомыи|знакомая|знакомые|бабушка|дедушка|муж|жена|сын|доч|дочка|тетя|дядя|"
    r"однокурсник|одноклассник|начальник|мужики|ребята|родственники)"
    r"(?:\s+(?:на|в|из|с|у)\s+\w+)?\s+(?:говорит|говорят|говорил|говорила|говорили|сказал|сказала|сказали|"
    r"рассказал|рассказала|рассказали|утверждает|уверяет|считает|думает|спрашивает|спрашивала|спросил|спросила)\b"
    r"(?:\s*,?\s*(?:что|будто)\b)?"
)
# A request to be told ("Прошу сообщить, к каким срокам …", "просим разъяснить") is a frame, like "скажите": read as
# the verb of reporting, "сообщить" pulled a question about sentences towards the entries on reporting.
RU_PLEASE_TELL = re.compile(
    r"\b(?:прошу|просим)\s+(?:вас\s+)?(?:сообщит|разъяснит|пояснит|ответит|дат\s+информацию|предоставит)\w*"
)
# The law's "террористический акт" is the citizen's "теракт", the word every Russian phrasing uses: read as two words,
# "террористических актов" met the adjective of a dozen entries and "акт" of none (questions_dev_j).
RU_TERROR_ACT = re.compile(r"\bтеррористическ\w*\s+акт(?:ы|ов|а|ам|ами|ах|е|ом)?\b")
# Who the writer is ("я таксист в Таразе", "я учительница", "я пенсионер") is not what they ask, as in English and
# Kazakh: the role is a word no entry uses and counted against the entry asked about (questions_dev_j). Only the role:
# the place after it may be what is asked about (the exercise in Taraz). Written folded, as the text is by then (no ь).
RU_ROLES = (
    r"студент|студентка|учител|учителница|преподавател|таксист|водител|врач|медсестра|пенсионер|пенсионерка|"
    r"журналист|журналистка|блогер|школьник|школьница|имам|предпринимател|продавец|продавщица|бухгалтер|программист|"
    r"инженер|домохозяика|фермер|волонтер|воспитател|воспитателница|психолог|юрист|строител|курьер|охранник"
)
RU_ROLE = re.compile(r"\bя\s+(?:(?:простои|обычныи|обычная|местныи|местная)\s+)?(?:" + RU_ROLES + r")\b")
# So is the work the writer does ("Я работаю охранником в ТРЦ", "работаю учителем"), the role in the instrumental:
# "охранником" was a word no entry uses and counted against the entry asked about (questions_dev_k). The place after it
# stays, as after RU_ROLE.
RU_WORKS_AS = re.compile(
    r"\b(?:я\s+)?работаю\s+(?:(?:простым|обычным|простои|обычнои)\s+)?(?:" + RU_ROLES + r"|продавц)\w*"
)
# Whether one need fear ("бояться нечего", "стоит ли бояться терактов", "надо ли опасаться") asks whether the threat
# persists: "бояться" alone is also the writer's fear of being found out (anonymity), so only with its modal.
RU_NEED_FEAR = re.compile(
    r"\b(?:нечего|стоит|надо|нужно|следует)\s+(?:ли\s+)?(?:\w+\s+)?(?:боят?ся|опасат?ся)\b"
    r"|\b(?:боят?ся|опасат?ся)\s+(?:\w+\s+)?(?:нечего|не\s+стоит|не\s+надо|не\s+нужно)\b"
)
RU_THEIR_FATE = re.compile(
    r"\b(?:его|ее|их|ему|еи|им|с\s+ним|с\s+неи|с\s+ними)\s+(?:\w+\s+)?"
    r"(?:посадят|накажут|арестуют|задержат|заберут|поступят|сделают)\b"
)
# "Как (мне / можно) сообщить / отправить / передать" asks the way to report, as the Kazakh "қалай хабарлаймын" does,
# and is read as that rule reads it, "тасил" (method): "как" is a stop word, so "как отправить сообщение" met
# what-to-report's "О чём можно сообщить" nearly as well (91.7 / 90.7). "Каким образом / способом" is "как".
RU_HOW_TO_REPORT = re.compile(
    r"\b(?:как|куда|каким\s+образом|каким\s+способом)(?:\s+(?:мне|можно|нам|же|именно|правилно|вам|вас))*"
    r"\s+(?:сообщ|отправ|написат|напишу|передат|подат|пожаловат|настучат|донест|скинут|заявит|направ|присла|пересла)\w*"
)
# "Хочу рассказать о / про …" (I want to tell about …) is a citizen's wish to report: "рассказать" alone met the
# briefing's "о чём рассказали на брифинге" (one stem), so "Хочу рассказать про одного человека, как это сделать?"
# led with emergency at 46.5 (own probes), and questions_dev_b's first-timer "хочу рассказать о том, что видела" lost
# how-to-report. Read as "сообщить", the reporting group's word. Only the wish (хочу / хотел(а) бы / могу), not
# "расскажите" or "можно рассказать" (asking the bot to tell) or the briefing's past "рассказали".
RU_WANT_TO_TELL = re.compile(
    r"\b(?:хочу|хотел\s+бы|хотела\s+бы|хотим|могу)\s+(?:вам\s+)?рассказат\w*(?=\s+(?:о|об|про)\b)"
)
# Where, by whom or whether a plot was prepared ("где готовили теракты", "в каком городе хотели устроить теракт",
# "кто готовил теракты в Алматы", "готовился ли теракт …") is the prevented plots' entry to answer (it names Almaty and
# the Karaganda region); the sentences entry shares "готовили" and the place names in more phrasings and took it,
# 89.0 / 88.9 and 87.2 / 74.9 (held-out phrasings, bench/answer_crossval.py). Read also as "предотвратили", unless the
# sentence asks about a sentence (срок, лет, приговор, наказание, суд, "дали", "получили", "посадили"), and only with
# the attack named in it ("где устроиться на работу", "где готовят плов" are not plots).
_RU_SENTENCE_WORD = r"(?:срок|лет\b|приговор|наказ|осуд|дали\b|дадут|получил|суд|тюрьм|лишени|посад|впаял|сел[аи]?\b)"
_RU_PLOTTED = r"(?:готови|планир|замышл|устро|затева)\w*"
RU_WHERE_PLOTTED = re.compile(
    r"(?:^|(?<=[.?!]))(?![^.?!]*" + _RU_SENTENCE_WORD + r")(?=[^.?!]*(?:теракт|терракт|взрыв|подрыв|атак))[^.?!]*?"
    r"(?:\b(?:где|кто|в\s+как(?:ом|их|ои)\s+(?:город|регион|област|мест)\w*)(?:\s+[^\s.,;:!?]+){0,3}?\s+"
    + _RU_PLOTTED
    + r"|\b"
    + _RU_PLOTTED
    + r"\s+ли\b)"
)
# Whether the bot stores one's number, nickname or id ("Сохраняете ли вы мой номер телефона?", "мой юзернейм вы
# храните?") asks what is stored, the privacy entry's matter; the number met the phone-visible entry's many
# "номер телефона" phrasings (68.6 / 37.4, held-out phrasings). Read also as "какие данные хранятся".
_RU_IDENTITY = r"(?:номер|ник|никнеим|юзернеим|аиди|имя|телефон|логин)\w*"
_RU_MY_IDENTITY = (
    r"(?:мо(?:и|е|ю|его|ем|я)\s+(?:[^\s.,;:!?]+\s+)?"
    + _RU_IDENTITY
    + r"|"
    + _RU_IDENTITY
    + r"\s+мо(?:и|е|ю|его|ем|я))\b"
)
RU_STORED_ABOUT_ME = re.compile(
    r"\b(?:сохраня|храни|хранит|запомина)\w*(?:\s+[^\s.,;:!?]+){0,3}?\s+"
    + _RU_MY_IDENTITY
    + r"|\b"
    + _RU_MY_IDENTITY
    + r"(?:\s+[^\s.,;:!?]+){0,3}?\s+(?:сохраня|храни|хранит|запомина)\w*"
)
# Whether one's number or name shows ("отображается ли мой номер", "светится ли где-то мой телефон", "мой телефон
# засветится у операторов?") asks what the operators see, the phone-visible entry's matter: "засветиться" is privacy's
# (being found out) and "светится" met nothing (held-out phrasings: what-to-report 71.9, phone-visible 41.5). Read also
# as "видят"; as synonyms of it the verbs moved a Kazakh question of questions_dev_h ("… видео кордим …").
_RU_SHOWN = r"(?:отобража|светит|засвет|высвечива|показыва|видн)\w*"
RU_SHOWN_TO_THEM = re.compile(
    r"\b"
    + _RU_SHOWN
    + r"(?:\s+[^\s.,;:!?]+){0,3}?\s+"
    + _RU_MY_IDENTITY
    + r"|\b"
    + _RU_MY_IDENTITY
    + r"(?:\s+[^\s.,;:!?]+){0,3}?\s+"
    + _RU_SHOWN
)
# Colloquial "закрыли за экстремизм" (locked up for …) is convicted: "закрыли" is otherwise a closed report, and "скок
# народу закрыли за экстремизм" answered de-radicalisation (66.5 / 35.5, held-out phrasings). Read also as "осудили".
RU_LOCKED_UP_FOR = re.compile(
    r"\bзакры(?:ли|вают|ть|т)\s+(?:[^\s.,;:!?]+\s+)?за\s+(?:екстремизм|терроризм|терр|теракт|вербовк|пропаганд|радикал)\w*"
)
# The reported person finding out who reported him ("сможет ли он вычислить, кто на него написал") is the
# reported-person entry's: "вычислить" is privacy's word and took it (73.9, held-out phrasings). Read also as the
# person checked ("тексерилетин"), as RU_THEIR_FATE is.
RU_WHO_REPORTED_HIM = re.compile(
    r"\bкто\s+(?:именно\s+)?на\s+(?:него|нее|них)\s+(?:написал|сообщил|настучал|донес|пожаловал|заявил|стукнул)\w*"
)
# The steps of reporting ("хочу сообщить, но не знаю, с чего начать: какие шаги?", "хочу сообщить о терроризме, что
# делать?") ask the way to report: read as the words, "что делать" met the lost code's phrasings and "с чего начать"
# what-to-report's (held-out phrasings: lost-code 63.1, what-to-report 57.2). Read also as "тасил" (method), as
# RU_HOW_TO_REPORT is; "что делать" only after the wish to report, not after a report sent.
RU_REPORT_STEPS = re.compile(
    r"\b(?:сообщ|отправ|написат|подат)\w*[^.?!]*?\b(?:с\s+чего\s+начат\w*|какие\s+шаги|пошагов\w*|по\s+шагам"
    r"|порядок\s+действи\w*)"
    r"|\b(?:хочу|хотел\s+бы|хотела\s+бы|хотим|надо|нужно)\s+сообщ\w*[^.?!]*?\b(?:что\s+(?:мне\s+)?делать|как\s+быть)"
)
# The code forgotten or a status asked without it ("забыл код квитанции", "как проверить обращение без кода") is the
# code lost: "код квитанции" and "проверить" are receipt-code's words and took both (80.1 / 63.1 and 90.2 / 58.7,
# held-out phrasings). Read also as "потерял", as RU_CODE_NOT_KEPT is.
RU_CODE_FORGOTTEN = re.compile(
    r"\bбез\s+код\w*|\bзабы(?:л|ла|ли|т|ть|ваю)\s+(?:[^\s.,;:!?]+\s+)?код\w*"
    r"|\bкод\w*\s+(?:[^\s.,;:!?]+\s+)?забы(?:л|ла|ли|т|ть)\b"
)
# "Член (своей / моей) семьи" is a relative, whom one may report: "члены семей" is the militants-abroad entry's
# (wives and family members abroad), and "можно ли сообщить о члене своей семьи?" answered it (59.8 / 53.2, held-out
# phrasings). Read as "родственник".
RU_MY_FAMILY_MEMBER = re.compile(r"\bчлен\w*\s+(?:своеи|моеи|нашеи)\s+семь\w*")
# The receipt code not kept ("код не сохранила", "не записал код", "а код не скопировал") is the code lost, as
# "потерял" says: read as the words, "сохранила" met the privacy entry's "хранятся", and a message that also deleted
# its chat ("я удалила переписку и код не сохранила") answered at most with "did you mean" (questions_dev_k). The past
# only: "не сохраняете" (you do not store) is privacy's.
RU_CODE_NOT_KEPT = re.compile(
    r"\bкод\w*(?:\s+[^\s.,;:!?]+){0,2}?\s+не\s+(?:сохранил|записал|запомнил|скопировал|сохранился|сохранилс)\w*"
    r"|\bне\s+(?:сохранил|записал|запомнил|скопировал)\w*(?:\s+[^\s.,;:!?]+){0,2}?\s+код\w*"
)
# The lost code told by how it came ("я потерял код который дали после отправки что делать"): the clause only says
# which code, and its words are receipt-code's own phrasing ("Что делать с кодом, который выдали после отправки?"),
# which won the tie against the one verb of loss (80.9 / 78.5, questions_dev_l). After a verb of loss the clause is
# read as nothing.
RU_LOST_CODE_CLAUSE = re.compile(
    r"\b((?:потерял|потерян|забыл|посеял|утерял)\w*(?:\s+[^\s.,;:!?]+)?\s+(?:код|номер)\w*"
    r"(?:\s+(?:обращения|заявки|сообщения|квитанции))?)\s*,?\s+(?:которы\w*|что)\s+(?:мне\s+|нам\s+)?"
    r"(?:дали|выдали|пришел|пришла|прислали|показали|присвоили|отправили)(?:\s+(?:после|при)\s+отправк\w*)?"
)
# Losing a document or belonging ("потерял паспорт что делать", "ключи потеряла") is not losing the receipt code, the
# only loss an entry is about, as KK_LOST_BELONGING says for Kazakh: the verb met the lost-code entry (69.5, a probe).
# The thing lost is kept (no entry uses it), the verb is not.
RU_LOST_BELONGING = re.compile(
    r"\b(?:потерял|потерян|утерял|посеял)\w*\s+((?:паспорт|удостоверен|кошел|ключ|документ|сумк|карт)\w*)"
    r"|\b((?:паспорт|удостоверен|кошел|ключ|документ|сумк|карт)\w*)\s+(?:потерял|потерян|утерял|посеял|пропал)\w*"
)
# Whom they arrest ("кого вообще арестовывают?", "всех подряд сажают или нет") asks when restraint measures are used,
# as the restraint entry's "Кого задерживают, а кого переубеждают?" does: the verb alone is in the operations that
# detained people, and "кого вообще арестовывают? всех подряд кто читает такие каналы" did not even suggest restraint
# (questions_dev_l). Read also as "пресечения". The present only: "кого арестовали за кражу" is an event.
RU_WHOM_ARRESTED = re.compile(
    r"\b(?:кого|всех)(?:\s+(?:вообще|подряд|же|сразу|у\s+нас))*\s+(?:арестовыва|сажа|задержива|закрыва)\w*"
    r"|\b(?:арестовыва|сажа|задержива)\w*(?:\s+(?:вообще|же|сразу|у\s+нас))*\s+(?:всех|кого)\b"
)
# "Что за код", "зачем (нужен) код", "для чего код", "код … что это?" ask what the receipt code is for: the question
# words are stop words, so "что за код мне дали после отправки и зачем он" read as "код дали после отправки", the
# lost-code entry's own words ("после отправки мне дали код, но я его не записала"), and answered it
# (questions_dev_e). Read also as "назначение" (purpose), which the receipt-code phrasings that ask it get too ("Зачем
# нужен код после отправки?"). Only about the code: read in every question, "Что за учение «Темир жол»?" took the word
# too and a Kazakh story about that exercise lost it (questions_dev_d).
RU_WHAT_THE_CODE_IS = re.compile(
    r"\b(?:что\s+за|что\s+такое|зачем|для\s+чего)\b(?=[^.?!\n]*\bкод)"
    r"|\bкод\b[^.?!\n]*?(?:\bзачем\b|\bдля\s+чего\b|\bчто\s+ето(?:\s+такое)?(?=\s*(?:[?!.,;:—-]|$)))"
)
# "По (всей) стране", "в (нашей) стране" is Kazakhstan, where every figure of the briefing is from: as the word
# "страна" it met the international exercise's "государства" (states) and "сколько таких антитеррор тренировок по
# стране за год проходит" answered Sary-Arka instead of the count of training events (questions_dev_k).
RU_NATIONWIDE = re.compile(r"\b(?:по|во)\s+(?:всеи\s+)?стране\b|\bв\s+(?:нашеи\s+)?стране\b")
# "Антитеррор" before a noun ("антитеррор тренировки", "антитеррор учения") is speech for the adjective
# "антитеррористические"; as a word it is the exercises' names («Темир жол – Антитеррор»), so "сколько таких антитеррор
# тренировок … за год проходит" answered one of them instead of the yearly count (questions_dev_k).
RU_ANTITERROR_BEFORE_NOUN = re.compile(
    r"\bантитеррор(?=\s+(?:трениров|учени|учебн|мероприяти|операци|штаб|мер|работ|рейд)\w*)"
)
# "Каждый год" (every year) is "ежегодно", the training events' word ("Сколько тренировок … проводят ежегодно?"):
# "каждый" alone met nothing and "правда что КНБ каждый год проводит сотни учений?" was left at "did you mean" (dev2).
RU_YEARLY = re.compile(r"\bкажд\w+\s+год\w*|\bиз\s+года\s+в\s+год\b")
# Kazakhstan's short emergency numbers named to call or to choose between ("112 или 102?", "звонить в 102") are the
# emergency number, as the English rule reads them: as figures they are unknown words (the answer holds them as
# settings), and "номер экстренки какой 112 или 102?" stayed at "did you mean" (questions_dev_d).
_RU_OR_ANOTHER_NUMBER = r"(?:\s*(?:или|,|/)\s*(?:в\s+|на\s+)?(?:10[1-4]|112))"
RU_EMERGENCY_NUMBER = re.compile(
    r"\b(?:звонит|позвонит|набрат|набират|набери|наберу|звоню|позвоню)\s+(?:в\s+|на\s+)?(?:10[1-4]|112)"
    + _RU_OR_ANOTHER_NUMBER
    + r"*\b|\b(?:10[1-4]|112)"
    + _RU_OR_ANOTHER_NUMBER
    + r"+\b"
)
# The number of the police, ambulance or rescue service ("какой номер полиции?", "номер скорой какой") is the
# emergency entry's: "номер" met the phone-visible entry's many "номер телефона" phrasings and answered it (56.9 /
# 48.3, held-out phrasings). Read also as the emergency service; a number of another office ("номер налоговой") is not.
_RU_SERVICE = r"(?:полици|милици|скор(?:ои|ая|ую)|экстренн|спасател|мчс|пожарн)\w*"
RU_SERVICE_NUMBER = re.compile(
    r"\bномер\w*\s+(?:телефона\s+)?(?:у\s+)?" + _RU_SERVICE + r"|\b" + _RU_SERVICE + r"\s+номер\w*"
)
# Danger within minutes ("в ближайшие минуты", "вот-вот", "через пару минут") is "прямо сейчас", the emergency entry's
# words: read as words, "минуты" met nothing (a typo of another word at best) and "если нападение может случиться в
# ближайшие минуты, стоит ли писать боту или лучше сразу звонить?" stayed at "did you mean" (questions_dev_b).
RU_IMMINENT = re.compile(
    r"\bв\s+ближаиш\w+\s+(?:минут|секунд|час)\w*|\bвот[\s-]+вот\b|\bс\s+минуты\s+на\s+минуту\b"
    r"|\bчерез\s+(?:пару\s+|несколко\s+)?(?:минут|секунд)\w*"
)
# How long a trouble has lasted ("третий месяц", "вторую неделю", "уже месяц") is the writer's story, not what is
# asked: "месяц" and the ordinal were words no entry uses and kept a complaint about the lights in the entrance below
# what-to-report's answer (questions_dev_b); "несколько лет был в джамаате" met the prison terms' "лет".
RU_HOW_LONG_IT_LASTS = re.compile(
    r"\b(?:уже\s+)?(?:втор|трет|четверт|пят|шест|седм|восм|десят)\w*\s+(?:ден|дня|сутки|недел|месяц|год)\w*"
    r"|\bуже\s+(?:как\s+)?(?:(?:целыи|целую|целых|несколко|пару)\s+)?(?:ден|дня|днеи|недел|месяц|сутки)\w*"
    r"|\b(?:несколко|много|пару)\s+(?:лет|месяцев|недел\w*|днеи)\b"
)
# "Вправить мозги" (set someone's head straight) is speech for de-radicalising, the opposite of "промыть мозги":
# "скольким людям мозги вправили" met nothing (questions_dev_d).
RU_SET_STRAIGHT = re.compile(r"\bмозги\s+(?:\w+\s+)?вправ\w*|\bвправ\w*\s+(?:\w+\s+)?мозги\b")
# "Начать нормальную / новую жизнь" is what leaving a group is for, as "вернуться к нормальной жизни" says in the
# leave-group entry: "начать" was read as a typo of "нажать" (press a button) and "Я сам несколько лет был в джамаате,
# теперь хочу уйти и начать нормальную жизнь. Кто может помочь?" stayed at "did you mean" (questions_dev_b).
RU_NEW_LIFE = re.compile(r"\bначат\w*\s+(?:(?:нормалную|новую|обычную|честную|мирную)\s+)?жизн\w*")
# A Russian question that points back at the writer's story ("как сообщить об этом человеке", "куда на него
# написать", "о таком"): what it asks about is in the story, not in the sentence (folded: "о нём, об этом" is "о нем,
# об етом").
RU_BACK_REFERENCE = re.compile(
    r"\b(?:(?:об|о|про|на)\s+(?:етом|нем|нее|ним|неи|них|таком|таких|етих|етого|ету|етои)"
    r"|(?:етого|такого|етих)\s+(?:человека|мужчину|мужчины|парня|людеи))\b"
)
# An English sentence after the first that asks only about what the story before it said ("Is there an official number
# for that?", "Would you be so kind as to share it?"): read alone, its few words ("official number", "share") met the
# entries on the briefing's source and on the receipt code, ahead of the fact the story names (questions_dev_k).
EN_REFERS_BACK = re.compile(
    r"\b(?:for|about|on|of|regarding)\s+(?:that|this|it|them|these|those)\s*[?!.]*\s*$"
    r"|\b(?:share|confirm|check|explain|verify|give|send|provide|clarify)\s+(?:it|that|this|them)"
    r"(?:\s+(?:with|to)\s+(?:me|us))?(?:\s+please)?\s*[?!.]*\s*$"
    # "Where else …", "what else …" asks beyond what the story told, so about the same thing ("the security services
    # stopped attacks planned here in the city … where else were attacks being prepared?": the plots prevented).
    r"|\b(?:what|where|who|which|how)\s+else\b|\b(?:which|what)\s+other\s+(?:places|cities|regions|towns|ones)\b"
    # A closing "Is there an official figure?" asks for the figure the story told, not where the figures come from.
    r"|^\s*(?:so\s+)?(?:is|are)\s+there\s+(?:an?\s+|any\s+)?official\s+(?:figure|number|count|data|statistics?|stats)"
    r"s?\s*[?.!]*\s*$"
    # "How should I report this woman / them?" reports whom the story told of: alone it is "report" only, a vague
    # word of every hotline entry, whose ties hid the story's recruitment (own probes, after questions_dev_q's class).
    r"|\breport\s+(?:(?:this|that|these|those)\s+(?:person|people|guy|guys|man|men|woman|women|individual|user|"
    r"account)s?|him|her|them)\s*[?.!]*\s*$"
)
# An English question after the first sentence whose subject is the story's thing ("Was it an anti-terror
# training?" after a story of an exercise at the railway, "Is it true?"): near-tied entries are left to the story, as
# for the Russian "об этом" (RU_BACK_REFERENCE). Read alone, that sentence met every exercise alike (questions_dev_k).
EN_ASKS_OF_THE_STORY = re.compile(
    r"[.!?]\s+(?:and\s+|so\s+|but\s+)?(?:was|is|were|are|did|does|do)\s+(?:it|that|this|they)\b"
    r"(?!\s+(?:true|correct|right|so|real|accurate|really)\b)"
)
# A question told inside a story ("she asked me, half joking, whether there's still any terrorist danger in
# Kazakhstan", "I was wondering if anyone reads these"): the clause after "whether / if" is what is asked; read only
# as part of its sentence, the story's words (flying home, holidays, joking) drowned it (questions_dev_k).
EN_INDIRECT_QUESTION = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|(?:want|wanted|wants|like|need)\s+to\s+(?:know|find\s+out|check)"
    r"|curious|not\s+sure|unsure|doubt)\b[^.?!;]*?\b(?:whether|if)\s+(?P<clause>[^.?!;]{12,})"
)
# "Сколько стоит / скока стоят / почём" asks a price, which no entry states: "стоит" met "кто стоит за этим ботом" (the
# Russian stemmer cuts both to "сто"), so "сколько стоит такси из Караганды в Темиртау" answered hotline-about. Read as
# "цена" (price), a word no entry uses, as the Kazakh "қанша тұрады" is read as "бағасы". "Стоит ли" (is it worth) and
# "кто стоит за" stay.
RU_PRICE = re.compile(
    r"\b(сколко|скока|скоко|скок|почем)\b((?:\s+[^\s.,;:!?]+){0,3}?)\s+(?:стоит|стоят|стоил[аои]?|стоит?)\b"
)
# A year with a Russian ending typed on ("в 2017м", "за 2020г", "2018го") is the year: left a word, "2017м" was
# unknown and did not rule out the entries that state only 2019's figures ("а сколько человек осудили за терроризм в
# 2017м" answered terrorism-convictions at 72.7, questions_dev_k).
RU_YEAR_ENDING = re.compile(r"\b((?:19|20)\d\d)-?(?:м|го|ого|г|гг|год|году|года|ом|ои)\b")
# What the knowledge base never states, asked in Russian: such a question shares its topic words with an entry (the
# KNB, the CSTO, the exercises, the convicted) but asks a neighbouring fact, so the entry answers it at most with "did
# you mean", as a foreign country's figures (FOREIGN) are. Each class cost off-topic abstention when the thresholds
# came down to 52 / 3 (questions_dev, _b, _c, dev, dev2).
# Another time than the briefing's: the future or the present year ("в следующем году", "в этом году", "в будущем",
# "после 2022 года"): the briefing's figures are 2019's. Not "в прошлом году", which a writer may mean as 2019.
RU_ANOTHER_TIME = re.compile(
    r"\b(?:в|на|к)\s+(?:следующ|будущ|наступающ|этом|етом|текущ|нынешн|ближаиш)\w*\s+(?:году|год|годы|годах|лет)\b"
    r"|\bв\s+(?:будущем|дальнеишем|перспективе)\b|\bпосле\s+20\d\d\b"
)
# Militants killed ("Сколько террористов ликвидировали в 2019 году?", "сколько боевиков убито"): the briefing tells of
# groups neutralised and plots prevented, not of people killed, as the Kazakh "қанша террорист жойылды" rule says
# (KK_PERSON_ASKED); "ликвидировали" is in the neutralised group for a group or cell, and answered
# radical-groups-neutralised at 68.0 (questions_dev_m's off-topic). Only with the people right beside the verb:
# "ликвидировали ячейку террористов" is a cell.
_RU_FIGHTERS = r"(?:террорист(?!ическ)|боевик|игиловц|джихадист|бандит)\w*"
_RU_KILLED = r"(?:ликвидир|уничтож|убит|убил|убьют|застрел|подстрел)\w*"
RU_KILLED = re.compile(
    r"\b" + _RU_FIGHTERS + r"\s+(?:было\s+|были\s+)?" + _RU_KILLED + r"|\b" + _RU_KILLED + r"\s+" + _RU_FIGHTERS
)
# A part of a figure the briefing states in total ("сколько женщин среди 140 осуждённых", "сколько из 14,5 тысяч
# ссылок уже удалили"): the total is quoted, its breakdown is not stated. "Сколько из них" stays (prison
# de-radicalisation states how many of the prisoners renounced).
RU_PART_OF_FIGURE = re.compile(r"\b(?:сколко|скока|скоко|скок)\b(?:\s+[^\s.,;:!?]+){0,3}?\s+(?:из|среди)\s+\d")
# An organisation's own facts (who heads it, how many work there, which countries belong to it): "кто сейчас
# председатель КНБ", "сколько сотрудников работает в КНБ", "какие страны входят в ОДКБ". The knowledge base names
# no person and counts no staff or members; the hotline's entry ("кто стоит за этим ботом") and the CSTO operation
# answered them. "Кто ведёт / стоит за этим ботом" is not here (it asks who runs the service), nor a head in a story.
# Who heads something ("председатель", "начальник", "глава"), asked ("кто …", "как зовут …") or of an organisation;
# not a head in a story ("руководитель кружка в мечети вербует", "директор школы говорит").
_RU_HEAD = r"(?:председател|руководител|начальник|директор|глав[аеуы]|главои|замглав|заместител)"
_RU_ORGANISATION = (
    r"(?:кнб|атц|антитеррористическ|комитет|ведомств|министерств|мвд|одкб|шос|центр|спецслужб|органов)\w*"
)
RU_ORGANISATION_FACT = re.compile(
    r"\b(?:кто|как\s+зовут|фамилия|имя|назовите)\b(?:\s+[^\s.,;:!?]+){0,3}?\s+" + _RU_HEAD + r"\w*"
    r"|\b"
    + _RU_HEAD
    + r"\w*\s+(?:[^\s.,;:!?]+\s+){0,2}?"
    + _RU_ORGANISATION
    + r"|\bкто\s+(?:\w+\s+)?(?:возглавля\w*|руководит|руководил|командует)\b"
    r"|\bвозглавля\w*\s+(?:[^\s.,;:!?]+\s+)?"
    + _RU_ORGANISATION
    + r"|\b(?:сколко|скока|скоко|скок)\s+(?:\w+\s+){0,2}?(?:сотрудник|работник|служащ|человек|люд|специалист)\w*"
    r"\s+(?:\w+\s+)?(?:работа|служ|трудит)\w*\s+в\b"
    r"|\b(?:численност|штат)\w*\s+(?:сотрудник|работник|кнб|атц|центра|комитета)"
    r"|\b(?:стран|государств)\w*(?:\s+\w+){0,2}?\s+(?:входит|входят|входили|являются\s+член\w*|состоят)\b"
    r"|\b(?:входит|входят|входили|член\w*|состав\w*)\s+(?:в\s+)?(?:состав\s+)?(?:одкб|шос|оон|снг|еаес|нато)\b"
)
# Another service's own workings: an account, group or password of another app or public service to delete, leave or
# restore ("как удалить аккаунт в телеграме навсегда", "как выйти из группы в вотсапе", "забыл пароль от egov"), or a
# ticket to buy or return ("билет на поезд Темир Жолы"). The hotline's entries on what the operators see, on leaving a
# radical group and on a lost code share the words and answered them (questions_dev, questions_dev_b). "Видят ли мой
# аккаунт в телеграме" (no such verb) and "выйти из радикальной группы" (no app named) stay.
# Where ELSE to complain about an everyday nuisance ("sosed shumit po nocham, kuda zhalovatsya?", "собака лает всю
# ночь, куда можно пожаловаться?"): asked "куда / кому", not "сюда / вам", it is no question about the hotline, and the
# nuisance words (kept for "можно ли сюда пожаловаться на шумных соседей", what-to-report) answered what-to-report at
# 83.5 (questions_dev_m's off-topic). Read as another service's matter, as RU_ANOTHER_SERVICE is: "did you mean" at
# most. Not when the text names the hotline or anything of terrorism (a recruiter "куда на него жаловаться" stays).
# Run only on a text with "жалов" in it (the engine checks), so its cost is on those few.
# A language asked as a follow-up ("а на казахском тоже можно?", "англ тоже можно?", "по-русски пишете?"): the one
# word the question has is the language, so it stayed vague ("did you mean" at 51, questions_dev_n). "Можно" on a
# language is asking in which language to write: read as "язык" too, the languages entry's word; so is "можно (ли) на
# английском" (typed on the Latin layout, "vj;yj yf fyukbqcrjv&", it was vague at 49.5: own probes).
# So is a language before "умеет / говорит / работает / знает" ("бот по-английски умеет?": about the bot at 81.9, the
# languages entry 62.6, held-out phrasings).
RU_LANGUAGE_TOO = re.compile(
    r"\b(?:(?:на|по)\s*-?\s*)?(?:казахск|английск|русск|англ|инглиш|узбекск|китаиск|казакш|казахш)\w*"
    r"(?=\s+(?:(?:тоже|ли|же|вообще)\s+)?(?:можно|пишете|отвечаете|понимаете|пишет|отвечает|понимает|умеет|умеете"
    r"|умеешь|говорит|говорите|говоришь|работает|работаете|знает|знаете)\b)"
    r"|\bможно\s+(?:ли\s+)?(?:[^\s.,;:!?]+\s+)?(?:на|по)\s*-?\s*(?:казахск|английск|русск|англ|инглиш|узбекск|китаиск)\w*"
)
RU_WHERE_ELSE_TO_COMPLAIN = re.compile(r"\b(?:куда|кому)\s+(?:[^\s.,;:!?]+\s+){0,2}?(?:по|на)?жалов")
RU_COMPLAINT_NUISANCE = re.compile(
    r"\b(?:сосед|шум|лает|лаят|собак|газон|парку|музык|зарплат|коммунал|жкх|кск|мусор|магазин|просроч|пенси|"
    r"акимат|управляющ|ремонт|свет|отоплен)"
)
RU_COMPLAINT_HERE_OR_TERROR = re.compile(
    r"\b(?:сюда|тут|здесь|вам|вас|к\s+вам|бот|доверия|кнб)\b|вербу|агитир|зазыва|вое?ват|теракт|террор|оруж|взрыв|"
    r"екстрем|радикал|сект|джихад|игил|подозрит"  # folded: э is е
)
RU_ANOTHER_SERVICE = re.compile(
    r"\b(?:удал|восстанов|созда|зарегистр|заблокир|разблокир|выит|выиду|поменя|смени|взлома)\w*"
    r"\s+(?:(?:свои|мои|мою|свою|ее|его|из|с)\s+)?(?:аккаунт|акк|групп|чат|парол|логин|профил|страниц)\w*"
    r"\s+(?:в|во|от|из|на)\s+(?:вотсап|ватсап|whatsapp|телеграм|телеге|инстаграм|инсте|egov|егов|каспи|kaspi|"
    r"госуслуг|фейсбук|вк|вконтакте|ютуб|тикток|гугл|google|почт)\w*"
    r"|\bпарол\w*\s+(?:от|в|на|к)\s+(?!бот|обращ|заявк|код)\w+"
    r"|\b(?:купит|куплю|покупк|заказат|забронир|сдат|вернут|возврат)\w*\s+(?:\w+\s+)?билет\w*"
)
# Kazakh, the same: an account or group of another app to delete, leave or restore ("Telegram аккаунтымды қалай
# өшіремін?", "WhatsApp тобынан қалай шығамын?"). Read as words, the privacy and leave-group entries answered them
# (questions_dev_b, 52.4 and 56.8). The app and what of it both named: "телеграмнан шығып кетсем" (if I leave
# Telegram, is my report lost) asks about the hotline. "вхацап" is "WhatsApp" as the Latin transliteration reads it.
KK_ANOTHER_SERVICE = re.compile(
    r"\b(?:телеграм|telegram|вотсап|ватсап|уатсап|whatsapp|вхацап|инста|insta|егов|egov|каспи|kaspi|тикток|фейсбук"
    r"|facebook)\w*\s+(?:аккаунт|акк|тоб|групп|чат|парол|профил|канал)\w*"
    r"\s+(?:[^\s.,;:!?]+\s+)?(?:ошир|жои|калпына|шыга|шык|ашам|ашу|ашса)\w*"
)
# Kazakh, the same complaint about an everyday matter of another service ("Әкімдікке шағым қалай жазамын?", "көршім
# түні бойы шулайды, қайда шағымданамын"): what-to-report answered such a question at 76.4 (own probes, kk10b). The
# complaint ("шағым", folded "шагым") and an everyday matter both named, and neither the hotline nor anything of
# terrorism ("бот арқылы шағым", "вербовщик туралы шағым" stay). Run only on a text with "шагым" in it.
KK_COMPLAINT_NUISANCE = re.compile(
    r"\b(?:акимдик|акимат|акимге|корши|шулаи|шуыл|ит\s+ур|коммунал|зеинетак|жалакы|дукен|кск|жарык\s+жок"
    r"|жылу|ремонт|жондеу|мектеп|емхана|полиция|жол\s+полиц)"
)
KK_COMPLAINT_HERE_OR_TERROR = re.compile(
    r"\b(?:осында|мунда|сизге|сиздерге|сендерге|бот|сеним|кнб|укк)|вербов|уктит|терро|теракт|екстрем|радикал|сект|содыр"
    r"|ланкес|\bагым|жихад|игил|курал|жарыл|осы\s+жер|кабылда|бола\s+ма|болад|хабарла"
)
# Russian asks a figure with "сколько" and for statistics with "статистика": with a year, only an entry that states a
# figure can answer, one that names the year only as a date or a period cannot ("а за 2018 сколько человек осудили
# за экстремизм" answered the state programme for 2018–2022 on four dev sets: the year ruled every other entry out).
RU_HOW_MANY = re.compile(r"\b(?:сколк\w*|скока|скоко|скок|статистик\w*)\b")
# A named operation or exercise ("в ходе операции «Жусан»", "учения «Кобра»"): when the knowledge base never uses
# the name, it is another one than the briefing's (the engine checks the name's first word).
RU_NAMED_EVENT = re.compile(r"\b(?:операци|спецоперац|учени|мероприяти|акци)\w*\s+[«\"“„]\s*([^\W\d_]+)")
# Kazakh: who the writer is ("Мен ауылдағы мешіттің имамымын", "мен жетпіске келген қариямын", "Мен мұғаліммін") is
# not what they ask, as in English: its words (village, seventy, the mosque) pulled the question elsewhere, "жетпіс"
# (70) even met the briefing's 65. From "мен" to a role with the copula -мын/-мін (folded); a role without "мен".
KK_ROLES = (
    "студент|мугалим|окытушы|окушы|имам|молда|кария|зеинеткер|журналист|тилши|блогер|дариги?р|медбике|жумысшы|"
    "касипкер|кызметкер|инженер|зангер|азамат|ана|аке|аже|жургизуши|сатушы|курылысшы|фермер|малшы|"
    "эксперт|зерттеуши|маман|тарбиеши|аудармашы|программист|бухгалтер|полицеи|акым|депутат|волонтер|ерикти|"
    "комекши|кенесши|психолог|сарапшы|сакшы|курьер|тигинши|аспазшы|емши|пенсионер|устаз|шопан|"
    # Any agent noun in back-vowel "-шы" ("қойшы", "балықшы", "тракторшы": the one who does it) is a role too: "балам
    # мен ауылда қойшымын, …" (dev_k) kept "ауылда қойшымын" as words against how-to-report. Not the front "-ші", which
    # folded meets a possessive on a root in "ш" ("шешімін", the decision, "кешімін").
    r"[^\W\d]{2,}шы"
)
KK_WHO_I_AM = re.compile(
    r"\bмен\s+(?:[^\s.,;:!?]+\s+){0,5}?(?:" + KK_ROLES + r")(?:ы|и|сы|си)?(?:мын|мин|пын|пин|бын|бин)\b"
    r"|\b(?:" + KK_ROLES + r")(?:мын|мин|пын|пин|бын|бин|ымын|имин)\b"
    r"|\b(?:" + KK_ROLES + r")(?:ы|и|сы|си|лар|лер)?\s+ретинде\b"  # "as a teacher"
)
# Kazakh: nobody is to know the writer's name ("аты-жөнімді ешкім білмей ме", "атымды білмесін", "атым шығып
# кетпей ме") is reporting anonymously, as the English "nobody will know my name" is: as words, "аты" (name) and
# "біл" (know) met every entry about what the operators see and about the person reported. Read also as "анонимді".
# Only with the name: "кім екенімді ешкім білмей ме" (nobody will learn who I am) asks what is kept (dev2: privacy).
KK_NOBODY_KNOWS = re.compile(
    r"\b(?:атым\w*|аты\s+жоним\w*|есимим\w*)\s+ешким\w*\s+(?:бил|кор|таны)(?:меи|мес)\w*"
    r"|\bешким\w*\s+(?:атым\w*|аты\s+жоним\w*|есимим\w*)\s+(?:бил|кор|таны)(?:меи|мес)\w*"
    r"|\b(?:атым\w*|аты\s+жоним\w*|есимим\w*)\s+(?:[^\s.,;:!?]+\s+){0,1}?(?:бил|таны)(?:меи|мес)\w*"
    r"|\b(?:атым|аты\s+жоним\w*|есимим)\s+(?:шыгып\s+кет|шыкпа|ашылып\s+кал|ашылма)\w*"
)
# Kazakh approximation typed after a figure ("900-дей", "900 дей адам", about 900): the ending, not a word.
KK_ABOUT_FIGURE = re.compile(r"(?<=\d)(?:\s*-\s*|\s+)?(?:даи|деи|таи|теи)\b")
# Kazakh "қой" (put) in the past after a converb is an auxiliary: "қалып қойған" (got left behind), "біліп қойды"
# (found out) say that the action is done, not that anything is put; read as a word it met the languages entry.
# The present "біліп қоя ма" (will they find out) stays: privacy's phrasings ask it, and the questions with it too.
KK_DONE = re.compile(r"(?<=[^\W\d]п)\s+кои(?:ган|ды|дым|дык|ыпты)\w*")
# So is "ал-" (take) after a converb: "құтқарып аламын" (rescue), "жазып алмадым" (did not write down) do the verb for
# oneself. Dev sets: kk off-topic abstained 217 -> 218 (dev_b), held-out phrasings kk reachable 90.2 -> 90.4%.
KK_FOR_ONESELF = re.compile(r"(?<=[^\W\d]{2}[ыи]п)\s+ал(?:амын|ам|ады|ды|дым|у|са|сам|маи|мадым|маппын|ган)\b")
# Kazakh: whom a greeting addresses ("Ассаламу алейкум, бауырлар.", "саламатсыздар ма балалар, …", "Сәлем, достар!")
# is no word of the question: "бауырлар" (brothers) read as a family member, "балалар" (children) as the children a
# question is about. The word between a greeting and the next punctuation.
KK_GREETING_ADDRESS = re.compile(
    r"\b(?:ассалаумагал[еаи]и?кум|ассаламу?\s+[аа]л[еаи]и?кум|салеметсиз\w*(?:\s+[бм]е)?|саламатсыз\w*(?:\s+[бм]а)?"
    r"|салем|каиырлы\s+(?:кун|кеш|тан))[\s,!]+[^\W\d]+(?=\s*[,.!:;])"
)
# Kazakh "қазір" (now) with "не істеймін / не істеу керек" (what do I do) in one sentence is the urgency of "дәл
# қазір" (right now), read as that one word: "Қазір көршінің үйінде қару бар сияқты, қорқып тұрмын, не істеймін??"
# asks what to do in a danger, not what to report. "Қазір" alone stays a filler ("казир бизде террор кауипи бар ма").
KK_NOW_WHAT_TO_DO = re.compile(r"\bказир\b(?=[^.?!\n]*\bне\s+исте)")
# Kazakh "брифинг берді" (gave a briefing) is how a briefing is held: "бер-" (give) alone met the entries about
# extradition and the receipt code ("brifingti kim berdi ozi?" answered foreigners-extradited). Read also as
# "өткізді" (held), the word of the briefing-source entry's phrasings.
KK_BRIEFING_GIVEN = re.compile(r"\bбрифинг\w*\s+(?:[^\s.,;:!?]+\s+){0,2}?бер(?:ди|ген|еди|ипти|гени)\w*")
# Kazakh "қалай" (how) before a verb of reporting ("қалай хабарласам болады", "қалай жазам", "қалай жіберемін") asks
# the way to report, but "қалай" is a stop word (it asks everything), so "бұл туралы сіздерге қалай хабарласам
# болады" met "Қандай жағдайларда хабарласуға болады?" (what to report) word for word. The phrase also reads as
# "тәсіл" (method), a word the knowledge base has nowhere else: its phrasings of how to report (a recruiter too) get it.
KK_HOW_TO_REPORT = re.compile(
    r"\bкалаи(?:\s+[^\s.,;:!?]+)?\s+(?:хабарла|хабар\s+бер|жаз|жибер|жетки|жолда|тапсыр|толтыр|айт)\w*"
)
# Kazakh small talk ("қалайсың", "қалың қалай", "жағдайыңыз қалай", "не істеп жатырсың / отырсың") asks after the bot,
# not about anything the knowledge base holds: read as words, "не істеп" met the emergency entry's "не істеу керек"
# (what to do) and the Latin "qalaısyń" the word "қала" (city), so "Сәлем, қалайсың, не істеп жатырсың?" answered the
# emergency entry at 67 (dev_h), "salem qalaisyn, ne istep otyrsyn" the entry about the bot (dev_d) and "qalaısyń, ne
# jańalyq" the lost code (dev_k). Read as one word no entry uses ("амандасу", greeting), not dropped: "қалайсың бот"
# would be "бот" alone, a phrasing word for word (ru dev_g −1 that way); so the one word beside it stays vague. Only the
# informal singular of "what are you doing": "Сендер менің хабарламаммен не істеп жатырсыздар?" asks what happens after
# a report. "Жағдайың қалай" is left out: folded, it is "жағдайын қалай" (its status, how: "хабарламамның жағдайын
# қалай білемін"), a phrasing of the receipt code; and "қалай" before a verb asks how.
KK_SMALL_TALK = re.compile(
    r"\b(?:калаисын(?:дар)?|калаисыз(?:дар)?|(?:калын|калыныз|жагдаиыныз|хал[\s-]+жагдаи\w*)\s+калаи(?!\s+[^\W\d])"
    r"|не\s+истеп\s+(?:жатырсын|отырсын|журсин))\b"
)
# "-ып жібер" after a verb of telling ("айтып жіберші", "түсіндіріп жіберсеңіз") only makes the request lighter, as
# "ал" after a converb (KK_FOR_ONESELF) does: read as the verb "жібер" (send), "маған бір анекдот айтып жіберші" (tell
# me a joke) answered what happens after a report is sent (dev_b). "Жазып жібердім" (wrote and sent) stays a sending.
# "Түсіндіріп берсеңіз", "айтып беріңізші" (please explain, tell me) is the same politeness and is dropped whole: the
# closing sentence "Түсіндіріп берсеңіз." of a long question about stored data, read alone, answered "can I talk to a
# person" (55.3, questions_dev_f).
KK_TELL_LIGHTLY = re.compile(
    r"\b((?:аит|тусиндир|угындыр)[ыи]п)\s+(?:(жибер)\w*|бер(?:сениз|иниз|есиз|есин)\w*|берши\b)"
)


def _told_lightly(match: re.Match[str]) -> str:
    """The verb of telling before "жібер" (it may be what is asked about); nothing before a polite "бер"."""
    return match.group(1) if match.group(2) else ""


# Getting a job ("жұмысқа тұру / орналасу / кіру", "жұмысқа алады ма") is employment, which no entry is about: read as
# words, "жұмыс" (work, as the operators' hours have it) and "тұр" answered "ҰҚК-ға жұмысқа қалай тұрамын?" with the
# entry about the bot (dev_b). Read also as a word the knowledge base never uses ("вакансия"), which counts against
# every entry; replaced by it, the words left ("ҰҚК … болады") met how-to-report's "ҰҚК-ға қалай хабарласуға болады".
KK_EMPLOYMENT = re.compile(r"\bжумыска\s+(?:[^\s.,;:!?]+\s+)?(?:тур|орналас|кир|алын|алад|алас|алам|кабылда)\w*")
# Losing a document or belonging ("паспортымды жоғалтып алдым", "жеке куәлігім жоғалды", "әмиянымды жоғалттым") is
# not losing the receipt code, the only loss an entry is about: with the verb read, "Жеке куәлігімді жоғалтып алдым,
# не істеймін?" answered the lost-code entry at 54.5 (dev_b). The thing lost is kept (a word no entry uses), the verb
# is not. The phone is not here: the code was on it ("телефонымды жоғалттым, код сонда еді").
KK_LOST_BELONGING = re.compile(
    r"\b((?:паспорт|толкужат|куалиг|куалик|амиян|кошелек|килт|кужат|аиылдамасы|аиылдама)\w*)"
    r"\s+(?:[^\s.,;:!?]+\s+)?жогал\w*(?:\s+(?:алдым|калдым|кетти|калды))?"
)
# Changing or renewing a document ("Паспортты қалай ауыстырамын", "жеке куәлікті ауыстыру", "куәлігімді жаңартамын")
# is a public service centre's business, not the bot's language setting, the only thing an entry says is changed
# ("тілді ауыстыру"): with the verb read, both answered hotline-languages (questions_dev_m 60.6, _o 53.6). As for a lost
# document, the document is kept (a word no entry uses) and the verb is not.
KK_DOCUMENT_CHANGE = re.compile(
    r"\b((?:паспорт|толкужат|куалиг|куалик|кужат)\w*)"
    r"\s+(?:[^\s.,;:!?]+\s+)?(?:ауыстыр|озгерт|жанарт|расимде)\w*"
)
# "2022 жылдан кейін(гі)" (after 2022) asks about the years after the one named, which no entry states: read as the
# year itself, it kept the state programme (2018–2022), and "2022 жылдан кейінгі жаңа мемлекеттік бағдарлама қандай
# болады?" was answered with it at 60.9 (questions_dev). Read as the next year, which rules out every entry that does
# not name it, as any year does.
# Grammar, in context (bot/answers/kazakh_grammar.py reads one word at a time): a verb whose stem ends in -ын/-ін
# (the reflexive or a root: түсін- understand, көрін- be seen) asked in the present
# before a separate question particle ends like a dative after a possessive ("түсіне ме" as "үйіне"), so the grammar
# peeled "-не" and "түсіне" met "тус", "көріне" met "кор", not the "тусин" / "корин" of "түсінеді" / "көрінеді"
# (held-out phrasings and own probes, kk10b). Read as the present's third person (-еді / -ады), which the grammar
# stems whole. Not "бәріне ме" (to all?) nor "ғана ма" (a vowel before the н: "үйіне ме" stays); a noun's possessive
# dative after a consonant ("телефонына ма?") reads as a verb too, which no question of the sets asks. Not the
# passive -ла-н ("жазалана ма" stems to "жазала", and so meets "жазалай ма"; read whole it lost a held-out phrasing).
KK_PRESENT_BEFORE_PARTICLE = re.compile(
    r"\b(?!ба?ар[иы]н[ае]\b)(\w{2,}[бвгджзклмнпрстфхцчшщ][иы]н)"
    r"([ае]) (ма|ме|ба|бе|па|пе)\b"  # one space, as clean() leaves it: the particle is the pattern's needle
)


def _present_third_person(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2)}{'ди' if match.group(2) == 'е' else 'ды'} {match.group(3)}"


KK_AFTER_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*-?\s*(?:жылдан|жылнан|дан|ден|тан|тен|нан|нен)\s+кеиин\w*")


def _year_after(match: re.Match[str]) -> str:
    return f" {int(match.group(1)) + 1} "


# What to press ("не басу керек", "қай батырманы басамын") asks the way to report, as "қалай хабарлаймын" does, and is
# read as that rule reads it ("тәсіл"): "бас-" alone is a word of the status and language entries' buttons too, and
# "Хабарлама жіберу үшін не басу керек?" tied how-to-report with what-to-report ("не … керек").
KK_WHAT_TO_PRESS = re.compile(r"\b(?:не|нени|кай\s+[^\s.,;:!?]+)\s+бас(?:у|ам|амын|аим|аиын|камын)\b")
# Being put through to an operator ("операторға қосып беріңіз", "адамға қосыңызшы") is talking to a person, as
# "оператормен байланысқым келеді" is: read as words, "қос-" (add) met how-to-report's attachments, which answered
# "операторга косып бериниз" (dev_b). The verb is read as "байланыс" (contact), hotline-human's word.
KK_CONNECT_ME = re.compile(
    r"\b((?:оператор|адам|маман|кызметкер|тири\s+адам)\w*)\s+кос(?:ып|ыныз|ыцыз|шы|ыныздаршы|а\s+ала)\w*(?:\s+бер\w*)?"
)
# Whom one is writing to ("кімге жазып отырғанымды білгім келеді", "кімге жазып жатырмын?") is who runs the bot, as
# its phrasing "Мен кіммен сөйлесіп отырмын?" is: "кімге" is a stop word, so "жазып отыр-" alone met the entries on
# what is kept of a writer (dev_d: hotline-privacy answered at 63.8 instead of hotline-about). Only with "отыр"/"жатыр"
# (now): "кімге жазамын?" asks where to report. No leading \b, so the literal "кимге" prefix is scanned for fast.
KK_WHOM_I_WRITE_TO = re.compile(r"кимге\s+жазып\s+(?:отыр|жатыр|жатк)\w*")
# What will happen to "him" ("оны бірден қамай ма", "ол адамды ұстап әкете ме", "кісіге не болады"): in a talk with the
# hotline, the one a citizen fears for is the person reported, as the Russian "его посадят?" (RU_THEIR_FATE) is. The
# pronoun is a stop word, so "ұстап" and "қама-" alone met restraint measures ("ол адамды бирден устап аке ме", dev_b:
# did you mean restraint measures; dev_j). Read also as "тексерілетін" (the person checked), as the Russian rule reads.
# "Оған не болады" is left out: "it" as often ("хабарламамды жібергеннен кейін оған не болады?" asks after the report).
KK_THEIR_FATE = re.compile(
    r"\b(?:оны|ол\s+адамды|ол\s+кисини|сол\s+адамды|сол\s+кисини|оган)\s+(?:[^\s.,;:!?]+\s+){0,1}?"
    r"(?:устап|кама|сотта|жазала|тутк|апар|алып\s+кет)\w*"
    r"|\b(?:киси(?:ге|де)|ол\s+адамга|ол\s+киси(?:ге|де))\s+не\s+бол\w*"
)
# "Адамдарды жалдау" (hiring people) is how citizens say recruiting them, though the knowledge base says "тарту"
# (вербовка) and keeps "жалдау" for hiring ("жалдамалы", the mercenary operation): "Интернетте адамдарды жалдап жүрген
# біреу туралы қалай хабарлауға болады?" tied how-to-report (questions_dev). Only with people as the object: "пәтер
# жалдау" (renting a flat) is no recruiting.
KK_HIRING_PEOPLE = re.compile(
    r"\b(?:адам|адамдар|адамдарды|жастар|жастарды|балалар|балаларды|жигиттер|жигиттерди|кыздар|кыздарды)\s+жалда\w*"
)
# Whom a letter is addressed to ("Құрметті сенім телефоны қызметкерлері!", "Уважаемый телефон доверия,") is not what
# it asks: read as words, "сенім телефоны" answered the entry about the hotline instead of the question that followed.
ADDRESS = re.compile(r"(?:\bқұрметті|\bкурметти|\bуважаем\w*|\bdear)\s[^.!?,;:\n]{0,60}[!,:.]")
# A Russian greeting names a time of day ("Добрый день", folded "добрыи ден"; "Доброго дня", "Доброго времени суток"):
# "день" is no stop word (days of retention, of exercises), so the greeting read as words pulled polite questions there.
GREETING = re.compile(r"\bдобр(?:ыи|ого|ое|ои)\s+(?:ден|дня|утро|утра|вечер|вечера|ночи|времени\s+суток)\b")
# Another country or the whole world named in a question ("статистика по терроризму в России", "терактов в мире",
# "attacks in Russia in 2019"): the briefing's figures are Kazakhstan's, so they answer it at most with "did you
# mean" (read on every reading, folded; the language adjectives "русский", "Russian" are not the country). Syria,
# Iraq and Afghanistan are not here: that is where the briefing's militants abroad are.
FOREIGN = re.compile(
    r"\b(?:росси(?:я|и|ю|еи)|рф|ресеи\w*|russia|узбекистан\w*|озбекстан\w*|uzbekistan|к[иы]ргиз?стан\w*|киргизи\w*"
    r"|kyrgyzstan|таджикистан\w*|tajikistan|туркменистан\w*|turkmenistan|китаи|китае|китая|china|сша|usa|америк[аеиу]"
    r"|america|европ[аеуы]|europe|украин[аеуы]|ukraine|турци[яию]|turkey|мире|world|worldwide|алемде)\b"
)
# Russian fillers of several words ("на самом деле", "чуть ли не", folded "чут"; "в смысле"): "деле", "смысле" are words
# of the knowledge base ("по делам о терроризме"), so they are dropped as phrases, as the greeting is.
# A follow-up checks it was understood ("то есть …? я правильно понял", "если я правильно понимаю", "верно ли я понял"):
# "правильно" is a word of the knowledge base ("как правильно сообщить"), so the tag pulled to the entries on reporting.
RU_FILLERS = re.compile(
    r"\b(?:на\s+самом\s+деле|чут\s+ли\s+не|в\s+смысле|так\s+сказать|как\s+бы|по\s+идее"
    r"|(?:если\s+)?(?:я\s+)?(?:правилно|верно)\s+(?:ли\s+)?(?:я\s+)?(?:понял[аи]?|понимаю))\b"
)
# English phrases read as what they mean, before the words are taken one by one (only in the Latin reading, so in
# the knowledge base's English phrasings alike). Each was a cause of misses on the dev sets (docs/benchmarks.md).
ROLES = (
    "student|journalist|reporter|blogger|writer|editor|nurse|doctor|volunteer|teacher|lecturer|professor|researcher|"
    "scientist|scholar|analyst|engineer|lawyer|expat|foreigner|tourist|resident|citizen|pensioner|retiree|worker|"
    "employee|officer|activist|mother|father|mum|mom|dad|parent|housewife|driver|entrepreneur|businessman|"
    "businesswoman|manager|translator|programmer|developer|accountant|graduate|pupil|postgraduate|phd"
)
# People a citizen heard something from ("my friend from uni says", "my mom told me").
HEARSAY_SOURCES = (
    "friend|mom|mum|mother|dad|father|parent|brother|sister|cousin|uncle|aunt|auntie|wife|husband|son|daughter|"
    "grandma|grandmother|grandpa|grandfather|granny|neighbou?r|colleague|coworker|classmate|groupmate|teacher|"
    "boss|relative|roommate|flatmate|acquaintance|buddy"
)
ENGLISH_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Who the writer is ("I'm a journalist from Germany.", "As a foreign nurse working in Almaty I'd like to know…",
    # "i am student of IT and…") is not what they ask: its words (the country, "foreign", "work") are unknown or pull
    # to other entries. From "I am / I'm / as" with a role to the next punctuation, "and", "but", "so" or "I".
    (
        re.compile(
            r"\b(?:i\s*am|i['’`]?m|as)\s+(?:an?\s+)?(?:[\w'’-]+\s+){0,3}?(?:"
            + ROLES
            + r")s?\b[^.,;:!?\n]*?(?=[.,;:!?\n]|\s+(?:and|but|so)\b|\s+i\b|$)"
        ),
        " ",
    ),
    # "Keeps / kept + -ing" is "goes on doing" ("someone keeps trying to convince my brother", "keeps sending her
    # videos"): read as "keep", the privacy entry's word for storing data, it pulled a recruitment story to the
    # entries about what is stored (questions_dev_q).
    (re.compile(r"\b(?:keeps?|kept|keeping)\s+(?=(?:on\s+)?[a-z]{2,}ing\b)"), " "),
    # "Figure out" is "find out" ("can your officers figure out who i am"): "figure" read alone is the briefing's
    # figures (statistics), and met the entry about the briefing's source (own probes).
    (re.compile(r"\bfigur(?:e|es|ed|ing)\s+out\b"), " find out "),
    # Talking someone into going, joining or fighting is recruiting them ("keeps trying to convince my 16-year-old
    # brother to go to Syria and join 'the brothers'"): "convince" alone is persuading a radical to give up views,
    # the restraint measures' word (questions_dev_q).
    (
        re.compile(
            r"\b(?:convinc|persuad)\w*(?=\s+(?:[\w'’-]+\s+){0,3}?(?:to|into)\s+(?:go|going|join|joining|travel|"
            r"travelling|traveling|fight|fighting|move|leave)\b)"
        ),
        " recruiting ",
    ),
    # "How do I report this person / that guy" asks how to report, about the person of the story: "person" is the
    # reported person's word ("what happens to the person I report"), and answered it at 89.3 after a story of
    # recruitment (questions_dev_q).
    (
        re.compile(
            r"\b(how\s+(?:can|do|should|could|would|to|shall)\s+(?:i\s+|we\s+)?(?:\w+\s+)?report)\s+"
            r"(?:this|that|the|these|those|such\s+an?)\s+(?:person|people|guy|guys|man|men|woman|women|individual|"
            r"individuals|user|account)\b"
        ),
        r"\1 ",
    ),
    # The writer's fear for their family or safety ("I would like to provide information but I am afraid for my
    # family", "I fear for my children") is why they ask, not what: its words met the recruitment entries ("a member
    # of my own family") and the reported person's ("afraid of revenge"), and anonymity was only suggested
    # (questions_dev_q, 43.2).
    (
        re.compile(
            r"\b(?:afraid|scared|worried|fear|fearful|frightened|concerned|anxious)\s+(?:for|about)\s+(?:the\s+)?"
            r"(?:(?:my|our)\s+)?(?:own\s+)?(?:family|families|safety|life|lives|children|kids|relatives|parents|wife|"
            r"husband|loved\s+ones)\b(?:\s+and\s+(?:(?:my|our)\s+)?(?:family|safety|life|children|kids|relatives))?"
        ),
        " ",
    ),
    # Giving up views is renouncing them ("how many people abandoned radical ideas": "abandoned" is "renounced",
    # while the phrasings' "gave up" read as "gave" alone, so a question in society met the prisons' "inmates
    # renounced radicalism" first: own probes).
    (re.compile(r"\b(?:give|gives|gave|given|giving)\s+up\b"), " renounced "),
    # A bot refused ("operator, not robot", "no robot pls", "a person instead of this automatic thing", "rather than a
    # machine") asks for a human: read as "bot", the word answered the entry about the bot at 91.9 over hotline-human's
    # 89.8 (questions_dev_m, _p).
    (
        re.compile(
            r"\b(?:not|no|instead\s+of|rather\s+than)\s+(?:(?:a|an|the|this|that|some|with\s+a|talk\s+to\s+a)\s+)?"
            r"(?:stupid\s+|automatic\s+|automated\s+)?(?:ro)?bots?\b"
            r"|\binstead\s+of\s+(?:a|an|the|this|that)\s+(?:\w+\s+)?(?:machine|program|programme|thing)\b"
            # So is not wanting to talk to one ("I don't want to talk to a bot, give me an operator": "bot" answered
            # the entry about the bot on held-out phrasings of bench/answer_crossval.py; own probes, 2 wrong of 4).
            r"|\b(?:don['’`]?t|dont|do\s+not)\s+(?:want|wanna|like)\s+(?:to\s+)?(?:talk|speak|chat|write|text)\s+"
            r"(?:to|with)\s+(?:(?:a|an|the|this|that|some|your)\s+)?(?:stupid\s+|automatic\s+|automated\s+)?"
            r"(?:ro)?bots?\b"
        ),
        " human ",
    ),
    # What a writer thanks for ("thank you for running this service") is not what they ask: "running this service"
    # answered the entry about the bot.
    (re.compile(r"\bthanks?(?:\s+you)?(?:\s+(?:so|very|in|advance|a|lot|much)){0,3}\s+for\b[^.,;:!?\n]*"), " "),
    # "Is that right?" asks whether a figure heard is true, as "is that true / correct" do (stop words); "right"
    # alone stays a word ("human rights").
    (re.compile(r"\b(?:is|was|am)\s+(?:that|this|it|i)\s+right\b"), " "),
    # So do the same words about whoever told it ("is she right or exaggerating?", "are they right", "or is he
    # lying"), and the doubt itself: exaggerating, overstating, lying, made up (typed with one g or two).
    (
        re.compile(
            r"\b(?:is|was|are|were)\s+(?:he|she|they|you|we|my\s+\w+)\s+right\b"
            r"|\b(?:ex+ag+er+at|overstat|inflat)\w*|\b(?:lying|lies|made\s+up|making\s+(?:it|this|that)\s+up)\b"
        ),
        " ",
    ),
    # What the writer needs the answer for ("for an NGO report on criminal justice", "for my school presentation", "for
    # a thesis") is not what is asked: "report" there is a document, not a report to the hotline, and it pulled a
    # question for the convictions' figure to the receipt code (questions_dev_k). "For my report" alone stays the
    # citizen's report to the hotline.
    (
        re.compile(
            r"\b(?:for|in|into)\s+(?:an?|my|our|the|his|her|their|this)\s+(?:(?:\w+\s+){0,2}?(?:ngo|school|university|uni|"
            r"college|class|research|news|newspaper|academic|annual|analytical|term|student|course|policy|human\s+rights)"
            r"\s+report|(?:\w+\s+)?(?:presentation|article|thesis|essay|paper|coursework|assignment|homework|dissertation|"
            r"project|lecture|lesson|blog\s+post|podcast))s?\b"
            # …and what the document is about ("on criminal justice in Central Asia"), up to the writer or a stop
            r"(?:\s+(?:on|about)\s+[^.,;:!?\n]*?(?=\s+(?:i|we)\b|[.,;:!?\n]|$))?"
        ),
        " ",
    ),
    # A figure "(last) reported for 2019" is the year's figure: "reported" there is the authorities' word, not the
    # citizen's report to the hotline (questions_dev_k).
    (re.compile(r"\b(?:last\s+|officially\s+|publicly\s+|as\s+)?reported\s+(?:for|in)\s+(?=(?:19|20)\d\d\b)"), " in "),
    # Receiving a reply is getting one ("Will I receive any reply after I send the information?"): "receive" is the
    # receipt code's word ("the code I received"), and answered it (questions_dev_e).
    (
        re.compile(
            r"\b(?:receive|receiving|received|get|getting)\s+(?:(?:a|any|an|some|the)\s+)?(?:reply|replies|"
            r"answer|answers|response|responses|feedback)\b"
        ),
        " reply ",
    ),
    # What happens "after I send / sent / file" something is after-report's "after I submit" ("Will I receive any reply
    # after I send the information?"): "send information" alone is how to report (dev_e). Not in a sentence about a
    # code: what one got after sending is the receipt code ("some code after i sent the report", questions_dev).
    (
        re.compile(
            r"(?:^|(?<=[.?!]))((?:(?!\bcodes?\b)[^.?!])*?\b(?:after|once)\s+(?:i|we)\s+"
            r"(?:send|sent|file|filed|make|made|lodge|lodged|pass|passed))\b(?![^.?!]*\bcodes?\b)"
        ),
        r"\1 submit",
    ),
    # A code got "after submitting / after I sent it" is the receipt code: when it came is not the question, and
    # "submitting" answered what happens after a report ("i got some code after submitting, what do i do with it",
    # questions_dev_k).
    (
        re.compile(
            r"(\bcodes?\b[^.?!]{0,40}?)\s+(?:after|once|when)\s+(?:i\s+)?(?:submit\w*|send\w*|sent|report\w*|fil\w+)\b"
        ),
        r"\1",
    ),
    # A location added to a report is an attachment ("can i add pictures and location to my report?"): "location"
    # alone is the privacy entry's word (whether photos show where they were taken), which answered it (dev_e).
    (
        re.compile(
            r"\b((?:add|adding|attach|attaching|include|including|send|sending|share|sharing)\s+(?:[\w'’]+\s+){0,3}?)"
            r"(?:(?:my|the|a|an)\s+)?(?:geo)?locations?\b"
        ),
        r"\1 attach ",
    ),
    # A writer excusing their language ("sorry my Kazakh is bad", "my English is not good") says how they write, not
    # what they ask: "Kazakh" is the languages entry's word, and "bad" met another (questions_dev_b).
    (
        re.compile(
            r"\b(?:(?:sorry|excuse|forgive)\s+(?:me\s+)?(?:for\s+)?)?(?:my|our)\s+(?:english|kazakh|qazaq|russian|"
            r"grammar|spelling)\s+(?:is\s+|are\s+)?(?:(?:so|very|not|too|a\s+bit|quite)\s+)*"
            r"(?:bad|poor|good|weak|broken|terrible|limited|not\s+perfect)\b"
        ),
        " ",
    ),
    # "Right away" is "straight away" (lexicon: immediately).
    (re.compile(r"\bright\s+away\b"), " immediately "),
    # "Types of information" is "kinds of" (a stop word): "type" is the verb of entering a code ("where do I type it").
    (re.compile(r"\btypes?\s+of\b"), " kind of "),
    # "Who I am" is the writer's identity; its words are all stop words, so "will they know who I am" read as nothing.
    (re.compile(r"\bwho\s+(?:i\s+am|i['’`]?m|am\s+i)\b(?!\s+(?:talking|speaking|writing|chatting))"), " identity "),
    # Reporting with no name given is reporting anonymously ("no name report possible?", "without giving my name",
    # "I don't want anyone to know my name"): as words, "name" met every entry about what the operators see.
    (
        re.compile(
            r"\b(?:no|without(?:\s+(?:giving|telling|saying|showing|revealing|sharing|using|leaving|writing))?)"
            r"\s+(?:(?:my|a|any|your|real|own)\s+)*names?\b"
            # Not "them / you": whether the operators know who writes is hotline-phone-visible's ("do they see my
            # telegram account, my username?? i dont want them know who i am" answered anonymity, questions_dev_q).
            r"|\b(?:don['’`]?t|dont|do\s+not)\s+want\s+(?:(?:anyone|anybody|people|him|her)\s+)?(?:to\s+)?"
            r"(?:know|see|find\s+out|learn)\s+(?:my\s+)?(?:name|identity)\b"
            r"|\b(?:nobody|no\s+one)\s+(?:will\s+|would\s+|can\s+)?(?:knows?|sees?|learns?|finds?\s+out)\s+"
            r"(?:my\s+)?(?:name|identity)\b"
        ),
        " anonymously ",
    ),
    # The time after a report is "next" ("sent it, now what?", "what happens afterwards"): "after", "now", "then" and
    # "what" are stop words, so the question read as "sent" alone.
    (re.compile(r"\b(?:afterwards?|now\s+what|what\s+now|what\s+next|then\s+what)\b"), " next "),
    # Telling the hotline something is reporting it: "I want to tell something", "how can I tell you about this man",
    # "how do I let you know", "information I would like to pass on" ("tell" is a stop word, for "tell me …").
    (
        re.compile(
            r"\b(?:want|wanna|would\s+like|need)\s+(?:to\s+)?(?:tell|inform)(?=\s+(?:something|smth|sth|about))"
            r"|\b(?:tell|inform)\s+(?:you|u)(?=\s+(?:about|something|smth|sth|of)\b)"
            r"|\blet\s+(?:you|u)\s+know\b"
            r"|\bpass\s+(?:(?:it|this|that|them|information|info)\s+)?on\b"
        ),
        " report ",
    ),
    # Who passed a figure or a rumour on ("my friend from uni says …", "my teacher said …", "my mom told me …") is
    # not what is asked, the claim is: the relative's word met the recruitment entries ("friend", "teacher", "brother").
    (
        re.compile(
            r"\b(?:my|our|a|his|her)\s+(?:\w+\s+)?(?:" + HEARSAY_SOURCES + r")s?"
            r"(?:\s+(?:from|at|in|of)\s+(?:(?:the|my|our|a)\s+)?[\w'’-]+)?"
            r"\s+(?:says?|said|told\s+(?:me|us)|tells?\s+(?:me|us)|claims?|claimed|thinks|insists|believes|heard)\b"
        ),
        " ",
    ),
    # A prefix written apart ("de-radicalized", "re-educated", "co-workers") is one word with it: the knowledge
    # base writes both "de-radicalised" and "deradicalised", and read apart "de" met only the first.
    (re.compile(r"\b(de|re|co)[\s-]+(?=(?:radical|educat|integrat|socialis|socializ|work)\w*)"), r"\1"),
    # "Persons" is the plural of a count ("nine hundred persons"): the knowledge base's figures count "people",
    # and "person" is the reported person's word.
    (re.compile(r"\bpersons\b"), " people "),
    # Prevention work (профилактическая работа, "preventive talks") is the briefing's explanatory work with
    # radicals, not the prevented plots, whose word "prevent" it met.
    (
        re.compile(r"\bprevent(?:ion|ive|ative)\s+(?=(?:work|talks?|conversations?|outreach|activit(?:y|ies))\b)"),
        " explanatory ",
    ),
    # "Explain (to me) how …", "show me how …" asks how: the request is a frame, like "tell me" ("explain" is a word
    # of four entries, the operators' explanations). "Step by step" asks for the steps (a phrasing's word).
    (
        re.compile(
            r"\b(?:explain|describe|show)\s+(?:(?:to\s+)?(?:me|us)\s+)?(?=(?:step\s+by\s+step\s+)?(?:how|what|where)\b)"
        ),
        " ",
    ),
    (re.compile(r"\bstep[\s-]+by[\s-]+step\b"), " steps "),
    # "Is it real?" after a claim is "is it true?" (a stop word); "real" stays a word before what it qualifies ("is
    # it a real person").
    (re.compile(r"\b(?:is|was)\s+(?:it|that|this)\s+(?:real|for\s+real|really\s+so)(?=\s*(?:[?.!,;]|$))"), " "),
    # Not finding something one was given is having lost it ("I cannot find the code you gave me"); "find out"
    # (learn) is not.
    (re.compile(r"\b(?:cannot|can\s+not|can['’`]?t|couldn['’`]?t|could\s+not)\s+find\b(?!\s+out)"), " lost "),
    # Parking is a neighbour's nuisance like noise (the lexicon's group for complaints that are the police's), but
    # "park" alone is a place ("a bag in the park"), and the stemmer cuts both to "park": so only the phrase.
    (
        re.compile(
            r"\bparking\b|\bpark(?:s|ed)?(?=\s+(?:(?:his|her|their|its|a|the|my|our)\s+)?(?:cars?|vehicles?|trucks?|vans?)\b)"
        ),
        " noise ",
    ),
    # "I want out", "how do I get out" of a group is leaving it ("out" is a stop word, so it read as "want" alone).
    (
        re.compile(r"\b(?:want|wanna|need|get|getting|find\s+a\s+way)\s+out\b(?!\s+of\s+(?:here|town|the\s+country))"),
        " leave ",
    ),
    # Something given that "is gone", "disappeared", "went missing" is lost (the code: "the number you gave me is
    # gone"); "gone" alone is the verb go, in thirteen entries.
    (
        re.compile(
            r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:gone|missing)\b|\bdisappeared\b|\bwent\s+missing\b"
        ),
        " lost ",
    ),
    # A count of people "sentenced" is a count of the convicted ("how many peoples was sentenced", "140 people were
    # sentenced"); "sentenced" alone is also the prison terms' word ("were the plotters sentenced to prison?").
    (
        re.compile(
            r"\b((?:how\s+(?:many|much|mny)|\d+)\s+(?:\w+\s+){0,2}?(?:were|was|got|have\s+been|has\s+been|are|get)\s+)"
            r"sentenced\b(?!\s+to\b)"
        ),
        r"\1 convicted ",
    ),
    # Writing to the hotline about something is reporting it ("what can I write about to this bot?", "can I write
    # about my neighbour here"): "write" alone is the entries' word for messaging the bot at all (anonymously, in a
    # language, in an emergency), and "what can I write about" answered anonymity at 90.
    # Contacting or messaging the hotline about something is the same ("what situations can i contact you about":
    # "contact" alone is hotline-human's word, and answered it at 76.7, questions_dev_p's class).
    (
        re.compile(
            r"\b(?:write|contact|message|text|reach|approach)\s+(?:(?:to\s+)?(?:you|u|here|this\s+bot|the\s+bot|"
            r"this\s+hotline|the\s+hotline)\s+)?about\b"
        ),
        " report about ",
    ),
    # Which situations, cases, issues or topics the hotline is for asks what to report ("which situations is this
    # hotline for, and what is not for it", "which cases i can write to you about"): "cases" read alone is a
    # citizen's own case (privacy, the receipt code: answered them at 71, questions_dev_o), "situation" is
    # hotline-human's ("my situation is delicate"). The entry's own word is "matters".
    (
        re.compile(
            r"\b(?:what|which|wat|wich)\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?(?:situations?|cases|issues|matters|"
            r"topics|problems|subjects|stuff|things)\b"
        ),
        " which matters ",
    ),
    # "I think / I guess / I believe" hedges what follows; the words are not what is asked ("I think someone left a
    # bag …"), and "believe" met "beliefs" (views). "What do you think" stays: it asks an opinion, which no entry
    # gives.
    (re.compile(r"\bi\s+(?:think|guess|suppose|believe|feel)\b"), " "),
    # "(Find out) it was me" is who reported: its words are all stop words, so "will he learn that it was me" read
    # as "learn" and "will anyone know it was me who reported" as "reported" alone (what to report, at 98). "I am the
    # one who sent it" says the same (own probes: "sent" met after-report, and the privacy entry was only suggested).
    (
        re.compile(
            r"\b(?:it|that)\s+(?:was|is|['’`]?s)\s+(?:me|i)\b|\b(?:i\s+am|i['’`]?m|i\s+was)\s+the\s+one\s+who\b"
        ),
        " who reported ",
    ),
    # Whether anyone at all will learn of the writer ("will anyone know it was me who reported", "can anybody find out
    # I wrote") asks how the report is kept confidential (the privacy entry's word): its words are all stop words
    # but "reported", which answered what to report at 98 (dev3). "They / he find out" stays the reported person's.
    (
        re.compile(
            r"\b(?:anyone|anybody|any\s+one|somebody|someone|people|others)\s+(?:else\s+)?"
            r"(?:(?:will|would|can|could|may|might|ever)\s+)*(?:knows?|find\s+out|learns?|figure\s+out)\b"
        ),
        " confidentiality ",
    ),
    # A period named with deleting or keeping ("are reports deleted after ninety days?", "do you keep them for a
    # year", "erased after like 3 months") asks how long reports are kept: the figure is one no entry states, and
    # "days" met other entries, so the question only suggested (questions_dev_l, 47.3).
    (
        re.compile(
            # Anchored at the start behind a look for the unit, so that a question naming no period costs one scan.
            r"^(?=.*?(?:day|week|month|year))(.*?)"
            r"\b((?:delet|remov|eras|wip|destroy|purg|kept|keep|stor|sav)[\w'’]*)((?:\s+[\w'’]+,?){0,6}?)\s+"
            r"(?:after|for|within|in)\s+(?:(?:some|about|around|like|approximately|roughly|maybe|say|a|an|the|few|"
            r"couple|of|several|just|only|over|more|less|than|exactly)\s+)*(?:[\w-]+\s+)?"
            r"(?:days?|weeks?|months?|years?)\b",
            re.DOTALL,
        ),
        r"\1\2\3 how long ",
    ),
    # Whether the bot is "from / run by / part of the police" asks who runs it, as "a helpline of the security
    # services" does: "police" alone is the emergency entry's word ("hello, this bot is from police?" answered it).
    (
        re.compile(
            r"\b(?:bot|this|it|you|u|channel|service|hotline|chat)\s+(?:is\s+|are\s+|really\s+)*"
            r"(?:from|of|by|run\s+by|part\s+of|belongs?\s+to|connected\s+(?:to|with)|linked\s+to|works?\s+for|"
            r"working\s+for|with)\s+(?:the\s+)?police\b(?!\s+(?:number|station|officer))"
            r"|\bare\s+(?:you|u)\s+(?:the\s+)?police\b"
        ),
        " security services ",
    ),
    # Where in town something was seen ("under a bench in the park", "at the bus stop", "near the entrance") is the
    # story's place, not what is asked: its everyday nouns are words no entry uses, and three of them made "I saw a
    # box with wires under a bench in the park" a question mostly of unknown words (vague, no suggestion).
    (
        re.compile(
            r"\b(?:under|near|next\s+to|behind|beside|outside|inside|at|in|on|by)\s+(?:the|a|an|our|my|this|that)\s+"
            r"(?:\w+\s+)?(?:bench(?:es)?|park|bus\s+stop|stop|station|entrance|playground|mall|shop|store|market|square|"
            r"yard|courtyard|street|road|parking\s+lot|car\s+park|stairs|stairwell|staircase|elevator|lift|platform|"
            r"corner|bin|trash\s+can|sidewalk|pavement|crossing|underpass|building|tree|fence|gate|door|wall)\b"
        ),
        " ",
    ),
    # The phone or computer a citizen uses ("photos from my phone", "on my laptop") is the device, not the phone
    # number the privacy entries are about ("Can I add photos from my phone?" met them).
    (
        re.compile(
            r"\b(?:from|on|with|using|via|through)\s+(?:my|the|a|your|our)\s+(?:phone|smartphone|mobile|cell)\b(?!\s+number)"
        ),
        " ",
    ),
    # "When / if I file (send, submit) a report" sets the time of what is asked ("what is stored when I file a
    # report"): the filing words ("file", "submit") are how-to-report's. Not "once / after I submit": that is
    # after-report's own wording, and read as "next report" it cost held-out phrasings one wrong answer ("ok, it is
    # submitted, now what?" then answered how-to-report).
    (
        re.compile(
            r"\b(?:when|if)\s+(?:i|we|you)\s+(?:file|send|submit|make|lodge|hit\s+submit)"
            r"(?:\s+(?:a|the|my|our)\s+(?:report|tip|complaint))?\b"
        ),
        " report ",
    ),
    # Kazakhstan's short emergency numbers (101-104, 112) named to call or to choose between ("is it 112 or 102?",
    # "should I dial 102") are the emergency number: as figures they are unknown words (the answer holds them as
    # settings), and two of them made "What number should I call if there's an immediate danger? Is it 112 or 102?"
    # vague.
    (
        re.compile(
            r"\b(?:call|calling|dial|dialling|dialing|ring|phone)\s+(?:the\s+)?(?:10[1-4]|112)\b"
            r"|\b(?:10[1-4]|112)(?:\s+or\s+(?:10[1-4]|112))+\b"
        ),
        " emergency number ",
    ),
    # Putting a code in is entering it ("where do I put my code", "put in the receipt code"): "put" alone is a word of
    # other entries, and "where do I put my code to see if anyone has looked at my tip?" answered after-report.
    (re.compile(r"\bput\s+(?:in\s+)?((?:my|the|this|that|a|our|your)\s+(?:\w+\s+)?code)\b"), r" enter \1 "),
    # The receipt code not kept ("I did not save the code", "no longer have my code", "never wrote down the code",
    # "code was not saved") is the code lost, as RU_CODE_NOT_KEPT says for Russian: read as words, "save" and "keep"
    # met the privacy entry's storing and "code" the receipt code's, which answered held-out phrasings of the
    # lost-code entry (bench/answer_crossval.py, 4 English wrong answers) and own probes. In a sentence with "code".
    # (The code is matched, not looked ahead to, so that regex_needles gates the pattern on "code".)
    (
        re.compile(
            r"\b(?:did\s*n['’`]?t|didnt|did\s+not|do\s*n['’`]?t|dont|does\s*n['’`]?t|never|no\s+longer|not|forgot\s+to)"
            r"\s+(?:(?:even|really|actually|have\s+to|any)\s+)?(?:save|saved|keep|kept|have|has|write\s+down|"
            r"wrote\s+down|written\s+down|copy|copied|remember|note\s+down|noted\s+down)\b([^.?!]{0,40}?\bcodes?\b)"
        ),
        r" lost \1",
    ),
    (
        re.compile(r"\bcode\s+(?:was|is|got|has\s+been)\s+(?:not\s+(?:saved|kept)|deleted|erased|removed|vanished)\b"),
        " code lost ",
    ),
    (re.compile(r"\bvanish(?:ed|es)?\b"), " lost "),
    # Whether the person reported (he, she, the man, my boss) will learn who wrote is the reported-person entry's
    # question ("Will he find out it was me?", "Will my neighbour know if I report him?"): its words are stop words
    # and "know", which met anonymity and privacy (bench/answer_crossval.py, 3 English wrong answers; own probes).
    # Not "they" or "you": whether the operators know who writes is hotline-phone-visible's.
    (
        re.compile(
            # …about a report: "will my teacher find out i skipped class" is not the hotline's (own probe). Anywhere
            # in the sentence: "if i report my neighbour will he know" (questions_dev).
            r"(?:^|(?<=[.?!]))(?=[^.?!]*\b(?:report\w*|wrote|write|written|writes|tip|tipped|who|informed|information|"
            r"you|u)\b)([^.?!]*?)"
            r"\b(?:will|would|can|could|might|may|does|do|did|is|shall)\s+(?:he|she|him|her|(?:the|that|this|my|our|"
            r"his|her)\s+(?:\w+\s+)?(?:person|man|woman|guy|girl|neighbou?r|colleague|boss|relative|brother|sister|"
            r"cousin|friend|classmate|coworker|imam|teacher|husband|wife|son|daughter|uncle|aunt|father|mother))\s+"
            r"(?:ever\s+|then\s+|also\s+)?(?:know|find\s+out|learn|be\s+told|get\s+told|be\s+informed|see|notice)\b"
        ),
        r"\1 reported person find out ",
    ),
    # Speaking, talking, writing to or contacting an operator or a real person asks for a human: "speak" alone is the
    # languages entry's ("do you speak Kazakh"), "contact" the emergency's, "ask" after-report's ("operators may ask
    # you"), and "I want to speak to an operator" answered languages on held-out phrasings (bench/answer_crossval.py,
    # 3 English wrong answers). Not "operators ask me": that is after-report's.
    (
        re.compile(
            r"\b(?:speak|speaking|talk|talking|chat|chatting|contact|contacting|reach|connect|ask)\s+(?:me\s+)?"
            r"(?:to\s+|with\s+)?(?:an?\s+|the\s+|your\s+|one\s+of\s+(?:the|your)\s+)?(?:real\s+|live\s+|human\s+)?"
            r"(?:hotline\s+)?(?:operators?|humans?|real\s+person|live\s+person|person)\b(?!\s+(?:i|who|that)\b)"
        ),
        " human operator ",
    ),
    # "What can / should I report" asks what to report, as "which matters" does: "what" is a stop word, so the
    # question read as "report" alone and met how-to-report ("What can I report through the bot?", a held-out
    # phrasing of bench/answer_crossval.py; own probe "what should i report to you" only suggested). So does "what kind
    # of information should be reported" (questions_dev).
    (
        re.compile(
            r"\bwhat\s+(?:(?:kinds?|sorts?)\s+of\s+\w+\s+)?(?:else\s+)?(?:can|should|could|may|must|do)\s+"
            r"(?:(?:i|we|one|people|u|you)\s+report|be\s+reported)\b"
        ),
        " which matters report ",
    ),
)
# What an English question asks of an institution or a place that no entry states: who heads or founded it, its
# members, budget or jobs, a programme after the briefing's (new, next), how many people live somewhere, tickets, a
# film, or how to use Telegram itself (leave a group chat, delete an account, change a username). The named thing is
# the knowledge base's ("the National Security Committee", "the CSTO", "Temir Zhol"), so its words matched an entry
# well enough to be answered at the thresholds of 52 / 3 ("How do I apply for a job at the National Security
# Committee?" answered what the bot is): such a question is vague, answered at most with "did you mean". No English
# phrasing of the knowledge base matches it (tests/test_answer_engine.py): "family members" and "a member of my
# family" are not membership.
NEIGHBOUR_FACT = re.compile(
    r"\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:current\s+|new\s+|first\s+)?"
    r"(?:head|heads|chairman|chairwoman|chair|director|leader|chief|president|founder|founders|minister)\b"
    r"|\bwho\s+(?:founded|heads|leads|chairs|directs)\b|\b(?:was|were)\s+(?:\w+\s+){0,3}?founded\b"
    r"|\b(?:countries|states|nations)\s+(?:are|were|is)\s+(?:the\s+)?(?:members?|in|part)\b"
    r"|\bmember\s+(?:states|countries|nations)\b|\bmembers?\s+of\s+the\s+(?:csto|sco|cis|un|united|shanghai|collective)\b"
    r"|\b(?:budget|funding|salar(?:y|ies)|wages?)\b"
    r"|\b(?:new|next|upcoming|future|following)\s+(?:state\s+|government\s+)?(?:programm?es?|strateg(?:y|ies)|plans?)\b"
    r"|\bnames?\s+of\s+(?:the\s+|those\s+)?(?:people|persons|men|women|detainees|suspects|terrorists|plotters|convicts"
    r"|militants|attackers|organi[sz]ers|perpetrators)\b|\bwhat\s+(?:are|were)\s+(?:their|the\s+\w+['’]?s?)\s+names\b"
    r"|\b(?:apply|applying|application)\s+for\s+(?:a\s+|an\s+|the\s+)?(?:job|jobs|position|post|vacanc(?:y|ies)|work)\b"
    r"|\b(?:job|jobs|vacanc(?:y|ies)|careers?|internships?)\b|\b(?:work|working)\s+(?:for|at)\s+(?:the\s+)?"
    r"(?:nsc|knb|national\s+security|anti[\s-]?terror)"
    r"|\bbecome\s+(?:an?\s+)?(?:officer|agent|employee|operator|member\s+of\s+staff)\b"
    r"|\bhow\s+many\s+(?:people|residents|inhabitants)\s+(?:live|lives|living|are\s+living)\b|\bpopulation\b"
    r"|\b(?:buy|book|get)\s+(?:a\s+|the\s+)?(?:\w+\s+)?tickets?\b|\btickets?\s+(?:to|for|on)\b"
    r"|\b(?:watch|download|stream)\s+(?:the\s+|a\s+)?(?:movie|film|series)\b|\b(?:movie|film)\s+(?:called|named|about)\b"
    r"|\b(?:leave|exit|quit|delete|remove|create|make|join|mute|block|change|rename)\s+(?:a\s+|an\s+|the\s+|my\s+|this\s+)?"
    r"(?:telegram\s+)?(?:group\s+chat|chat\s+group|telegram\s+group|telegram\s+channel|telegram\s+account|username|nickname)\b"
    r"|\b(?:delete|deactivate|close|remove)\s+(?:my\s+|the\s+|a\s+)?account\b"
)
# Whom to complain to, asked without asking it of the hotline ("my neighbour parks his car on my spot every day, who
# do i complain to", questions_dev_p's off-topic): another service's question, answered what-to-report at 62.7. Vague
# (at most "did you mean" what-to-report), so that a citizen who meant the hotline still reaches it. Not when the
# message names the hotline ("where do i complain about that? here?", "can I complain here": what-to-report).
# So is whom to report or call about an everyday nuisance ("someone keeps leaving garbage near my door, who should i
# report this to", "my neighbours dog barks all night, who do i call about it": own probes). Run only on a text
# holding "who" or "where" (engine).
EN_COMPLAINT_ELSEWHERE = re.compile(
    r"^(?!.*\b(?:here|you|u|ur|your|bot|hotline|helpline|line|service|chat|channel)\b)(?:"
    r".*\b(?:who|whom|where|which\s+\w+)\s+(?:do|should|can|could|shall|must|would|to)\s+(?:i\s+|we\s+)?complain\b"
    r"|(?=.*\b(?:noise|noisy|loud|music|party|parties|partying|barks?|barking|garbage|trash|rubbish|litter|parks|parked|"
    r"parking)\b).*\b(?:who|whom|where)\s+(?:do|should|can|could|shall|must|would|to)\s+(?:i\s+|we\s+)?"
    r"(?:report|call|go|turn)\b)",
    re.DOTALL,
)
# "How many / how much" asks for a figure, which an entry whose answer states none cannot give: such an entry loses
# this share of its score to one that states a figure ("does the government only arrest people, or also talk them out
# of radical views? How many were brought back?" is de-radicalisation's 907, not restraint measures'). English only.
# Dev sets, en right: 0.95 +1, 0.92 +2, 0.88 and 0.85 +3; no wrong answer or off-topic abstention moved.
HOW_MANY = re.compile(r"\bhow\s+(?:many|much|mny|mani|manny)\b")
HOW_MANY_PENALTY = 0.88
# So does the Kazakh "қанша / неше / нешеу" (folded): "2018 da neshe adam sottaldy terrorizm ushin" (convictions in a
# year the briefing does not cover) was answered with the state programme, whose answer states no count.
KK_HOW_MANY = re.compile(r"\b(?:канша|неше|нешеу)\b")
# A Kazakh "how many" of a count (not of a time: "қанша уақытта", "неше күн", "қанша жылға" ask how long, which the
# hotline's and the programme's answers give without a figure) cannot be answered by an entry that states no count,
# however well its other words fit: it is answered at most with "did you mean". The penalty alone left "2018 жылы
# терроризм үшін қанша адам сотталды?" (a year only the state programme's period names) answered with the programme
# at 52.9 on three dev sets, and "«Темір жол-Антитеррор-2019» жаттығуына қанша адам қатысты?" (a count the exercise's
# entry does not give) with the exercise at 77.8.
KK_HOW_MANY_COUNT = re.compile(
    r"\b(?:канша|неше|нешеу)\b(?!\s+(?:уакыт|мерзим|жыл|ай|апта|кун|тулик|сагат|минут|секунд)\w*)"
)

# The Cyrillic readings (Kazakh and Russian, folded) in the order they are applied: a phrase is dropped (" "), read as
# one word ("далказир"), or kept with the word it means added (r"\g<0> …"). Order matters where patterns meet: the
# fillers and greetings go before the phrases they would otherwise be part of.
CYRILLIC_PHRASES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (RU_FILLERS, " "),
    (RU_PRICE, r"\1\2 цена "),
    (RU_YEAR_ENDING, r"\1"),
    (GREETING, " "),
    (PREVENT, " болдырмау "),
    (WHAT_ABOUT, " такырып "),
    (REPORTED, r"\g<0> тексерилетин "),
    (HOW_MANY_YEARS, r"\g<0> мерзим "),
    (PRICE, r"\1багасы"),
    (RIGHT_NOW, "далказир"),
    (WHO_I_AM, r"\g<0> профиль "),
    (RU_WHAT_ABOUT, r"\g<0> такырып "),
    (RU_WHICH_TO_REPORT, r"\g<0> такырып "),
    (RU_IS_IT_YOURS, " такырып "),
    (RU_LANGUAGE_TOO, r"\g<0> язык "),
    (RU_HEARSAY, " "),
    (RU_PLEASE_TELL, " "),
    (RU_TERROR_ACT, " теракты "),
    (RU_ROLE, " "),
    (RU_WORKS_AS, " "),
    (RU_NATIONWIDE, " "),
    (RU_ANTITERROR_BEFORE_NOUN, "антитеррористические"),
    (RU_CODE_NOT_KEPT, r"\g<0> потерял "),
    (RU_CODE_FORGOTTEN, r"\g<0> потерял "),
    (RU_SHOWN_TO_THEM, r"\g<0> видят "),
    (RU_LOCKED_UP_FOR, r"\g<0> осудили "),
    (RU_WHO_REPORTED_HIM, r"\g<0> тексерилетин "),
    (RU_MY_FAMILY_MEMBER, " родственник "),
    (RU_WHERE_PLOTTED, r"\g<0> предотвратили "),
    (RU_STORED_ABOUT_ME, r"\g<0> какие данные хранятся "),
    (RU_LOST_CODE_CLAUSE, r"\1 "),
    (RU_LOST_BELONGING, r"\1\2 "),
    (RU_WHOM_ARRESTED, r"\g<0> меры пресечения "),
    (RU_WHAT_THE_CODE_IS, r"\g<0> назначение "),
    (RU_NEED_FEAR, " угроза "),
    (RU_YEARLY, " ежегодно "),
    (RU_EMERGENCY_NUMBER, " номер экстренной службы "),
    (RU_SERVICE_NUMBER, r"\g<0> экстренной службы "),
    (RU_IMMINENT, " прямо сейчас "),
    (RU_HOW_LONG_IT_LASTS, " "),
    (RU_SET_STRAIGHT, " перевоспитали "),
    (RU_NEW_LIFE, " вернуться к нормальной жизни "),
    (RU_THEIR_FATE, r"\g<0> тексерилетин "),
    (RU_WANT_TO_TELL, " сообщить "),
    (RU_HOW_TO_REPORT, r"\g<0> тасил "),
    (RU_REPORT_STEPS, r"\g<0> тасил "),
    (KK_WHO_I_AM, " "),
    (KK_ABOUT_FIGURE, " "),
    (KK_NOBODY_KNOWS, r"\g<0> анонимди "),
    (KK_DONE, " "),
    (KK_FOR_ONESELF, " "),
    (KK_GREETING_ADDRESS, " "),
    (KK_NOW_WHAT_TO_DO, "далказир"),
    (KK_HOW_TO_REPORT, r"\g<0> тасил "),
    (KK_WHAT_TO_PRESS, r"\g<0> тасил "),
    (KK_CONNECT_ME, r"\1 байланыс "),
    (KK_WHOM_I_WRITE_TO, " киммен сойлесип отырмын "),
    (KK_THEIR_FATE, r"\g<0> тексерилетин "),
    (KK_HIRING_PEOPLE, r"\g<0> тартып "),
    (KK_BRIEFING_GIVEN, r"\g<0> откизди "),
    (KK_SMALL_TALK, " амандасу "),
    (KK_TELL_LIGHTLY, _told_lightly),
    (KK_EMPLOYMENT, r"\g<0> вакансия "),
    (KK_LOST_BELONGING, r"\1 "),
    (KK_DOCUMENT_CHANGE, r"\1 "),
    (KK_AFTER_YEAR, _year_after),
    (KK_PRESENT_BEFORE_PARTICLE, _present_third_person),
)

"""Words that carry no topic: function words and the fillers of a question ("tell me please, how many…").

Written folded (Kazakh letters → Russian look-alikes, ё → е, й → и), because they are compared after folding.
They are also the strongest clue to the language of a short question, so each list keeps its common words.
Chat shorthand ("pls", "rn", "пж", "чё") and greetings are fillers too: counted as words the knowledge base never
uses, they pushed a clear question ("operator pls") below the answer threshold.
Kazakh writes a case ending after a hyphen on abbreviations, names and figures ("ҰҚК-ға", "WhatsApp-та", "2019-да"):
that ending alone is no word either. Kazakh fillers (сияқты, ғой, нақты, мысалы) and the light verbs ету/қылу, which
make a Kazakh verb of a Russian infinitive ("сообщить етемін", "отправить қыламын"), carry no topic either; nor do
the postpositions "about" (жөнінде, жайлы, like туралы), "among" (арасында, ішінде) and "more, about" (көбірек,
шамасында), which counted against the entry as words it never uses; nor "how" said "қайтіп" (it met қайтару,
bringing someone back from radical views); nor "қазір" (now), whose urgency is "дәл қазір" (right now), read as one
word by the answer engine; nor the demonstratives "that one of it" (сонысы, осынысы), which stem to "сон" (after);
nor the frames around a figure heard ("… дейді, рас па?", "ұлым айтады", "дұрыс па", "шын ба"), the Arabic greeting
("Ассаламу алейкум") and "соңғы кездері" (recently), which counted against the entry a figure or a story asked about;
nor "нәрсе" (thing), which is "what" in "қандай нәрселер туралы" and only one entry's phrasing ("күдікті нәрсе") used;
nor "жақсы" (well, good), which the Kazakh stemmer cut to "жақ" (side), a word of "сол жаққа кетуге" (to go over there),
nor "берші" ("айтып берші", tell me), the softened "беріңізші" (questions_dev_k: "телефонды жақсы білмеймін … қадам
қадаммен айтып бершы" read "жақ" and an unknown word).
Nor are "былтыр" (last year, as the Russian "в прошлом году" is a filler), "мұндай / осындай / сондай / ондай" (such),
"жай" (just: "мен жай күдіктеніп тұрмын"), "әзір" (for now), "алғыс" ("алғыс айтамын", thanks), "мұнда" (here, as
"мында" and "осында" are) and "бойы" ("түні бойы", all night long): counted as
unknown words they kept Kazakh questions of questions_dev_n and _p just under the answer threshold.
The nods that open a Russian follow-up ("понятно", "ясно", "ага": "ия понятно. а правда что …") are no topic either:
counted as unknown words, they kept a figure question below the answer threshold (questions_dev_i); nor is "например"
(for example) or "допустим"; nor "туда" (there, as "там" is), "всякие" (all sorts of), "какие-то" (some) and
"спрашивает" (she asks), which counted against the entry a question of questions_dev_j asked about.
"""

from __future__ import annotations

from bot.answers.text_folding import fold_cyrillic

_RU = """
а без более бы был была были было быть в вам вас ваш вас весь во вот все всего всех вы где да даже для до его ее
если есть еще же за здесь и из или им их к как какая какие каким каких какои какое каков когда кого кто ли либо мне
мнои можно мои мы на над надо нам нас наш не него нее нет ни них но ну о об он она они оно от по под пожалуиста
подскажите при про раз с сам свои себе себя со так также такои там те тем то тогда того тоже тои только том ту тут
ты у уже хоть чего чем что чтобы чье чьи эта эти это этои этом этот я скажите расскажите скажи расскажи подскажи
знать хочу хотел хотела интересно здравствуите привет добрыи уважаемыи уважаемые спасибо что-то кто-то какои-то
просто ладно хорошо хотелось узнать объясните подскажите-ка слушаите извините ок океи щас типа короче какую какого
какому реально интересует вопрос вообще правда ли сколько какои-то кто-то где-то зачем почему очень много всего
итого прошлом году год году года вот какие-нибудь ведь разве неужели именно бывает было-ли
че чё плиз пж пжл пжлст пжлста ваще вобще блин ребят ребята алло здрасте здрасьте доброго вечер утро
прошу поясните пояснить уточните уточнить
чтоли штоли че-то чет щас плс пжста спс норм
заранее признателен признательна благодарен благодарна будьте добры сожалению извиняюсь
слышал слышала слыхал читал читала прочитал прочитала говорят сказали писали пишут верно слух слухи
образом стало стал стала иначе прежде понял поняла понять
этим этих этому эту этого тех теми тому тот всем всеми вся всю сама само сами самим самого
около примерно приблизительно почти порядка малого десятки десятков сотни сотен полторы полтора наверное наверно
стали вчера сегодня недавно давно вокруг благодарю благодарим желаю крепкого здоровья удачи
меня раньше следует одной одном одного одну вроде честно ничего немного действительно подскажете
моя мое моего моей моему моим моих мою свое своя своего своей своему своим своих свою ей ему ней нему ним нем
ваша ваше вашего вашей вашим ваших вашу твои твоя твое твоего твоей
понятно ясно ага угу лишним хвостиком например допустим
туда всякои всякие всякого всякую всяких какие-то какую-то каких-то спрашивает спрашивают спрашивала
такая такие таких такое таким такими такую иногда лучше несколко
ихнии ихние ихних ихнего ихнеи ихнему ихним ихними ихнюю ихняя ихнее знаю
"""

_KK = """
ким мен сен сиз ол биз сиздер олар бул сол осы анау мына ана не кандаи калаи канша кашан каида кими кимге кимди неге
нешe неше нешеу ма ме ба бе па пе ғой гои да де та те жане мен бен пен менен бенен пенен ушин туралы бар жок емес
еди екен деген дейди айтыныздаршы айтыныздаршы айтыныз айтшы айтып беринизши айтып бериниз билгим келеди билгим
керек билеиин салеметсиз салем рахмет каиырлы отинемин бирдене биреу алги кеп коп ете ен кандаи-да бир барлыгы
барлык жылы жыл жылдын осы-дан кеше кеирек керек ме екен ба екен шынымен рас па рас ма ия иа жок сизде бизде менде
осында мында сонда
саламатсыз саламатсызба салеметсизбе салем-саукат курметти кешириниз кешириниздер алдын айналаиын ше шы
ракмет сау ассалаумагалеикум ассаламуагалеикум уагалеикумассалам алла разы
сияқты секілді ғой ғана әйтеуір шынымды шынында
айтсам мысалы сосын нақты онша қатты әбден кімдікі соны кейде нешеуі нешесі
бірақ әлде егер немесе сондықтан өйткені себебі
жөнінде жайлы жайында жөніндегі жайындағы
арасында арасындағы арасынан ішінде ішіндегі ішінен көбірек азырақ шамасында шамасындай
қайтіп қалайша
қазір
сонысы сонысын осынысы осынысын мынаны мынасы
ға ге қа ке ны ні ды ді ты ті ның нің дың дің тың тің нда нде дағы дегі тағы тегі
ым ім ың ің ыңыз іңіз сы сі ымыз іміз лар лер дар дер тар тер ларды лерді дарды дерді тарды терді
ымды імді ымның імнің ымға імге ымда імде ымнан імнен ыңды іңді ыңызды іңізді
сын сін сына сіне сында сінде ын ін ына іне
ету етемін етеміз етесіз етесің етіп етті еттім етеді етсем етсек етуге етейін етуім етем
қылу қыламын қыламыз қылып қылдым қылды қылса қылсам қылуға
армысыз армысыздар сәлеметсіздер саламатсыздар
деп дедім деді дедік дейін десем деймін
қайтем қайтемін қайтеміз қайтейін қайтсем
шамамен шамасы шамалы жуық шақты мөлшерінде
біреулер біреулермен біреулерді біреулердің біреуге біреуді біреудің біреумен
естідім естідік естіп естіген естігенмін естуімше оқыдым дегенді солай
айтады айтты айтыпты дейтін деседі дұрыс дұрыспа шын шынба шыны
ассаламу алейкум әлейкум уағалейкум саламалейкум ассаламағалейкум соңғы кездері
нәрсе нәрселер нәрсені нәрселерді нәрсеге нәрселерге нәрсенің бірнәрсе
скока скоко өзі
жақсы жақсылап берші бершы нендей
былтыр мұндай осындай сондай ондай жай әзір алғыс мұнда бойы
"""

_EN = """
a about above after again against all am an and any are as at be been before being below between both but by can
could did do does doing down during each few for from further had has have having he her here hers him his how i if
in into is it its itself just me more most my no nor not now of off on once only or other our out over own please
same she should so some such than that the their them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your tell know want wanted wonder
curious hello hi hey dear thanks thank something anything someone anyone thing things ok okay yes also just still
even wait well like guys sir madam question really actually many much kind sort get got there's what's
pls plz u ur ya rn thru lol omg wanna gonna gotta whats dont didnt doesnt hows whos hes im ive idk btw yeah
good evening morning afternoon appreciate regards kindly bye goodbye clarify clarifying
approximately roughly nearly almost around hundreds dozens
lot lots sure little bit stuff exactly
don doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn cant wont ll ve re
heard hear read true correct accurate confirm rumour rumor rumours rumors somewhere say says said
sorry bother wat wht hw tho smth sth hre mny abt bc cuz coz thx ty pls plss lemme gimme kinda sorta tbh ngl
per maybe probably perhaps make making made must shall might ought told always sometimes ever already quite
"""

STOP_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(fold_cyrillic(word) for word in _RU.split()),
    "kk": frozenset(fold_cyrillic(word) for word in _KK.split()),
    "en": frozenset(_EN.split()),
}

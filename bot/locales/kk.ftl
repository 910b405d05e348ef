# Kazakh texts of the Trust Hotline bot. Every message here must exist in en.ftl and ru.ftl too.
# Arguments filled by the bot: { $emergency } (emergency number), { $police }, { $retention } (days).
# Terms: report = хабарлама (хабарлау), receipt code = өтініш коды, operator = оператор.
# Never attach a case suffix to an argument (the suffix would depend on the number): «{ $retention } күннен», not «{ $retention }-нен».

## Start, menu and general commands

welcome =
    Сәлеметсіз бе! Бұл — Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің сенім телефоны.
    Мен терроризм мен экстремизмге қарсы іс-қимыл туралы сұрақтарға жауап беремін және құпия хабарламаларды қабылдаймын.

    🔒 Хабарламаларыңызбен бірге Telegram-дағы атыңыз, username және телефон нөміріңіз сақталмайды. Бұл — құпиялылық, бірақ анонимдік емес: ботқа кім жазып отырғанын Telegram-ның өзі біледі. Толығырақ: /privacy.
emergency-notice = 🚨 Егер біреуге тікелей қауіп төніп тұрса, дереу { $emergency } нөміріне қоңырау шалыңыз. Бұл бот жедел қызмет емес және бірден жауап бермейді.
menu-prompt = Не істегіңіз келеді?
menu-ask = ❓ Сұрақ қою
menu-report = 📝 Хабарлау
menu-status = 🔎 Хабарлама мәртебесі
menu-language = 🌐 Тіл
menu-about = ℹ️ Бот және құпиялылық туралы
ask-prompt = Сұрағыңызды өз сөзіңізбен қазақ, орыс немесе ағылшын тілінде жазыңыз. Мысалы: «2019 жылы терроризм үшін қанша адам сотталды?»
help =
    Мен мыналарды істей аламын:
    • терроризмге қарсы іс-қимылдың 2019 жылғы қорытындылары және осы сенім телефоны туралы сұрақтарға жауап беру — сұрағыңызды жаза беріңіз;
    • құпия хабарлама қабылдау — /report;
    • мен жауап бере алмайтын сұрақты адамға жеткізу — /person;
    • хабарламаның мәртебесін және операторлардың жауаптарын көрсету — /status, содан кейін мен сұрағанда кодыңызды жіберіңіз.

    Басқа командалар: /language — тілді ауыстыру, /privacy — не сақталады, /about — бот туралы, /cancel — ағымдағы әрекетті тоқтату.
about =
    Қазақстан Республикасы Ұлттық қауіпсіздік комитетінің Telegram-дағы сенім телефоны.
    Жауаптар Антитеррорлық орталықтың 2019 жылдың қорытындысы бойынша брифинг материалдарына негізделген. Хабарламалар сенім телефонының операторларына түседі, олар әр хабарламаны қарайды.
privacy =
    🔒 Бот нені сақтайды, нені сақтамайды

    • Хабарламалар: олардың мәтіні, тіркелген файлдар және өтініш кодының қайтымсыз түрлендірілген (хештелген) нұсқасы. Хабарламамен бірге Telegram ID, аты-жөн, username және телефон нөмірі сақталмайды.
    • Хабарлама жабылғанға дейін операторлардың жауаптарын сізге жеткізу үшін чат идентификаторы шифрланған түрде сақталады. Ол хабарлама жабылғанда немесе сіз диалогты аяқтағанда жойылады.
    • Жабылған хабарламалар { $retention } күннен кейін жойылады; тек ешкімді анықтамайтын жалпы статистика қалады.
    • Таңдаған тіліңіз Telegram ID бойынша емес, хештелген кілт бойынша сақталады.
    • Бот жауап бере алмаған сұрақтар жауаптарды жақсарту үшін тек мәтін түрінде сақталады және { $retention } күннен кейін жойылады.

    ⚠️ Құпия түрде жіберу — анонимді жіберу емес: ботқа кім жазып отырғанын Telegram-ның өзі біледі. «Файл ретінде» жіберілген фотосуреттерде түсірілген жер туралы деректер сақталуы мүмкін — оларды фото ретінде жіберіңіз. Бұл чатты Telegram-да кез келген уақытта өшіре аласыз, бірақ бұл жіберілген хабарламаны жоймайды.

## Language

language-choose = Тілді таңдаңыз:
language-set = Дайын: енді сізбен қазақ тілінде сөйлесемін.

## Questions and answers

answer-feedback-prompt = Бұл жауап пайдалы болды ма?
feedback-yes = 👍 Иә
feedback-no = 👎 Жоқ
feedback-thanks = Рақмет! Бұл жауаптарды жақсартуға көмектеседі.
suggest-intro = Сұрағыңызды дұрыс түсінгеніме сенімді емеспін. Мүмкін, мыналардың бірін сұрағыңыз келген болар:
see-also-intro = Егер бұл жауап сұрағыңызға сай келмесе, мүмкін, мынаны сұрағыңыз келген шығар:
unknown-answer = Кешіріңіз, бұл сұраққа жауабым жоқ. Сұрақты басқаша қойып көріңіз. Ал күдікті бір нәрсе туралы хабарлағыңыз келсе, хабарлама жіберіңіз.
unknown-report-button = 📝 Хабарлама жіберу

## Bad input

not-text = Мұнда мен тек мәтінді оқи аламын. Сұрағыңызды сөзбен жазыңыз. Фото, бейне немесе файл жіберу үшін /report командасы арқылы хабарлама жіберуді бастаңыз.
too-long = Сұрақ үшін бұл мәтін тым ұзын ({ $limit } таңбадан артық). Қысқаша сұраңыз, ал бір жағдайды толық сипаттағыңыз келсе, /report командасын пайдаланыңыз.
empty-text = Сұрағыңызды сөзбен жазыңыз.
unknown-command = Мұндай команданы білмеймін. Менің не істей алатынымды /help командасынан қараңыз.
stale-button = Бұл батырма енді жарамсыз. Мәзірді пайдаланыңыз: /start
slow-down = Сіз тым жиі жазып жатырсыз. Бірнеше секунд күтіп, қайталап көріңіз.
edited-message = Жіберілген мәтінге енгізілген түзетулерді көрмеймін. Түзетілген мәтінді қайта жіберіңіз.
private-only = Жазғаныңыз құпия болып қалуы үшін мен тек жеке чатта жұмыс істеймін. Менімен жеке чат ашыңыз.
error-generic = Кешіріңіз, жүйеде қате шықты. Бір минуттан кейін қайталап көріңіз.

## Bot commands (shown in Telegram's command menu)

command-start = Басты мәзір
command-help = Бот не істей алады
command-report = Құпия хабарлама жіберу
command-status = Хабарламаны өтініш коды бойынша тексеру
command-language = Тілді ауыстыру
command-privacy = Не сақталады және қанша уақыт
command-about = Сенім телефоны туралы
command-cancel = Ағымдағы әрекетті тоқтату

## Flows

cancelled = Тоқтатылды. Ештеңе жіберілген жоқ.
nothing-to-cancel = Тоқтататын ештеңе жоқ.

## Reporting (citizens)

report-intro =
    📝 Құпия хабарлама. Ол бірнеше қадамнан тұрады: не туралы екені, не көргеніңіз, сондай-ақ қаласаңыз — фото немесе файлдар, орны мен уақыты. Кез келген сәтте /cancel командасымен тоқтата аласыз.

    🔒 Хабарламамен бірге атыңыз, username және телефон нөміріңіз сақталмайды. Ботқа кім жазып отырғанын Telegram-ның өзі біледі.
report-choose-category = Хабарлама не туралы?
# /report's first message: the introduction, the emergency notice and the category question together (one message
# where there were three: the category buttons sit right under what they answer).
report-start =
    { report-intro }

    { emergency-notice }

    { report-choose-category }
category-terror_plot = 💣 Террористік акт дайындау
category-recruitment = 🗣 Адамдарды тарту (вербовка)
category-online_content = 🌐 Интернеттегі экстремизм немесе насихат
category-weapons = 🔫 Қару, жарылғыш зат, күдікті зат
category-other = ❔ Басқа
report-cancel-button = ✖️ Бас тарту
report-describe = Не көргеніңізді немесе не білетініңізді сипаттаңыз: не, кім, қайда, қашан. Өз сөзіңізбен кемінде { $min } таңба жазыңыз.
report-description-too-short = Толығырақ сипаттаңыз: кемінде { $min } таңба.
report-description-too-long = Мәтін { $max } таңбадан ұзын. Қысқартыңыз; толық мәліметтерді кейін бөлек хабарламалармен қосуға болады.
report-need-text = Жағдайды сөзбен (мәтіндік хабарламамен) сипаттаңыз. Фото мен файлдарды келесі қадамда қосуға болады.
report-evidence =
    Енді фото, бейне, құжат, дауыстық хабарлама немесе сілтеме қоса аласыз — оларды бір-бірден немесе альбом түрінде жіберіңіз. Тағы бірдеңе қосқыңыз келсе, осында жазыңыз: мәтін сипаттамаға қосылады.
    ⚠️ «Файл ретінде» жіберілген фотосуреттерде метадеректер, соның ішінде түсірілген жер туралы деректер сақталады; суреттерді файл емес, фото ретінде жіберіңіз.
    Енді фото, бейне, құжат, дауыстық хабарлама немесе сілтеме қоса аласыз — оларды бір-бірден немесе альбом түрінде жіберіңіз.
    ⚠️ «Файл ретінде» жіберілген фотосуреттерде метадеректер, соның ішінде түсірілген жер туралы деректер сақталады; суреттерді файл емес, фото ретінде жіберіңіз.
    Аяқтаған соң «Дайын» батырмасын басыңыз.
report-evidence-done-button = ✅ Дайын
report-evidence-skip-button = ⏭ Өткізіп жіберу
report-evidence-added = Қосылды (барлығы: { $count }). Тағы жіберіңіз немесе «Дайын» батырмасын басыңыз.
report-evidence-file-warning = ⚠️ Бұл сурет файл ретінде жіберілді: онда қай жерде және қашан түсірілгені туралы деректер болуы мүмкін. Ол сіз жіберген күйінде тіркелді; қаласаңыз, оны фото ретінде қайта жіберіңіз.
report-evidence-unsupported = Мұны тіркеу мүмкін емес. Фото, бейне, құжат, дауыстық хабарлама немесе сілтеме жіберіңіз не «Дайын» батырмасын басыңыз.
report-evidence-limit = Бір хабарламаға ең көбі { $limit } тіркеме қосуға болады. Жалғастыру үшін «Дайын» батырмасын басыңыз.
report-place = Бұл қай жерде болды? 📎 арқылы геолокация жіберіңіз немесе мекенжайды не бағдарды жазыңыз. Немесе «Өткізіп жіберу» батырмасын басыңыз.
report-time = Бұл қашан болды немесе әлі де болып жатыр ма? Кез келген түрде жазыңыз («бүгін сағат 15:00 шамасында», «жұма сайын»). Немесе «Өткізіп жіберу» батырмасын басыңыз.
report-review =
    Хабарламаңызды тексеріңіз:

    Санат: { $category }
    Сипаттама: { $description }
    Тіркемелер: { $evidence }
    Орны: { $place }
    Уақыты: { $time }
report-not-given = көрсетілмеген
report-location-given = геолокация жіберілді
report-review-privacy = 🔒 Хабарлама сенім телефонының операторлары үшін сақталады, онымен бірге Telegram-дағы атыңыз, username және телефон нөміріңіз сақталмайды; жабылған хабарлама { $retention } күннен кейін жойылады. Ботқа кім жазып отырғанын Telegram-ның өзі біледі.
report-submit-button = 📨 Жіберу
report-add-more-button = ➕ Толықтыру
report-use-buttons = Хабарлама астындағы батырмаларды пайдаланыңыз: «Жіберу», «Толықтыру» немесе «Бас тарту».
report-received =
    ✅ Хабарламаңыз қабылданып, тіркелді.

    Өтініш кодыңыз: { $code }

    Бұл кодты дәл қазір сақтап қойыңыз — жазып алыңыз немесе қауіпсіз жерде сақтаңыз. Ол тек бір рет көрсетіледі және оны қалпына келтіру мүмкін емес: біз оны сақтамаймыз.
    Мәртебені тексеріп, операторлардың жауаптарын оқу үшін (кез келген аккаунттан) «🔎 Хабарлама мәртебесі» батырмасын басыңыз (немесе /status жіберіңіз) да, мен сұрағанда кодты жіберіңіз. Код чатта қалмауы үшін ол хабарламаны бірден өшіремін.
report-already-received = Бұл хабарлама бұрын қабылданған.
report-limit = Соңғы 24 сағатта көп хабарлама жібердіңіз. Келесісін жібермес бұрын біраз күтіңіз. Егер біреуге қауіп төніп тұрса, { $emergency } нөміріне қоңырау шалыңыз.
code-in-message = ⚠️ Бұл хабарламада өтініш коды бар сияқты, сондықтан оны өшірдім және сақтаған жоқпын. Хабарламаны тексеру үшін алдымен «🔎 Хабарлама мәртебесі» батырмасын басыңыз (немесе /status жіберіңіз), содан кейін мен сұрағанда кодты жіберіңіз.

## Status and dialogue (citizens)

status-ask-code = Өтініш кодыңызды жіберіңіз (мысалы, ABCD-1234-EFGH-5678).
status-not-found = Бұл кодпен хабарлама табылмады. Кодты тексеріп, қайталап көріңіз.
status-too-many = Талпыныс тым көп болды. Бір сағаттан кейін қайталап көріңіз.
status-new = қабылданды, қарауды күтуде
status-in_review = қаралуда
status-closed = жабылды
status-view = Хабарлама мәртебесі: { $status }
status-no-messages = Операторлар сізге әлі жазған жоқ.
status-operator-message = 💬 Оператор, { $date }:
    { $text }
status-reply-button = ✍️ Операторларға жауап беру
status-end-button = 🔚 Диалогты аяқтау
status-write-reply = Операторларға жауабыңызды бір хабарламамен жазыңыз.
status-reply-sent = Жауабыңыз операторларға жеткізілді.
status-reply-closed = Бұл хабарлама жабылған; ол бойынша енді жауап қабылданбайды.
status-session-expired = «🔎 Хабарлама мәртебесі» батырмасын басыңыз (немесе /status жіберіңіз) және кодыңызды қайта жіберіңіз.
status-dialogue-ended = Диалог аяқталды: операторлар енді бұл чатта сізге жаза алмайды. Мәртебені бұрынғыдай тексере аласыз: /status, содан кейін кодыңыз.
status-code-deleted = Қауіпсіздігіңіз үшін кодыңыз бар хабарламаны осы чаттан өшірдім.
operator-message-to-citizen =
    💬 Сенім телефонының операторлары хабарламаңыз бойынша жазды:

    { $text }

    Жауап беру үшін /status командасын кодыңызбен пайдаланыңыз.

## Operators

op-card =
    { $urgent ->
        [yes] 🚨 ШҰҒЫЛ
       *[no] 🆕 Жаңа
    } өтініш { $number }
    Санат: { $category }
    Тіл: { $language }
    Қабылданды: { $time }
    Тіркемелер: { $evidence }{ $similar }
op-card-similar = { "" }
    { $number } өтінішіне ұқсас
op-card-happening-now = { $now ->
        [yes] 🔴 Дәл қазір болып жатыр: ИӘ, өтініш берушінің айтуынша
        [no] Дәл қазір болып жатыр: жоқ, өтініш берушінің айтуынша
       *[unknown] Дәл қазір болып жатыр ма: белгісіз (өтініш берушіден сұралмады)
    }
op-urgent-alert = 🚨 Шұғыл өтініш { $number }: мәтінде тікелей қауіпті білдіруі мүмкін сөздер бар. Оны дереу қарауға алыңыз.
op-reminder = ⏰ { $number } өтінішін { $minutes } минут бойы ешкім қарауға алмады.
op-citizen-replied = 💬 Өтініш беруші { $number } өтініші бойынша жауап берді.
op-dialogue-ended = 🔚 Өтініш беруші { $number } өтініші бойынша диалогты аяқтады; енді ол жауаптарды тек /status арқылы көреді.
op-button-open = 📂 Ашу
op-button-claim = ✋ Қарауға алу
op-button-status = 🏷 Мәртебе
op-button-reply = 💬 Жауап беру
op-button-note = 📝 Жазба
op-button-release = ↩️ Кезекке қайтару
op-status-in_review = Қаралуда
op-outcome-actioned = Жабылды: шаралар қабылданды
op-outcome-referred = Жабылды: басқа органға жіберілді
op-outcome-duplicate = Жабылды: қайталанған өтініш
op-outcome-no_action = Жабылды: шара қажет емес
op-outcome-spam = Жабылды: спам
op-case-details =
    📂 { $number } өтініші — { $status }{ $outcome }
    Санат: { $category } · Тіл: { $language } · { $urgent ->
        [yes] шұғыл
       *[no] шұғыл емес
    }
    Қабылданды: { $time }
    Орындаушы: { $claimed }
    Орны: { $place }
    Уақыты: { $incident }
    Өтініш берушіге Telegram-да жазуға болады: { $route }

    { $description }
op-case-messages = Диалог:
op-case-message-in = ← өтініш беруші ({ $date }): { $text }
op-case-message-out = → оператор #{ $operator } ({ $date }): { $text }
op-case-notes = Ішкі жазбалар:
op-case-note = • оператор #{ $operator } ({ $date }): { $text }
op-evidence-link = 🔗 { $text }
op-nobody = тағайындалмаған
op-operator = оператор #{ $id }
op-yes = иә
op-no = жоқ
op-claimed = ✋ { $number } өтініші { $hours } сағатқа сізге бекітілді.
op-already-yours = { $number } өтініші сізге бекітілген.
op-taken = { $number } өтінішімен басқа оператор айналысып жатыр.
op-closed = { $number } өтініші жабылған.
op-not-found = Мұндай өтініш жоқ.
op-released = { $number } өтініші кезекке қайтарылды.
op-not-released = { $number } өтініші сізге бекітілмеген.
op-choose-status = { $number } өтінішінің жаңа мәртебесі:
op-status-set = { $number } өтініші: { $status }.
op-status-not-set = { $number } өтінішін өзгерту мүмкін болмады: алдымен оны қарауға алыңыз (немесе ол жабылған).
op-write-reply = ✍️ { $number } өтініші бойынша өтініш берушіге арналған мәтінді осы хабарламаға жауап ретінде жазыңыз. Оны бот сіздің атыңызсыз жібереді.
op-write-note = 📝 { $number } өтінішіне ішкі жазбаны осы хабарламаға жауап ретінде жазыңыз. Ол өтініш берушіге ешқашан жіберілмейді.
op-reply-queued = Жауап { $number } өтініші бойынша өтініш берушіге жіберу кезегіне қойылды.
op-reply-refused = Жіберілмеді: алдымен { $number } өтінішін қарауға алыңыз (немесе ол жабылған).
op-note-saved = { $number } өтінішіне жазба сақталды.
op-forbidden = ⛔ Рұқсат жоқ.
op-queue-empty = Өтініштер жоқ.
op-queue-title = Өтініштер ({ $filter }):
op-queue-line = { $urgent ->
        [yes] 🚨
       *[no] •
    } { $number } · { $category } · { $status } · { $time }{ $now ->
        [yes] {" "}· 🔴 дәл қазір болып жатыр
       *[other] {""}
    }
op-queue-usage = Пайдалану: /queue [new | mine | unclaimed | urgent | overdue]
op-case-usage = Пайдалану: /case HT-00042
op-stats =
    📊 Өтініштер: { $total } (шұғыл: { $urgent })
    Мәртебе бойынша: { $by_status }
    Санат бойынша: { $by_category }
    Тіл бойынша: { $by_language }
    Қарауға алуға дейінгі уақыт медианасы: { $to_claim } мин · алғашқы жауапқа дейін: { $to_reply } мин
    Білім базасы, соңғы 30 күн: жауап берілді — { $answered }, «мүмкін, мынаны сұрадыңыз» — { $suggested }, жауапсыз — { $unknown } (жауап берілген үлесі: { $hit_rate })
op-stats-none = –
op-export-ready = Экспорт: { $count } өтініш ({ $format }), жеке басты анықтайтын ешбір деректерсіз.
op-export-usage = Пайдалану: /export [csv | json]
op-audit-title = Аудит журналы (алдымен жаңалары):
op-audit-line = { $time } · { $who } · { $action } · { $case } { $detail }
op-admin-usage = Пайдалану: /op_add TELEGRAM_ID [admin | operator | analyst | editor] · /op_remove TELEGRAM_ID
op-operator-set = Оператор { $id }: енді рөлі — { $role }.
op-operator-removed = Оператор { $id } жойылды.

## Азаматтың жолы (12-тапсырма): санат бойынша сауалнама, хабарламаны тексеру, адаммен байланыс

command-person = Операторларға сұрақ қою
citizen-ask-person-button = 🙋 Адамнан сұрау
citizen-report-text-added = Сипаттамаға қосылды. Тағы бірдеңе жіберіңіз немесе «Дайын» батырмасын басыңыз.
citizen-report-answer-place = Геолокация жіберіңіз (📎 → Геолокация) немесе орынды сөзбен жазыңыз — не «Өткізіп жіберу» батырмасын басыңыз.
citizen-report-answer-words = Сөзбен (мәтіндік хабарламамен) жауап беріңіз — не «Өткізіп жіберу» батырмасын басыңыз.
citizen-report-review =
    Хабарламаңызды тексеріңіз:

    Санаты: { $category }
    Сипаттамасы: { $description }
    Тіркемелер: { $evidence }
    { $answers }
# The review with its privacy note and the emergency notice, the buttons under them: one message where there were three.
citizen-report-review-to-submit =
    { citizen-report-review }

    { report-review-privacy }

    { emergency-notice }
citizen-report-review-answer = { $label }: { $answer }
citizen-report-add-more-button = ➕ Толықтыру (мәтін не файл)
citizen-report-edit-description-button = ✏️ Сипаттаманы қайта жазу
citizen-report-edit-category-button = 🏷 Санатты өзгерту
citizen-report-use-buttons = Хабарлама астындағы батырмаларды пайдаланыңыз: «Жіберу», «Толықтыру», «Сипаттаманы қайта жазу», «Санатты өзгерту» немесе «Бас тарту».
citizen-report-limit-at-submit = Соңғы тәулікте сіз көп хабарлама жібердіңіз, сондықтан бұл хабарлама әзірге жіберілмеді. Жоба сақталды: кейінірек «Жіберу» батырмасын қайта басыңыз. Біреуге қауіп төніп тұрса, { $emergency } нөміріне қоңырау шалыңыз.
citizen-status-not-a-code = Бұл өтініш коды емес. Код 16 әріп пен цифрдан тұрады, мысалы ABCD-1234-EFGH-5678. Кодты жіберіңіз немесе /cancel.
citizen-status-closed-outcome = жабылды — { $outcome }
citizen-outcome-actioned = хабарламаңыз бойынша шаралар қабылданды
citizen-outcome-referred = құзырлы органға берілді
citizen-outcome-duplicate = бұл туралы бұрын хабарланған
citizen-outcome-no_action = қаралды, шара қажет болмады
citizen-outcome-spam = қаралды
citizen-outcome-none = қаралды
citizen-question-view = Операторларға қойған сұрағыңыз: { $status }
citizen-status-own-message = 🙋 Сіз, { $date }:
    { $text }
citizen-end-confirm = Диалогты аяқтайсыз ба? Операторлар енді бұл чатта сізге жаза алмайды, мұны қайтару мүмкін емес. Мәртебені бұрынғыдай кодпен тексере аласыз.
citizen-end-yes-button = 🔚 Иә, аяқтау
citizen-end-no-button = ↩️ Жоқ, жалғастыру
citizen-end-kept = Диалог жалғасады: операторлар сізге осында жаза алады.
citizen-person-prompt =
    🙋 Сенім телефонының операторларына сұрағыңызды бір хабарламамен жазыңыз. Оны адам оқып, осы чатта жауап береді — бірден емес, әдетте бір жұмыс күні ішінде.

    🔒 Сұрақ Telegram-дағы атыңызсыз, пайдаланушы атыңызсыз және нөміріңізсіз сақталады; бұл ботқа кім жазатынын Telegram-ның өзі біледі. Біреуге қауіп төніп тұрса, дәл қазір { $emergency } нөміріне қоңырау шалыңыз.
citizen-person-too-short = Сұрағыңызды бірнеше сөзбен жазыңыз.
citizen-person-need-text = Сұрағыңызды сөзбен (мәтіндік хабарламамен) жазыңыз.
citizen-person-limit = Соңғы тәулікте сіз көп сұрақ пен хабарлама жібердіңіз. Жаңасын жібермес бұрын біраз күтіңіз. Біреуге қауіп төніп тұрса, { $emergency } нөміріне қоңырау шалыңыз.
citizen-person-received =
    ✅ Сұрағыңыз операторларға жеткізілді. Жауап осы чатқа келеді.

    Кодыңыз: { $code }

    Жауапты кейін көргіңіз немесе кез келген аккаунттан жауап жазғыңыз келсе, оны сақтаңыз: «🔎 Хабарлама мәртебесі» батырмасын басыңыз (немесе /status жіберіңіз) да, мен сұрағанда кодты жіберіңіз.
citizen-feedback-not-helped = Жауап көмектеспегеніне өкінеміз. Адамнан сұрай аласыз — оператор осы чатта жауап береді — немесе хабарлама жібере аласыз.
citizen-operator-answer =
    💬 Сенім телефонының операторлары сұрағыңызға жауап берді:

    { $text }

    Жауап жазу үшін /status командасын кодыңызбен пайдаланыңыз.
citizen-op-question-card =
    { $urgent ->
        [yes] 🚨 ШҰҒЫЛ сұрақ
       *[no] ❓ Сұрақ
    } { $number } — азамат адамнан сұрайды (оқиға туралы хабарлама емес)
    Тіл: { $language }
    Қабылданды: { $time }
citizen-op-kind-question = ❓ Адамға қойылған сұрақ
citizen-op-answers = Санат сұрақтарына жауаптар:
citizen-op-answer = • { $label }: { $answer }
citizen-op-templates = Немесе { $number } өтініші бойынша дайын жауап жіберіңіз: өтініш беруші оны өз тілінде ({ $language }) алады.
citizen-op-template-sent = { $number } өтініші бойынша өтініш берушіге жіберілді:
    { $text }
## security (issue 11): case content goes to the operator who asked, in a private chat
security-sent-privately = { $what }: ботпен жеке чатыңызға жіберілді.
security-start-private-chat = Ботпен жеке чат ашып, «Бастау» түймесін басыңыз, содан кейін қайта сұраңыз: өтініш материалдары тек сонда жіберіледі.
security-what-case = { $number } өтініші
security-what-export = Экспорт
## Danger recognition (bot/answers/danger.py): a message that signals immediate danger.
danger-notice = 🚨 Егер бұл дәл қазір болып жатса немесе біреуге қауіп төніп тұрса, дереу { $emergency } нөміріне қоңырау шалыңыз (полиция — { $police }). Бұл бот жедел қызмет емес және бірден жауап бермейді. Қауіпсіз жерге жеткенде, бұл туралы осында /report арқылы хабарлай аласыз.
danger-happening-now = Бұл дәл қазір болып жатыр ма?
danger-now-yes-button = 🚨 Иә, дәл қазір
danger-now-no-button = Жоқ
danger-call-now = 🚨 Дәл қазір { $emergency } нөміріне қоңырау шалыңыз (полиция — { $police }): операторлар хабарламаларды оқиды, бірақ бірден емес. Мүмкіндік болғанда, хабарламаны осында жалғастырыңыз — ол шұғыл деп белгіленеді.
## ---- console: the operators' web console (bot/console), its sign-in and /console in Telegram
console-title = Сенім телефонының консолі
console-footer = Уақыт { $zone } белдеуі бойынша көрсетілген. Құпия: тек сенім телефонының қызметкерлеріне арналған.
console-nav-queue = Кезек
console-nav-dashboard = Жиынтық
console-nav-my-sessions = Менің сеанстарым
console-nav-staff = Қызметкерлер
console-nav-sessions = Сеанстар
console-nav-audit = Аудит журналы
console-nav-export = Экспорт
console-sign-out = Шығу
console-operator = оператор №{ $id }
console-role-admin = әкімші
console-role-operator = оператор
console-role-editor = редактор
console-role-analyst = талдаушы
console-error-title = Бірдеңе дұрыс болмады
console-error-text = Бетті көрсету мүмкін болмады. Ештеңе өзгерген жоқ; қайталап көріңіз, қате қайталанса, әкімшіге хабарлаңыз.
console-forbidden-title = Рұқсат жоқ
console-forbidden-text = Рөліңіз бұған рұқсат бермейді. Бұл әрекет аудит журналына жазылды.
console-signed-out-title = Консольге кіріңіз
console-signed-out-text = Сіз консольге кірмегенсіз немесе сеансыңыз аяқталды. Жаңа кіру сілтемесін алу үшін ботқа жеке чатта /console жіберіңіз.
console-csrf-title = Форманың мерзімі өтті
console-csrf-text = Форма консольдің ағымдағы бетінен жіберілмеді, сондықтан ештеңе өзгерген жоқ. Артқа қайтып, бетті жаңартыңыз да, қайталаңыз.
console-link-refused-title = Сілтеме енді жарамсыз
console-link-refused-text = Кіру сілтемесі бір рет және тек 5 минут жарамды. Жаңасын алу үшін ботқа жеке чатта /console жіберіңіз.
console-bye-title = Сіз шықтыңыз
console-bye-text = Сіз консольден шықтыңыз. Қайта кіру үшін ботқа жеке чатта /console жіберіңіз.
console-signin-title = Кіру
console-signin-text = Бұл бір реттік сілтеме консольге кіруді ашады. Тек өтініштермен жұмыс істейтін компьютеріңізде жалғастырыңыз.
console-signin-continue = Жалғастыру
console-code-title = Растау коды
console-enrol-text = Алғашқы кіру: осы QR-кодты аутентификатор қолданбасымен (мысалы, Aegis, FreeOTP, Google Authenticator) сканерлеп, ол көрсеткен 6 таңбалы кодты енгізіңіз.
console-enrol-secret = Немесе қолданбаға мына кілтті енгізіңіз:
console-enrol-once = Кілт тек қазір көрсетіледі. Оны суретке түсірмеңіз және ешкімге жібермеңіз.
console-code-label = Аутентификатор қолданбасындағы 6 таңбалы код
console-code-submit = Кіру
console-code-wrong = Код қате немесе бұрын пайдаланылған. Келесі кодты күтіп, қайталап көріңіз.
console-queue-title = Өтініштер
console-search = Іздеу (сипаттама, орын, диалог, жазбалар)
console-filter-status = Мәртебе
console-filter-category = Санат
console-filter-urgency = Шұғылдық
console-filter-language = Тіл
console-filter-assignee = Орындаушы
console-filter-tag = Белгі
console-filter-since = Бастап
console-filter-until = Дейін
console-sort = Реті
console-sort-newest = алдымен жаңалары
console-sort-oldest = алдымен ескілері
console-sort-urgent = алдымен шұғылдары
console-apply = Көрсету
console-all = барлығы
console-status-open = ашық
console-status-new = жаңа
console-status-in_review = қаралуда
console-status-closed = жабылды
console-category-terror_plot = Террористік акт дайындау
console-category-recruitment = Тарту (вербовка) немесе насихат
console-category-online_content = Интернеттегі экстремизм
console-category-weapons = Қару немесе жарылғыш заттар
console-category-other = Басқа
console-language-kk = қазақ тілі
console-language-ru = орыс тілі
console-language-en = ағылшын тілі
console-urgent = шұғыл
console-happening-now = дәл қазір болып жатыр
console-not-urgent = шұғыл емес
console-nobody = тағайындалмаған
console-queue-count = { $count } өтініш
console-queue-empty = Сәйкес өтініштер жоқ.
console-col-number = Өтініш
console-col-received = Түсті
console-col-category = Санат
console-col-urgency = Шұғылдық
console-col-status = Мәртебе
console-col-language = Тіл
console-col-assignee = Орындаушы
console-col-tags = Белгілер
console-col-operator = Қызметкер
console-col-role = Рөлі
console-col-active = Белсенді
console-prev = ← алдыңғы
console-next = келесі →
console-page = { $pages } беттің { $page }-беті
console-first-claimed = Алғаш қарауға алынды
console-first-reply = Алғашқы жауап
console-closed-at = Жабылды
console-place = Орны
console-incident-time = Қашан болды
console-reachable = Өтініш берушіге чатта жазуға болады
console-yes = иә
console-no = жоқ
console-similar = Ұқсас өтініштер
console-description = Сипаттама
console-answers = Санат сұрақтарына жауаптар
console-purged = (сақтау мерзімі өткен соң жойылды)
console-evidence = Материалдар
console-evidence-item = { $item }-материал ({ $kind })
console-preview = Көрсету
console-open-file = Файлды ашу
console-evidence-unavailable = Файлды Telegram-нан алу мүмкін болмады (сақтау мерзімі өтуі мүмкін). Кейінірек қайталап көріңіз.
console-claim = Қарауға алу
console-release = Кезекке қайтару
console-assign-to = Кімге беру
console-assign = Тағайындау
console-set-status = Мәртебе
console-set-status-button = Өзгерту…
console-reply-title = Өтініш берушіге жауап (ол оқитын тіл: { $language })
console-templates = Үлгілер:
console-reply-hint = Жауапты бот сіздің атыңызсыз жібереді. Жаңа өтініш «қаралуда» мәртебесіне өтеді.
console-reply-send = Өтініш берушіге жіберу
console-reopen-reason = Қайта ашу себебі (ішкі жазба ретінде сақталады)
console-reopen = Қайта ашу
console-note = Ішкі жазба (өтініш берушіге жіберілмейді)
console-note-save = Жазбаны сақтау
console-tag-add = Белгі
console-tag-add-button = Белгі қосу
console-tag-remove = Белгіні алып тастау
console-read-only = Талдаушылар өтініштерді тек оқиды; оларды өзгерту үшін оператор рөлі қажет.
console-timeline = Хронология
console-from-reporter = Өтініш беруші:
console-to-reporter = Өтініш берушіге (оператор №{ $operator }):
console-note-by = Оператор №{ $operator } жазбасы:
console-confirm-title = Әрекетті растаңыз
console-confirm-close = { $number } өтінішін «{ $outcome }» нәтижесімен жабу керек пе? Жабылғанда өтініш берушінің чатына жазу мүмкіндігі жойылады.
console-confirm-review = { $number } өтінішін «қаралуда» мәртебесіне ауыстыру керек пе?
console-confirm-yes = Иә, орындау
console-confirm-no = Бас тарту
console-done-claimed = Өтініш алдағы бірнеше сағатқа сізге бекітілді.
console-done-taken = Бұл өтінішпен басқа оператор айналысып жатыр.
console-done-closed = Өтініш жабылған.
console-done-not_found = Мұндай өтініш жоқ.
console-done-not-found = Мұндай өтініш жоқ.
console-done-released = Өтініш кезекке қайтарылды.
console-done-not-released = Бұл өтініш сізге бекітілмеген.
console-done-assigned = Өтініш берілді.
console-done-assign-not_yours = Өтініш басқа операторға бекітілген: оны тек сол оператор немесе әкімші бере алады.
console-done-assign-not_staff = Бұл адам белсенді оператор емес.
console-done-assign-closed = Өтініш жабылған.
console-done-assign-not_found = Мұндай өтініш жоқ.
console-done-status-set = Мәртебе өзгертілді.
console-done-status-not-set = Мәртебе өзгертілмеді: алдымен өтінішті қарауға алыңыз (немесе ол жабылған).
console-done-reason-needed = Қайта ашу себебін жазыңыз.
console-done-reopened = Өтініш қайта ашылды.
console-done-reopen-not_closed = Өтініш жабылмаған.
console-done-reopen-purged = Өтініштің мазмұны сақтау мерзімі өткен соң жойылды; оны қайта ашу мүмкін емес.
console-done-reopen-not_found = Мұндай өтініш жоқ.
console-done-empty = Жіберетін ештеңе жоқ: мәтін бос.
console-done-reply-queued = Өтініш берушіге жауап жіберу кезегіне қойылды.
console-done-reply-refused = Жіберілмеді: алдымен өтінішті қарауға алыңыз (немесе ол жабылған).
console-done-note-saved = Жазба сақталды.
console-done-tags-saved = Белгілер сақталды.
console-done-tag-invalid = Белгі — бір қысқа сөз: әріптер, цифрлар, - және _.
console-action-refused = бас тартылды: { $action }
console-action-case-opened = өтінішті ашты
console-action-case-claimed = өтінішті қарауға алды
console-action-case-released = өтінішті кезекке қайтарды
console-action-case-assigned = өтінішті басқаға берді
console-action-case-reopened = өтінішті қайта ашты
console-action-status-changed = мәртебені өзгертті
console-action-note-added = жазба қосты
console-action-reply-sent = өтініш берушіге жауап берді
console-action-tag-added = белгі қосты
console-action-tag-removed = белгіні алып тастады
console-action-evidence-viewed = материалды қарады
console-action-export = өтініштерді экспорттады
console-audit-export = { $count } өтініш ({ $format }){ $extras }
console-audit-export-extras = , қосымша: { $what }
console-audit-export-notes = ішкі жазбалар
console-audit-export-dialogue = диалог
console-audit-export-assignee = орындаушы
console-action-operator-set = қызметкерге рөл берді
console-action-operator-removed = қызметкерді жойды
console-action-console-link-issued = кіру сілтемесі берілді
console-action-console-link-refused = кіру сілтемесі қабылданбады
console-action-console-code-refused = растау коды қате
console-action-console-signed-in = консольге кірді
console-action-console-session-signed-out = консольден шықты
console-action-console-session-revoked = сеансты аяқтады
console-dashboard-title = Жиынтық
console-period = Кезең:
console-days = { $days } күн
console-dashboard-total = Соңғы { $days } күндегі өтініштер: { $count }.
console-chart-by-category = Күн сайынғы өтініштер, санат бойынша
console-chart-by-urgency = Күн сайынғы өтініштер, шұғылдық бойынша
console-chart-backlog = Ашық өтініштер, мерзімі бойынша
console-age-lt1d = 1 күннен аз
console-age-1to3d = 1–3 күн
console-age-3to7d = 3–7 күн
console-age-7to30d = 7–30 күн
console-age-gt30d = 30 күннен көп
console-times-title = Әрекет ету уақыты
console-median = медиана
console-p90 = 90-процентиль
console-cases = өтініш
console-first-response = алғашқы жауапқа дейін
console-to-close = жабылғанға дейін
console-minutes = { $minutes } мин
console-reminders = Кезеңдегі қарауға алынбаған өтініштер туралы еске салулар: { $count }.
console-answers-title = Ботқа қойылған сұрақтар
console-asked = қойылды
console-answer-rate = жауап берілді
console-thumbs-down = 👎 үлесі
console-top-unanswered = жауапсыз қалған жиі сұрақтар
console-votes-all-time = 👎 үлесі барлық бағалау бойынша есептеледі; қалған бағандар таңдалған кезеңге арналған.
console-sessions-mine = Менің ашық сеанстарым
console-sessions-all = Барлық ашық сеанстар
console-signed-in-at = Кірген уақыты
console-last-seen = Соңғы белсенділік
console-ends = Ең кеші аяқталады
console-browser = Браузер
console-this-session = осы сеанс
console-end-session = Аяқтау
console-staff-title = Қызметкерлер мен рөлдер
console-telegram-id = Telegram ID
console-added = Қосылды
console-remove-staff = жою
console-save = Сақтау
console-staff-hint = Қызметкердің рөлін өзгерту немесе оны жою оның консольдегі сеанстарын бірден аяқтайды.
console-done-staff-saved = Сақталды.
console-done-staff-invalid = Telegram ID-ны (цифрмен) және рөлді көрсетіңіз.
console-audit-title = Аудит журналы
console-audit-action = Әрекет
console-when = Қашан
console-not-staff = қызметкер емес
console-export-title = Өтініштерді экспорттау
console-export-text = Барлық өтініштер өтініш берушілер туралы ешқандай деректерсіз. Экспорт аудит журналына жазылады; файлды тек қызметкерлер оқи алатын жерде сақтаңыз.
console-export-notes = ішкі жазбаларды қосу
console-export-dialogue = өтініш берушімен диалогты қосу
console-export-assignee = орындаушыны қосу
console-export-button = Жүктеп алу
console-link-sent = Консольге кіру сілтемеңіз (бір рет, 5 минут жарамды): { $link }
console-link-private-only = Маған жеке чатта /console жіберіңіз: кіру сілтемесі топта көрінбеуі керек.
console-link-not-configured = Консоль бапталмаған (CONSOLE_URL берілмеген).
console-card-link = Консольде ашу: { $link }
console-queue-filter-open = ашық
console-queue-filter-new = жаңа
console-queue-filter-mine = менікі
console-queue-filter-unclaimed = қарауға алынбаған
console-queue-filter-urgent = шұғыл
console-queue-filter-overdue = мерзімі өткен
console-op-help =
    Қызметкерлерге арналған командалар:
    /queue [new | mine | unclaimed | urgent | overdue] — кезек
    /case HT-00042 — бір өтініш
    /stats [7 | 30 | 90] — соңғы күндердегі сандар мен график
    /audit — аудит журналы (әкімшілер)
    /export [csv | json] — жеке деректерсіз барлық өтініштер (әкімшілер)
    /op_add TELEGRAM_ID [admin | operator | analyst] · /op_remove TELEGRAM_ID — қызметкерлер (әкімшілер)
    /console — веб-консольге кіру сілтемесі (менімен жеке чатта){ $console }
    Өтініш карточкасындағы батырмалар: қарауға алу, мәртебе, өтініш берушіге жауап, ішкі жазба, кезекке қайтару.
console-op-help-console = { "" }
    Консоль: { $url }
console-case-summary =
    📂 { $number } өтініші — { $status }
    Санат: { $category } · { $urgent ->
        [yes] шұғыл
       *[no] шұғыл емес
    }
    Түсті: { $time } · материалдар: { $evidence }
    Өтініш берушінің мәтіні, орны мен файлдары тек консольде.
console-stats-chart = Соңғы { $days } күндегі өтініштер, күн бойынша
console-stats-usage = Пайдалану: /stats [7 | 30 | 90]
console-stats =
    📊 Соңғы { $days } күн: { $total } өтініш (шұғылы: { $urgent })
    Санат бойынша: { $by_category }
    Алғашқы жауап: медиана { $reply_median } мин, p90 { $reply_p90 } мин
    Жабу: медиана { $close_median } мин, p90 { $close_p90 } мин
    Қазір ашық, мерзімі бойынша: { $backlog }
    Қарауға алынбаған өтініштер туралы еске салулар: { $reminders }
    Жауап берілген сұрақтар: { $answers }
    👎 үлесі (барлық бағалау бойынша): { $thumbs }
## Operators' chat and prompts (issue 16: emulator strictness)
opchat-prompt-for = { $name }, { $prompt }
opchat-migrated = Telegram операторлар тобын супертопқа айналдырды (жаңа id { $chat_id }). Өтініштер туралы хабарламалар енді сонда келеді, ештеңе жоғалған жоқ.
opchat-lost = ⚠️ Бот операторлар чатына енді жаза алмайды (Telegram: { $reason }). Жаңа өтініштер мен шұғыл хабарламалар сақталады, бот топқа қайта қосылғанда жеткізіледі. Ботты топқа қазір қайта қосыңыз немесе әкімшіден OPERATOR_CHAT_ID мәнін өзгертуді сұраңыз.
opchat-evidence-undelivered = ⚠️ { $total } тіркеменің { $position }-сін мұнда көрсету мүмкін болмады (Telegram: { $reason }).
## Teach loop: editors decide what unanswered questions mean (/gaps)
kb-gap-question = ❓ «{ $text }» ({ $language }, { $asked } рет сұралды)
kb-gap-picked = Азаматтар ұсынылған жауаптардан таңдады: «{ $entry }» ({ $count })
kb-gap-disliked = «{ $entry }» жауабына 👎 қойылды ({ $count })
kb-gap-choose = Бұл сұрақ нені білдіреді?
kb-gap-means = → { $entry }
kb-gap-other-entry = Басқа жазба…
kb-gap-off-topic = Тақырыпқа қатысы жоқ
kb-gap-skip = Өткізіп жіберу
kb-gaps-none = Жауапсыз қалған сұрақтар жоқ.
kb-gaps-end = Басқа сұрақ қалмады. Басынан бастау үшін /gaps жіберіңіз.
kb-taught-taught = ✅ Есте сақталды: бот бұдан былай бұл сұраққа жауап береді.
kb-taught-already_known = Сұрақтың бұл нұсқасы бұрын қосылған.
kb-taught-unknown_entry = Бұл жазба білім қорында енді жоқ.
kb-taught-empty = Сұрақ бос: қосатын ештеңе жоқ.
kb-gap-gone = Бұл сұрақты басқа редактор қарап қойыпты.
kb-gap-dismissed = Тақырыпқа қатысы жоқ сұрақ ретінде белгіленді.
console-queue-count-more = { $count } өтініштен көп; бәрін көру үшін сүзгілерді немесе іздеуді нақтылаңыз.
console-views = { $count } рет ашылды, қызметкерлер саны: { $people }.

## Web intake (bot/web): reports without Telegram
web-site-name = Ұлттық қауіпсіздік комитетінің сенім телефоны
web-emergency = Тікелей қауіп төнсе, { $emergency } нөміріне қоңырау шалыңыз (полиция: { $police }). Бұл сайт шұғыл қызмет емес.
web-nav-home = Басты бет
web-nav-ask = Сұрақ қою
web-nav-report = Хабарлау
web-nav-status = Хабарламаны қадағалау
web-home-title = Telegram-сыз хабарлау
web-intro = Сенім телефоны терроризм мен экстремизмге қатысты күдіктер туралы құпия хабарламаларды қабылдайды: террористік акт дайындау, адамдарды тарту (вербовка), үгіт-насихат, қару немесе жарылғыш заттар. Бұл сайт арқылы тіркелгісіз хабарлауға болады, тіпті JavaScript өшірілген Tor Browser-ден де. Хабарламаны қадағалап, операторлардың жазғанын оқып, оларға жауап беру үшін сізге өтініш коды беріледі.
web-channel-protects-title = Бұл сайт нені қорғайды
web-channel-protects = Сайт атыңызды, тіркелгіңізді немесе телефон нөміріңізді сұрамайды. IP мекенжайыңызды және браузеріңізді жазбайды, кіру журналын жүргізбейді. Хабарлама жаза бастағанға дейін cookie қойылмайды; кейін аяқталмаған формаңызды ғана көрсететін бір cookie қойылады, ол хабарлама жіберілгенде немесе көп ұзамай жойылады. Басқа сайттардан ештеңе жүктелмейді. Тіркелген файлдардан түсірілген орын, камера және автор туралы деректер сақталмас бұрын өшіріледі, файлдар шифрланған күйде сақталады. Жабылған хабарламалар { $retention } күннен кейін жойылады.
web-channel-limits-title = Ол нені қорғай алмайды
web-channel-limit-device = Құрылғыңызды: телефоныңызды не компьютеріңізді басқаратын немесе кейін тексеретін адам не істегеніңізді көруі мүмкін. Сенімді құрылғыны пайдаланыңыз; Tor Browser шолу тарихын сақтамайды.
web-channel-limit-network = Желіңізді: Tor пайдаланбасаңыз, интернет-провайдеріңіз немесе жұмыс берушіңіз бұл сайтқа кіргеніңізді көре алады, бірақ не жазғаныңызды көрмейді. Tor Browser мұны да жасырады.
web-channel-limit-writing = Жазғаныңызды: тек өзіңіз білетін егжей-тегжейлер немесе жазу мәнеріңіз сізді танытып қоюы мүмкін. Ең маңыздысын сипаттап, өзіңізді танытатын нәрселерді жазбаңыз.
web-ask-title = Сұрақ қою
web-ask-label = Сұрағыңыз
web-ask-button = Сұрау
web-ask-danger = Біреуге тікелей қауіп төнсе, дереу { $emergency } нөміріне қоңырау шалыңыз (полиция: { $police }). Мұнда жауап күтпеңіз.
web-ask-suggest = Сұрағыңызды дұрыс түсінгеніме сенімді емеспін. Мүмкін, мынаны сұрағыңыз келген шығар:
web-ask-see-also = Егер бұл жауап сұрағыңызға сай келмесе, мүмкін, мынаны сұрағыңыз келген шығар:
web-ask-unknown = Кешіріңіз, бұл сұраққа жауабым жоқ. Басқаша сұрап көріңіз немесе білетініңізді хабарлаңыз.
web-report-title = Хабарлау
web-report-category = Хабарлама не туралы?
web-report-description = Не болды? Көргеніңізді немесе білетініңізді сипаттаңыз (кемінде { $min } таңба).
web-report-place = Қай жерде? (міндетті емес)
web-report-time = Қашан? (міндетті емес)
web-report-files = Фото немесе құжаттар (міндетті емес; { $count } файлға дейін, әрқайсысы { $mb } МБ-қа дейін; JPEG, PNG, WebP, GIF, PDF, Word, Excel, PowerPoint)
web-report-files-kept = Тіркелген файлдар:
web-report-remove-file = Алып тастау
web-report-files-cleaned = Сақталмас бұрын файлдардан түсірілген орын, камера және автор туралы деректер өшіріледі.
web-report-continue = Тексеруге өту
web-review-title = Хабарламаңызды тексеріңіз
web-review-not-given = —
web-review-description = Сипаттама
web-review-files = Файлдар
web-review-edit = Өзгерту
web-review-pow-working = Жіберуге дайындалып жатыр… (браузеріңіз сенім телефонын спамнан қорғайтын қысқа есептеу жүргізіп жатыр)
web-review-no-script = JavaScript өшірулі болса: хабарлама жаза бастағаннан кейін { $seconds } секунд күтіп, «Жіберу» батырмасын басыңыз.
web-review-submit = Жіберу
web-receipt-title = Хабарламаңыз қабылданды
web-receipt-intro = Өтініш кодыңыз:
web-receipt-keep = Ол тек бір рет көрсетіледі: оны жазып алыңыз немесе сенімді жерге сақтаңыз. Осы кодпен «Хабарламаны қадағалау» бөлімінде хабарламаның мәртебесін және операторлардың жазғанын көріп, оларға жауап бере аласыз. Кодты ешкімге бермеңіз.
web-status-title = Хабарламаны қадағалау
web-status-code = Өтініш коды
web-status-button = Көрсету
web-status-not-a-code = Бұл өтініш коды емес. Код мынадай түрде болады: ABCD-1234-EFGH-5678.
web-status-state = Мәртебесі: { $status }
web-status-from-operator = Оператор, { $date }
web-status-from-you = Сіз, { $date }
web-status-reply = Операторларға жауап беру
web-status-reply-button = Жауапты жіберу
web-error-title = Қате шықты
web-error-generic = Жүйеде қате шықты. Бір минуттан кейін қайталап көріңіз; бұрын жібергеніңіз сақталған.
web-error-category = Хабарлама не туралы екенін таңдаңыз.
web-error-description-short = Не болғанын кемінде { $min } таңбамен сипаттаңыз.
web-error-description-long = Сипаттама тым ұзын: оны 4000 таңбаға дейін қысқартыңыз.
web-error-field-long = Өрістердің бірі тым ұзын: оны қысқартыңыз.
web-error-file-too_large = Файл { $mb } МБ-тан үлкен, сондықтан тіркелмеді; хабарламаның қалғаны сақталды.
web-error-file-unsupported = Мұндай түрдегі файлды жеке деректерден тазарта алмаймыз, сондықтан ол тіркелмеді; JPEG, PNG, WebP, GIF, PDF, Word, Excel немесе PowerPoint файлын жіберіңіз.
web-error-file-unreadable = Файлды оқу мүмкін болмады (бүлінген немесе құпия сөзбен қорғалған), сондықтан ол тіркелмеді.
web-error-too-many-files = Хабарламаға { $count } файлдан артық тіркеуге болмайды; қалғандары тіркелмеді.
web-error-draft-gone = Бұл форманың мерзімі өтіп кеткен немесе ол жіберіліп қойылған. Хабарламаны қайтадан бастаңыз.
web-error-proof = Тағы { $seconds } секунд күтіп, «Жіберу» батырмасын қайта басыңыз (бұл сенім телефонын спамнан қорғайды).
web-error-busy = Дәл қазір хабарламалар тым көп түсіп жатыр. Бір минут күтіп, «Жіберу» батырмасын қайта басыңыз.
web-report-step-category = Алдымен хабарламаның не туралы екенін таңдаңыз: келесі бетте осындай хабарламаға қатысты сұрақтар қойылады.
web-report-next = Жалғастыру
web-report-chosen = Хабарлама тақырыбы: { $category }.
web-report-change-category = Өзгерту
web-question-optional = (міндетті емес)
web-question-no-answer = Жауап бермеймін
web-question-own-words = Немесе өз сөзіңізбен жазыңыз:
web-now-title = Тікелей қауіп
web-review-now-yes = Иә, дәл қазір
web-review-now-no = Жоқ
web-review-place = Қайда
web-review-time = Қашан
web-status-times = Уақыт { $zone } сағат белдеуі бойынша көрсетілген.
op-web-case = 🌐 Сайт арқылы келген хабарлама, Telegram аккаунтымен байланысты емес. Жауаптарыңыз сайттағы мәртебе бетінде шығады: автор оларды өтініш кодымен кіргенде көреді.

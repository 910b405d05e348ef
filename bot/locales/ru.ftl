# Russian texts of the Trust Hotline bot. Every message here must exist in en.ftl and kk.ftl too.
# Arguments filled by the bot: { $emergency } (emergency number), { $police }, { $retention } (days).
# Terms: report = сообщение (сообщить), receipt code = код обращения, operator = оператор.

## Start, menu and general commands

welcome =
    Здравствуйте! Это телефон доверия Комитета национальной безопасности Республики Казахстан.
    Я отвечаю на вопросы о противодействии терроризму и экстремизму и принимаю конфиденциальные сообщения.

    🔒 Ваши сообщения хранятся без вашего имени, username и номера телефона из Telegram. Это конфиденциальность, а не анонимность: сам Telegram знает, кто пишет этому боту. Подробнее — /privacy.
emergency-notice = 🚨 Если кому-то угрожает непосредственная опасность, немедленно звоните по номеру { $emergency }. Этот бот не является экстренной службой и отвечает не сразу.
menu-prompt = Что вы хотите сделать?
menu-ask = ❓ Задать вопрос
menu-report = 📝 Сообщить
menu-status = 🔎 Статус сообщения
menu-language = 🌐 Язык
menu-about = ℹ️ О боте и конфиденциальности
ask-prompt = Напишите вопрос своими словами на казахском, русском или английском языке. Например: «Сколько человек осуждено за терроризм в 2019 году?»
help =
    Я могу:
    • ответить на вопросы об итогах противодействия терроризму в 2019 году и об этом телефоне доверия — просто напишите вопрос;
    • принять конфиденциальное сообщение — /report;
    • передать человеку вопрос, на который я не могу ответить, — /person;
    • показать статус сообщения и ответы операторов — /status, затем код, когда я его попрошу.

    Другие команды: /language — сменить язык, /privacy — что хранится, /about — об этом боте, /cancel — прервать текущее действие.
about =
    Телефон доверия Комитета национальной безопасности Республики Казахстан в Telegram.
    Ответы основаны на материалах брифинга Антитеррористического центра по итогам 2019 года. Сообщения поступают операторам телефона доверия, и они рассматривают каждое из них.
privacy =
    🔒 Что бот хранит, а что нет

    • Сообщения: их текст, приложенные файлы и код обращения в необратимо преобразованном (хешированном) виде. Telegram ID, имя, username и номер телефона вместе с сообщением не хранятся.
    • Пока сообщение не закрыто, идентификатор вашего чата хранится в зашифрованном виде, чтобы бот мог передать вам ответы операторов. Он удаляется, когда сообщение закрывается или когда вы завершаете диалог.
    • Закрытые сообщения удаляются через { $retention } { $retention ->
        [one] день
        [few] дня
       *[other] дней
    }; остаётся только обезличенная статистика.
    • Выбранный язык хранится под обезличенным (хешированным) ключом, а не под вашим Telegram ID.
    • Вопросы, на которые бот не смог ответить, сохраняются только в виде текста — чтобы улучшать ответы — и удаляются в тот же срок.

    ⚠️ Конфиденциально — не значит анонимно: сам Telegram знает, кто пишет этому боту. Фото, отправленные «как файл», могут содержать данные о месте съёмки — отправляйте их как фото. Этот чат можно удалить в Telegram в любой момент, но отправленное сообщение от этого не удалится.

## Language

language-choose = Выберите язык:
language-set = Готово: теперь я буду общаться с вами на русском языке.

## Questions and answers

answer-feedback-prompt = Этот ответ был полезен?
feedback-yes = 👍 Да
feedback-no = 👎 Нет
feedback-thanks = Спасибо! Это помогает нам улучшать ответы.
suggest-intro = Возможно, я неправильно понял вопрос. Вы имели в виду:
see-also-intro = Если я ответил не на тот вопрос, возможно, вы имели в виду:
unknown-answer = Извините, у меня нет ответа на этот вопрос. Попробуйте сформулировать его иначе. Если вы хотите сообщить о чём-то подозрительном, отправьте сообщение.
unknown-report-button = 📝 Отправить сообщение

## Bad input

not-text = Здесь я понимаю только текст. Напишите вопрос словами. Чтобы отправить фото, видео или файлы, создайте сообщение командой /report.
too-long = Для вопроса это слишком длинный текст (более { $limit } { $limit ->
        [one] символа
       *[other] символов
    }). Задайте вопрос коротко, а чтобы подробно что-то описать, воспользуйтесь командой /report.
empty-text = Пожалуйста, напишите вопрос словами.
unknown-command = Я не знаю такой команды. Что я умею, можно посмотреть в /help.
stale-button = Эта кнопка больше не действует. Воспользуйтесь меню: /start
slow-down = Вы пишете слишком часто. Подождите несколько секунд и попробуйте снова.
edited-message = Я не вижу правок в уже отправленном тексте. Пожалуйста, отправьте исправленный текст заново.
private-only = Я работаю только в личном чате, чтобы всё, что вы пишете, оставалось конфиденциальным. Пожалуйста, откройте личный чат со мной.
error-generic = Извините, у нас произошла ошибка. Попробуйте ещё раз через минуту.

## Bot commands (shown in Telegram's command menu)

command-start = Главное меню
command-help = Что умеет этот бот
command-report = Отправить конфиденциальное сообщение
command-status = Проверить сообщение по коду обращения
command-language = Сменить язык
command-privacy = Что хранится и как долго
command-about = О телефоне доверия
command-cancel = Прервать текущее действие

## Flows

cancelled = Отменено. Ничего не отправлено.
nothing-to-cancel = Отменять нечего.

## Reporting (citizens)

report-intro =
    📝 Конфиденциальное сообщение. Оно займёт несколько шагов: о чём речь, что вы видели и, по желанию, фото или файлы, место и время. Прервать можно в любой момент командой /cancel.

    🔒 Ваше имя, username и номер телефона вместе с сообщением не хранятся. Сам Telegram знает, кто пишет этому боту.
report-choose-category = О чём ваше сообщение?
# /report's first message: the introduction, the emergency notice and the category question together (one message
# where there were three: the category buttons sit right under what they answer).
report-start =
    { report-intro }

    { emergency-notice }

    { report-choose-category }
category-terror_plot = 💣 Подготовка теракта
category-recruitment = 🗣 Вербовка, вовлечение людей
category-online_content = 🌐 Экстремистский контент или пропаганда в сети
category-weapons = 🔫 Оружие, взрывчатка, подозрительный предмет
category-other = ❔ Другое
report-cancel-button = ✖️ Отмена
report-describe = Опишите, что вы видели или знаете: что, кто, где, когда. Напишите своими словами, не менее { $min } { $min ->
        [one] символа
       *[other] символов
    }.
report-description-too-short = Пожалуйста, опишите подробнее: не менее { $min } { $min ->
        [one] символа
       *[other] символов
    }.
report-description-too-long = Текст длиннее { $max } { $max ->
        [one] символа
       *[other] символов
    }. Пожалуйста, сократите его; подробности можно будет добавить позже отдельными сообщениями.
report-need-text = Пожалуйста, опишите ситуацию словами (текстовым сообщением). Фото и файлы можно будет добавить на следующем шаге.
report-evidence =
    Теперь можно добавить фото, видео, документы, голосовые сообщения или ссылки — по одному или альбомом. Если хотите что-то дописать, напишите это здесь же: текст добавится к описанию.
    ⚠️ Фото, отправленные «как файл», сохраняют метаданные, в том числе сведения о месте съёмки; отправляйте фото как фото.
    Когда закончите, нажмите «Готово».
report-evidence-done-button = ✅ Готово
report-evidence-skip-button = ⏭ Пропустить
report-evidence-added = Добавлено (всего { $count } { $count ->
        [one] вложение
        [few] вложения
       *[other] вложений
    }). Отправьте ещё или нажмите «Готово».
report-evidence-file-warning = ⚠️ Это изображение отправлено как файл: в нём могут быть сведения о том, где и когда оно снято. Оно приложено в том виде, в каком вы его отправили; при желании отправьте его ещё раз как фото.
report-evidence-unsupported = Это нельзя приложить. Отправьте фото, видео, документы, голосовые сообщения или ссылки либо нажмите «Готово».
report-evidence-limit = Это предел для одного сообщения: вложений не больше { $limit }. Нажмите «Готово», чтобы продолжить.
report-place = Где это произошло? Отправьте геопозицию (📎 → Геопозиция) или напишите адрес либо ориентир. Или нажмите «Пропустить».
report-time = Когда это произошло? Или это происходит до сих пор? Напишите в любой форме («сегодня около 15:00», «каждую пятницу»). Или нажмите «Пропустить».
report-review =
    Пожалуйста, проверьте сообщение:

    Категория: { $category }
    Описание: { $description }
    Вложения: { $evidence }
    Место: { $place }
    Время: { $time }
report-not-given = не указано
report-location-given = геопозиция отправлена
report-review-privacy = 🔒 Сообщение хранится для операторов телефона доверия без вашего имени, username и номера телефона из Telegram; закрытое сообщение удаляется через { $retention } { $retention ->
        [one] день
        [few] дня
       *[other] дней
    }. Сам Telegram знает, кто пишет этому боту.
report-submit-button = 📨 Отправить
report-add-more-button = ➕ Дополнить
report-use-buttons = Пожалуйста, воспользуйтесь кнопками под сообщением: «Отправить», «Дополнить» или «Отмена».
report-received =
    ✅ Ваше сообщение принято и зарегистрировано.

    Ваш код обращения: { $code }

    Сохраните этот код прямо сейчас — запишите его или храните в надёжном месте. Он показывается только один раз, и восстановить его нельзя: мы его не храним.
    Чтобы проверить статус и прочитать ответы операторов (с любого аккаунта), нажмите «🔎 Статус сообщения» (или отправьте /status) и пришлите код, когда я его попрошу. Я сразу удалю это сообщение, чтобы код не остался в чате.
report-already-received = Это сообщение уже принято.
report-limit = За последние 24 часа вы отправили много сообщений. Пожалуйста, подождите, прежде чем отправлять новое. Если кому-то угрожает опасность, звоните по номеру { $emergency }.
code-in-message = ⚠️ Похоже, в этом сообщении есть код обращения, поэтому я удалил его и не сохранил. Чтобы проверить сообщение, сначала нажмите «🔎 Статус сообщения» (или отправьте /status), а потом пришлите код, когда я его попрошу.

## Status and dialogue (citizens)

status-ask-code = Отправьте код обращения (например, ABCD-1234-EFGH-5678).
status-not-found = Сообщение с таким кодом не найдено. Проверьте код и попробуйте ещё раз.
status-too-many = Слишком много попыток. Попробуйте ещё раз через час.
status-new = принято, ожидает рассмотрения
status-in_review = на рассмотрении
status-closed = закрыто
status-view = Статус сообщения: { $status }
status-no-messages = Операторы вам пока не писали.
status-operator-message = 💬 Оператор, { $date }:
    { $text }
status-reply-button = ✍️ Ответить операторам
status-end-button = 🔚 Завершить диалог
status-write-reply = Напишите ответ операторам одним сообщением.
status-reply-sent = Ваш ответ передан операторам.
status-reply-closed = Это сообщение закрыто; ответы по нему больше не принимаются.
status-session-expired = Пожалуйста, нажмите «🔎 Статус сообщения» (или отправьте /status) и пришлите код ещё раз.
status-dialogue-ended = Диалог завершён: операторы больше не смогут писать вам в этом чате. Статус по-прежнему можно проверить: /status, затем ваш код.
status-code-deleted = Ради вашей безопасности я удалил из чата ваше сообщение с кодом.
operator-message-to-citizen =
    💬 Операторы телефона доверия написали вам по поводу вашего сообщения:

    { $text }

    Чтобы ответить, воспользуйтесь командой /status с вашим кодом.

## Operators

op-card =
    { $urgent ->
        [yes] 🚨 СРОЧНОЕ
       *[no] 🆕 Новое
    } обращение { $number }
    Категория: { $category }
    Язык: { $language }
    Поступило: { $time }
    Вложения: { $evidence }{ $similar }
op-card-similar = { "" }
    Похоже на обращение { $number }
op-card-happening-now = { $now ->
        [yes] 🔴 Происходит сейчас: ДА, со слов заявителя
        [no] Происходит сейчас: нет, со слов заявителя
       *[unknown] Происходит ли сейчас: неизвестно (заявителя не спрашивали)
    }
op-urgent-alert = 🚨 Срочное обращение { $number }: в тексте есть слова, которые могут указывать на непосредственную опасность. Возьмите его в работу немедленно.
op-reminder = ⏰ Обращение { $number } уже { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
       *[other] минут
    } не взято в работу.
op-citizen-replied = 💬 Заявитель ответил по обращению { $number }.
op-dialogue-ended = 🔚 Заявитель завершил диалог по обращению { $number }; теперь он увидит ответы, только запросив /status.
op-button-open = 📂 Открыть
op-button-claim = ✋ Взять в работу
op-button-status = 🏷 Статус
op-button-reply = 💬 Ответить
op-button-note = 📝 Заметка
op-button-release = ↩️ Вернуть в очередь
op-status-in_review = На рассмотрении
op-outcome-actioned = Закрыто: приняты меры
op-outcome-referred = Закрыто: передано по компетенции
op-outcome-duplicate = Закрыто: дубликат
op-outcome-no_action = Закрыто: меры не требуются
op-outcome-spam = Закрыто: спам
op-case-details =
    📂 Обращение { $number } — { $status }{ $outcome }
    Категория: { $category } · Язык: { $language } · { $urgent ->
        [yes] срочное
       *[no] не срочное
    }
    Поступило: { $time }
    Исполнитель: { $claimed }
    Место: { $place }
    Время: { $incident }
    Заявителю можно написать в Telegram: { $route }

    { $description }
op-case-messages = Диалог:
op-case-message-in = ← заявитель ({ $date }): { $text }
op-case-message-out = → оператор #{ $operator } ({ $date }): { $text }
op-case-notes = Внутренние заметки:
op-case-note = • оператор #{ $operator } ({ $date }): { $text }
op-evidence-link = 🔗 { $text }
op-nobody = не назначен
op-operator = оператор #{ $id }
op-yes = да
op-no = нет
op-claimed = ✋ Обращение { $number } закреплено за вами на { $hours } { $hours ->
        [one] час
        [few] часа
       *[other] часов
    }.
op-already-yours = Обращение { $number } уже закреплено за вами.
op-taken = Обращением { $number } занимается другой оператор.
op-closed = Обращение { $number } закрыто.
op-not-found = Такого обращения нет.
op-released = Обращение { $number } возвращено в очередь.
op-not-released = Обращение { $number } не закреплено за вами.
op-choose-status = Новый статус обращения { $number }:
op-status-set = Обращение { $number }: { $status }.
op-status-not-set = Не удалось изменить обращение { $number }: сначала возьмите его в работу (или оно уже закрыто).
op-write-reply = ✍️ Ответьте на это сообщение текстом для заявителя по обращению { $number }. Бот отправит его без вашего имени.
op-write-note = 📝 Ответьте на это сообщение внутренней заметкой к обращению { $number }. Заявителю она никогда не отправляется.
op-reply-queued = Ответ заявителю по обращению { $number } поставлен в очередь на отправку.
op-reply-refused = Не отправлено: сначала возьмите обращение { $number } в работу (или оно закрыто).
op-note-saved = Заметка к обращению { $number } сохранена.
op-forbidden = ⛔ Нет доступа.
op-queue-empty = Обращений нет.
op-queue-title = Обращения ({ $filter }):
op-queue-line = { $urgent ->
        [yes] 🚨
       *[no] •
    } { $number } · { $category } · { $status } · { $time }{ $now ->
        [yes] {" "}· 🔴 происходит сейчас
       *[other] {""}
    }
op-queue-usage = Формат: /queue [new | mine | unclaimed | urgent | overdue]
op-case-usage = Формат: /case HT-00042
op-stats =
    📊 Обращений: { $total } (срочных: { $urgent })
    По статусам: { $by_status }
    По категориям: { $by_category }
    По языкам: { $by_language }
    Медианное время до взятия в работу: { $to_claim } мин · до первого ответа: { $to_reply } мин
    База знаний за последние 30 дней: отвечено — { $answered }, «вы имели в виду» — { $suggested }, без ответа — { $unknown } (доля ответов: { $hit_rate })
op-stats-none = –
op-export-ready = Выгрузка: { $count } { $count ->
        [one] обращение
        [few] обращения
       *[other] обращений
    } ({ $format }), без каких-либо идентифицирующих данных.
op-export-usage = Формат: /export [csv | json]
op-audit-title = Журнал аудита (сначала новые):
op-audit-line = { $time } · { $who } · { $action } · { $case } { $detail }
op-admin-usage = Формат: /op_add TELEGRAM_ID [admin | operator | analyst | editor] · /op_remove TELEGRAM_ID
op-operator-set = Оператору { $id } назначена роль «{ $role }».
op-operator-removed = Оператор { $id } удалён.

## ---- console: the operators' web console (bot/console), its sign-in and /console in Telegram
console-title = Консоль телефона доверия
console-footer = Время указано по часовому поясу { $zone }. Конфиденциально: только для сотрудников телефона доверия.
console-nav-queue = Очередь
console-nav-dashboard = Сводка
console-nav-my-sessions = Мои сеансы
console-nav-staff = Сотрудники
console-nav-sessions = Сеансы
console-nav-audit = Журнал аудита
console-nav-export = Выгрузка
console-sign-out = Выйти
console-operator = оператор №{ $id }
console-role-admin = администратор
console-role-operator = оператор
console-role-editor = редактор
console-role-analyst = аналитик
console-error-title = Что-то пошло не так
console-error-text = Не удалось показать страницу. Ничего не изменено; попробуйте ещё раз, а если ошибка повторится, сообщите администратору.
console-forbidden-title = Нет доступа
console-forbidden-text = Ваша роль этого не позволяет. Попытка записана в журнал аудита.
console-signed-out-title = Войдите в консоль
console-signed-out-text = Вы не вошли в консоль или ваш сеанс завершён. Отправьте боту /console в личном чате, чтобы получить новую ссылку для входа.
console-csrf-title = Форма устарела
console-csrf-text = Форма отправлена не с актуальной страницы консоли, поэтому ничего не изменено. Вернитесь, обновите страницу и повторите.
console-link-refused-title = Ссылка больше не действует
console-link-refused-text = Ссылка для входа действует один раз и только 5 минут. Отправьте боту /console в личном чате, чтобы получить новую.
console-bye-title = Вы вышли
console-bye-text = Вы вышли из консоли. Чтобы войти снова, отправьте боту /console в личном чате.
console-signin-title = Вход
console-signin-text = Эта одноразовая ссылка открывает вход в консоль. Продолжайте только на компьютере, на котором вы работаете с обращениями.
console-signin-continue = Продолжить
console-code-title = Код подтверждения
console-enrol-text = Первый вход: отсканируйте QR-код приложением-аутентификатором (например, Aegis, FreeOTP, Google Authenticator) и введите шестизначный код, который оно покажет.
console-enrol-secret = Или введите в приложение этот ключ:
console-enrol-once = Ключ показывается только сейчас. Не фотографируйте его и никому не пересылайте.
console-code-label = Шестизначный код из приложения-аутентификатора
console-code-submit = Войти
console-code-wrong = Код неверен или уже использован. Дождитесь следующего кода и попробуйте снова.
console-queue-title = Обращения
console-search = Поиск (описание, место, диалог, заметки)
console-filter-status = Статус
console-filter-category = Категория
console-filter-urgency = Срочность
console-filter-language = Язык
console-filter-assignee = Исполнитель
console-filter-tag = Метка
console-filter-since = С
console-filter-until = По
console-sort = Порядок
console-sort-newest = сначала новые
console-sort-oldest = сначала старые
console-sort-urgent = сначала срочные
console-apply = Показать
console-all = все
console-status-open = открытые
console-status-new = новое
console-status-in_review = на рассмотрении
console-status-closed = закрыто
console-category-terror_plot = Подготовка теракта
console-category-recruitment = Вербовка или пропаганда
console-category-online_content = Экстремистский контент в сети
console-category-weapons = Оружие или взрывчатка
console-category-other = Другое
console-language-kk = казахский
console-language-ru = русский
console-language-en = английский
console-urgent = срочно
console-happening-now = происходит сейчас
console-not-urgent = не срочно
console-nobody = не назначен
console-queue-count = { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
}
console-queue-empty = Подходящих обращений нет.
console-col-number = Обращение
console-col-received = Поступило
console-col-category = Категория
console-col-urgency = Срочность
console-col-status = Статус
console-col-language = Язык
console-col-assignee = Исполнитель
console-col-tags = Метки
console-col-operator = Сотрудник
console-col-role = Роль
console-col-active = Активен
console-prev = ← назад
console-next = дальше →
console-page = страница { $page } из { $pages }
console-first-claimed = Впервые взято в работу
console-first-reply = Первый ответ
console-closed-at = Закрыто
console-place = Место
console-incident-time = Когда произошло
console-reachable = Заявителю можно написать в чат
console-yes = да
console-no = нет
console-similar = Похожие обращения
console-description = Описание
console-answers = Ответы на вопросы категории
console-purged = (удалено по истечении срока хранения)
console-evidence = Материалы
console-evidence-item = Материал { $item } ({ $kind })
console-preview = Показать
console-open-file = Открыть файл
console-evidence-unavailable = Не удалось получить файл из Telegram (возможно, срок его хранения истёк). Попробуйте позже.
console-claim = Взять в работу
console-release = Вернуть в очередь
console-assign-to = Передать
console-assign = Назначить
console-set-status = Статус
console-set-status-button = Изменить…
console-reply-title = Ответ заявителю (он читает: { $language })
console-templates = Шаблоны:
console-reply-hint = Бот отправит ответ без вашего имени. Новое обращение перейдёт в статус «на рассмотрении».
console-reply-send = Отправить заявителю
console-reopen-reason = Причина повторного открытия (сохранится как внутренняя заметка)
console-reopen = Открыть снова
console-note = Внутренняя заметка (заявителю не отправляется)
console-note-save = Сохранить заметку
console-tag-add = Метка
console-tag-add-button = Добавить метку
console-tag-remove = Убрать метку
console-read-only = Аналитики только читают обращения; чтобы их менять, нужна роль оператора.
console-timeline = Хронология
console-from-reporter = Заявитель:
console-to-reporter = Заявителю (оператор №{ $operator }):
console-note-by = Заметка оператора №{ $operator }:
console-confirm-title = Подтвердите действие
console-confirm-close = Закрыть обращение { $number } с итогом «{ $outcome }»? При закрытии удаляется возможность написать заявителю в его чат.
console-confirm-review = Перевести обращение { $number } в статус «на рассмотрении»?
console-confirm-yes = Да, выполнить
console-confirm-no = Отмена
console-done-claimed = Обращение закреплено за вами на ближайшие часы.
console-done-taken = Этим обращением занимается другой оператор.
console-done-closed = Обращение закрыто.
console-done-not_found = Такого обращения нет.
console-done-not-found = Такого обращения нет.
console-done-released = Обращение возвращено в очередь.
console-done-not-released = Это обращение не закреплено за вами.
console-done-assigned = Обращение передано.
console-done-assign-not_yours = Обращение закреплено за другим оператором: передать его может только он или администратор.
console-done-assign-not_staff = Этот человек не является действующим оператором.
console-done-assign-closed = Обращение закрыто.
console-done-assign-not_found = Такого обращения нет.
console-done-status-set = Статус изменён.
console-done-status-not-set = Статус не изменён: сначала возьмите обращение в работу (или оно уже закрыто).
console-done-reason-needed = Укажите причину повторного открытия.
console-done-reopened = Обращение открыто снова.
console-done-reopen-not_closed = Обращение не закрыто.
console-done-reopen-purged = Содержание обращения удалено по истечении срока хранения; открыть его снова нельзя.
console-done-reopen-not_found = Такого обращения нет.
console-done-empty = Нечего отправлять: текст пуст.
console-done-reply-queued = Ответ заявителю поставлен в очередь на отправку.
console-done-reply-refused = Не отправлено: сначала возьмите обращение в работу (или оно закрыто).
console-done-note-saved = Заметка сохранена.
console-done-tags-saved = Метки сохранены.
console-done-tag-invalid = Метка — одно короткое слово: буквы, цифры, - и _.
console-action-refused = отказано: { $action }
console-action-case-opened = открыл(а) обращение
console-action-case-claimed = взял(а) обращение в работу
console-action-case-released = вернул(а) обращение в очередь
console-action-case-assigned = передал(а) обращение
console-action-case-reopened = открыл(а) обращение снова
console-action-status-changed = изменил(а) статус
console-action-note-added = добавил(а) заметку
console-action-reply-sent = ответил(а) заявителю
console-action-tag-added = добавил(а) метку
console-action-tag-removed = убрал(а) метку
console-action-evidence-viewed = просмотрел(а) материал
console-action-export = выгрузил(а) обращения
console-audit-export = { $count } { $count ->
        [one] обращение
        [few] обращения
       *[other] обращений
    } ({ $format }){ $extras }
console-audit-export-extras = , дополнительно: { $what }
console-audit-export-notes = заметки
console-audit-export-dialogue = диалог
console-audit-export-assignee = исполнитель
console-action-operator-set = назначил(а) роль сотруднику
console-action-operator-removed = удалил(а) сотрудника
console-action-console-link-issued = выдана ссылка для входа
console-action-console-link-refused = ссылка для входа отклонена
console-action-console-code-refused = неверный код подтверждения
console-action-console-signed-in = вошёл (вошла) в консоль
console-action-console-session-signed-out = вышел (вышла) из консоли
console-action-console-session-revoked = завершил(а) сеанс
console-dashboard-title = Сводка
console-period = Период:
console-days = { $days } дн.
console-dashboard-total = Обращений за последние { $days } дн.: { $count }.
console-chart-by-category = Обращения по дням и категориям
console-chart-by-urgency = Обращения по дням и срочности
console-chart-backlog = Открытые обращения по давности
console-age-lt1d = меньше суток
console-age-1to3d = 1–3 дня
console-age-3to7d = 3–7 дней
console-age-7to30d = 7–30 дней
console-age-gt30d = больше 30 дней
console-times-title = Время реакции
console-median = медиана
console-p90 = 90-й процентиль
console-cases = обращений
console-first-response = до первого ответа
console-to-close = до закрытия
console-minutes = { $minutes } мин
console-reminders = Напоминаний о невзятых обращениях за период: { $count }.
console-answers-title = Вопросы боту
console-asked = задано
console-answer-rate = с ответом
console-thumbs-down = доля 👎
console-top-unanswered = частые вопросы без ответа
console-votes-all-time = Доля 👎 считается по всем оценкам; остальные столбцы — за выбранный период.
console-sessions-mine = Мои открытые сеансы
console-sessions-all = Все открытые сеансы
console-signed-in-at = Вход
console-last-seen = Последняя активность
console-ends = Завершится не позже
console-browser = Браузер
console-this-session = этот сеанс
console-end-session = Завершить
console-staff-title = Сотрудники и роли
console-telegram-id = Telegram ID
console-added = Добавлен
console-remove-staff = удалить
console-save = Сохранить
console-staff-hint = Смена роли или удаление сотрудника сразу завершает его сеансы в консоли.
console-done-staff-saved = Сохранено.
console-done-staff-invalid = Укажите Telegram ID (цифрами) и роль.
console-audit-title = Журнал аудита
console-audit-action = Действие
console-when = Когда
console-not-staff = не сотрудник
console-export-title = Выгрузка обращений
console-export-text = Все обращения без каких-либо данных о заявителях. Выгрузка записывается в журнал аудита; храните файл только там, где его могут читать лишь сотрудники.
console-export-notes = включить внутренние заметки
console-export-dialogue = включить диалог с заявителем
console-export-assignee = включить исполнителя
console-export-button = Скачать
console-link-sent = Ваша ссылка для входа в консоль (действует один раз, 5 минут): { $link }
console-link-private-only = Отправьте мне /console в личном чате: ссылка для входа не должна появляться в группе.
console-link-not-configured = Консоль не настроена (не задан CONSOLE_URL).
console-card-link = Открыть в консоли: { $link }
console-queue-filter-open = открытые
console-queue-filter-new = новые
console-queue-filter-mine = мои
console-queue-filter-unclaimed = не взятые в работу
console-queue-filter-urgent = срочные
console-queue-filter-overdue = просроченные
console-op-help =
    Команды для сотрудников:
    /queue [new | mine | unclaimed | urgent | overdue] — очередь
    /case HT-00042 — одно обращение
    /stats [7 | 30 | 90] — цифры и график за последние дни
    /audit — журнал аудита (администраторы)
    /export [csv | json] — все обращения без личных данных (администраторы)
    /op_add TELEGRAM_ID [admin | operator | analyst] · /op_remove TELEGRAM_ID — сотрудники (администраторы)
    /console — ссылка для входа в веб-консоль (в личном чате со мной){ $console }
    Кнопки на карточке обращения: взять в работу, статус, ответ заявителю, внутренняя заметка, вернуть в очередь.
console-op-help-console = { "" }
    Консоль: { $url }
console-case-summary =
    📂 Обращение { $number } — { $status }
    Категория: { $category } · { $urgent ->
        [yes] срочно
       *[no] не срочно
    }
    Поступило: { $time } · материалов: { $evidence }
    Текст заявителя, место и файлы — только в консоли.
console-stats-chart = Обращения по дням за последние { $days } дн.
console-stats-usage = Формат: /stats [7 | 30 | 90]
console-stats =
    📊 За последние { $days } дн.: обращений { $total } (срочных { $urgent })
    По категориям: { $by_category }
    Первый ответ: медиана { $reply_median } мин, p90 { $reply_p90 } мин
    Закрытие: медиана { $close_median } мин, p90 { $close_p90 } мин
    Открыто сейчас, по давности: { $backlog }
    Напоминаний о невзятых обращениях: { $reminders }
    Вопросов с ответом: { $answers }
    Доля 👎 (по всем оценкам): { $thumbs }

## Путь гражданина (задача 12): анкеты по категориям, проверка сообщения, связь с человеком

command-person = Задать вопрос операторам
citizen-ask-person-button = 🙋 Спросить человека
citizen-report-text-added = Добавлено к описанию. Пришлите ещё что-нибудь или нажмите «Готово».
citizen-report-answer-place = Пожалуйста, отправьте геопозицию (📎 → Геопозиция) или напишите место словами — либо нажмите «Пропустить».
citizen-report-answer-words = Пожалуйста, ответьте словами (текстовым сообщением) — либо нажмите «Пропустить».
citizen-report-review =
    Пожалуйста, проверьте сообщение:

    Категория: { $category }
    Описание: { $description }
    Вложения: { $evidence }
    { $answers }
# The review with its privacy note and the emergency notice, the buttons under them: one message where there were three.
citizen-report-review-to-submit =
    { citizen-report-review }

    { report-review-privacy }

    { emergency-notice }
citizen-report-review-answer = { $label }: { $answer }
citizen-report-add-more-button = ➕ Дополнить (текст или файлы)
citizen-report-edit-description-button = ✏️ Переписать описание
citizen-report-edit-category-button = 🏷 Сменить категорию
citizen-report-use-buttons = Пожалуйста, воспользуйтесь кнопками под сообщением: «Отправить», «Дополнить», «Переписать описание», «Сменить категорию» или «Отмена».
citizen-report-limit-at-submit = За последние сутки вы отправили много сообщений, поэтому это пока не отправлено. Черновик сохранён: нажмите «Отправить» позже. Если кому-то грозит опасность, звоните { $emergency }.
citizen-status-not-a-code = Это не код обращения. Код состоит из 16 букв и цифр, например ABCD-1234-EFGH-5678. Пришлите код или /cancel.
citizen-status-closed-outcome = закрыто — { $outcome }
citizen-outcome-actioned = по вашему сообщению приняты меры
citizen-outcome-referred = передано в компетентный орган
citizen-outcome-duplicate = об этом уже сообщали ранее
citizen-outcome-no_action = рассмотрено, мер не потребовалось
citizen-outcome-spam = рассмотрено
citizen-outcome-none = рассмотрено
citizen-question-view = Ваш вопрос операторам: { $status }
citizen-status-own-message = 🙋 Вы, { $date }:
    { $text }
citizen-end-confirm = Завершить диалог? Операторы больше не смогут писать вам в этом чате, и это нельзя отменить. Статус по-прежнему можно будет проверить по коду.
citizen-end-yes-button = 🔚 Да, завершить
citizen-end-no-button = ↩️ Нет, продолжить
citizen-end-kept = Диалог продолжается: операторы по-прежнему могут писать вам здесь.
citizen-person-prompt =
    🙋 Напишите вопрос операторам телефона доверия одним сообщением. Его прочитает человек и ответит здесь, в этом чате, — не сразу, обычно в течение рабочего дня.

    🔒 Вопрос хранится без вашего имени, имени пользователя и номера в Telegram; сам Telegram знает, кто пишет этому боту. Если кому-то грозит опасность, звоните { $emergency } прямо сейчас.
citizen-person-too-short = Пожалуйста, напишите вопрос хотя бы в нескольких словах.
citizen-person-need-text = Пожалуйста, напишите вопрос словами (текстовым сообщением).
citizen-person-limit = За последние сутки вы отправили много вопросов и сообщений. Пожалуйста, подождите, прежде чем отправить новый. Если кому-то грозит опасность, звоните { $emergency }.
citizen-person-received =
    ✅ Ваш вопрос передан операторам. Ответ придёт в этот чат.

    Ваш код: { $code }

    Сохраните его, если захотите позже посмотреть ответ или написать в ответ с любого аккаунта: нажмите «🔎 Статус сообщения» (или отправьте /status) и пришлите код, когда я его попрошу.
citizen-feedback-not-helped = Жаль, что ответ не помог. Можно спросить человека — оператор ответит в этом чате — или отправить сообщение.
citizen-operator-answer =
    💬 Операторы телефона доверия ответили на ваш вопрос:

    { $text }

    Чтобы ответить, воспользуйтесь командой /status с вашим кодом.
citizen-op-question-card =
    { $urgent ->
        [yes] 🚨 СРОЧНЫЙ вопрос
       *[no] ❓ Вопрос
    } { $number } — гражданин спрашивает человека (не сообщение о происшествии)
    Язык: { $language }
    Получено: { $time }
citizen-op-kind-question = ❓ Вопрос человеку
citizen-op-answers = Ответы на вопросы категории:
citizen-op-answer = • { $label }: { $answer }
citizen-op-templates = Или отправьте готовый ответ по обращению { $number }: заявитель получит его на своём языке ({ $language }).
citizen-op-template-sent = Отправлено заявителю по обращению { $number }:
    { $text }
## security (issue 11): case content goes to the operator who asked, in a private chat
security-sent-privately = { $what }: отправлено вам в личный чат с ботом.
security-start-private-chat = Откройте личный чат с ботом и нажмите «Начать», затем повторите запрос: материалы обращений отправляются только туда.
security-what-case = Обращение { $number }
security-what-export = Выгрузка
## Operators' chat and prompts (issue 16: emulator strictness)
opchat-prompt-for = { $name }, { $prompt }
opchat-migrated = Telegram преобразовал группу операторов в супергруппу (новый id { $chat_id }). Уведомления об обращениях теперь приходят туда, ничего не потеряно.
opchat-lost = ⚠️ Бот больше не может писать в чат операторов (Telegram: { $reason }). Новые обращения и срочные уведомления сохраняются и будут доставлены, как только бота вернут в группу. Добавьте его обратно или попросите администратора изменить OPERATOR_CHAT_ID.
opchat-evidence-undelivered = ⚠️ Вложение { $position } из { $total } не удалось показать здесь (Telegram: { $reason }).
## Danger recognition (bot/answers/danger.py): a message that signals immediate danger.
danger-notice = 🚨 Если это происходит сейчас или кому-то угрожает опасность, немедленно звоните { $emergency } (полиция — { $police }). Этот бот не экстренная служба и отвечает не сразу. Когда будете в безопасности, сообщите об этом здесь: /report.
danger-happening-now = Это происходит прямо сейчас?
danger-now-yes-button = 🚨 Да, прямо сейчас
danger-now-no-button = Нет
danger-call-now = 🚨 Звоните { $emergency } прямо сейчас (полиция — { $police }): операторы читают сообщения, но не сразу. Когда сможете, продолжите сообщение здесь — оно будет отмечено как срочное.
## Teach loop: editors decide what unanswered questions mean (/gaps)
kb-gap-question = ❓ «{ $text }» ({ $language }, спрашивали { $asked } { $asked ->
        [one] раз
        [few] раза
        [many] раз
       *[other] раза
    })
kb-gap-picked = Граждане выбрали из предложенных ответов: «{ $entry }» ({ $count })
kb-gap-disliked = Ответ «{ $entry }» отмечен 👎 ({ $count })
kb-gap-choose = Что имелось в виду?
kb-gap-means = → { $entry }
kb-gap-other-entry = Другая запись…
kb-gap-off-topic = Не по теме
kb-gap-skip = Пропустить
kb-gaps-none = Вопросов без ответа нет.
kb-gaps-end = Больше вопросов нет. Отправьте /gaps, чтобы начать сначала.
kb-taught-taught = ✅ Запомнено: теперь бот будет отвечать на этот вопрос.
kb-taught-already_known = Эта формулировка уже добавлена.
kb-taught-unknown_entry = Такой записи больше нет в базе знаний.
kb-taught-empty = Пустой вопрос: добавлять нечего.
kb-gap-gone = Этот вопрос уже разобрал другой редактор.
kb-gap-dismissed = Отмечено как вопрос не по теме.
console-queue-count-more = Больше { $count } { $count ->
    [one] обращения
   *[other] обращений
}; уточните фильтры или поиск, чтобы увидеть все.
console-views = Открыто { $count } { $count ->
    [one] раз
    [few] раза
   *[many] раз
}, сотрудников: { $people }.

## Web intake (bot/web): reports without Telegram
web-site-name = Телефон доверия Комитета национальной безопасности
web-emergency = При непосредственной опасности звоните { $emergency } (полиция: { $police }). Этот сайт — не служба экстренной помощи.
web-nav-home = Главная
web-nav-ask = Задать вопрос
web-nav-report = Сообщить
web-nav-status = Статус сообщения
web-home-title = Сообщить без Telegram
web-intro = Телефон доверия принимает конфиденциальные сообщения о подозрениях, связанных с терроризмом и экстремизмом: подготовке теракта, вербовке, пропаганде, оружии или взрывчатке. На этом сайте можно сообщить без регистрации, в том числе через Tor Browser с отключённым JavaScript. Вы получите код обращения, чтобы проверять статус сообщения, читать, что пишут операторы, и отвечать им.
web-channel-protects-title = Что этот сайт защищает
web-channel-protects = Сайт не спрашивает ни имени, ни учётной записи, ни номера телефона. Он не записывает ваш IP-адрес и браузер и не ведёт журнал посещений. Файлы cookie не используются, пока вы не начали сообщение; затем ставится один файл cookie, который лишь указывает на вашу незаконченную форму и удаляется после отправки или вскоре после этого. С других сайтов ничего не загружается. Перед сохранением из приложенных файлов удаляются данные о месте съёмки, камере и авторе, а сами файлы хранятся в зашифрованном виде. Закрытые сообщения удаляются через { $retention } { $retention ->
        [one] день
        [few] дня
       *[other] дней
    }.
web-channel-limits-title = Чего он защитить не может
web-channel-limit-device = Ваше устройство: тот, кто управляет вашим телефоном или компьютером или позже проверит его, может увидеть, что вы делали. Пользуйтесь устройством, которому доверяете; Tor Browser не хранит историю посещений.
web-channel-limit-network = Ваша сеть: без Tor ваш провайдер или работодатель может увидеть, что вы заходили на этот сайт, но не то, что вы написали. Tor Browser скрывает и это.
web-channel-limit-writing = Ваш текст: подробности, известные только вам, или ваша манера письма могут вас выдать. Опишите главное и не пишите того, что укажет на вас.
web-ask-title = Задать вопрос
web-ask-label = Ваш вопрос
web-ask-button = Спросить
web-ask-danger = Если кому-то угрожает непосредственная опасность, звоните { $emergency } сейчас же (полиция: { $police }). Не ждите ответа здесь.
web-ask-suggest = Не уверен, что понял вопрос. Возможно, вы имели в виду:
web-ask-see-also = Если я ответил не на тот вопрос, возможно, вы имели в виду:
web-ask-unknown = К сожалению, у меня нет ответа на этот вопрос. Попробуйте спросить иначе — или сообщите то, что вам известно.
web-report-title = Сообщить
web-report-category = О чём сообщение?
web-report-description = Что произошло? Опишите, что вы видели или знаете (не менее { $min } { $min ->
        [one] символа
       *[other] символов
    }).
web-report-place = Где? (необязательно)
web-report-time = Когда? (необязательно)
web-report-files = Фото или документы (необязательно; до { $count } { $count ->
        [one] файла
       *[other] файлов
    }, до { $mb } МБ каждый; JPEG, PNG, WebP, GIF, PDF, Word, Excel, PowerPoint)
web-report-files-kept = Приложено:
web-report-remove-file = Убрать
web-report-files-cleaned = Перед сохранением из файлов удаляются данные о месте съёмки, камере и авторе.
web-report-continue = Перейти к проверке
web-review-title = Проверьте сообщение
web-review-not-given = —
web-review-description = Описание
web-review-files = Файлы
web-review-edit = Изменить
web-review-pow-working = Подготовка к отправке… (браузер выполняет короткое вычисление, которое защищает телефон доверия от спама)
web-review-no-script = Если JavaScript отключён: подождите { $seconds } { $seconds ->
        [one] секунду
        [few] секунды
       *[other] секунд
    } после того, как начали сообщение, затем нажмите «Отправить».
web-review-submit = Отправить
web-receipt-title = Ваше сообщение принято
web-receipt-intro = Ваш код обращения:
web-receipt-keep = Он показывается только один раз: запишите его или сохраните в надёжном месте. По этому коду в разделе «Статус сообщения» вы увидите статус и сообщения операторов и сможете им ответить. Никому не сообщайте код.
web-status-title = Статус сообщения
web-status-code = Код обращения
web-status-button = Показать
web-status-not-a-code = Это не код обращения. Он выглядит так: ABCD-1234-EFGH-5678.
web-status-state = Статус: { $status }
web-status-from-operator = Оператор, { $date }
web-status-from-you = Вы, { $date }
web-status-reply = Ответить операторам
web-status-reply-button = Отправить ответ
web-error-title = Что-то пошло не так
web-error-generic = Произошла ошибка на сервере. Попробуйте ещё раз через минуту; то, что вы уже отправили, сохранено.
web-error-category = Выберите, о чём сообщение.
web-error-description-short = Опишите, что произошло: нужно не менее { $min } { $min ->
        [one] символа
       *[other] символов
    }.
web-error-description-long = Описание слишком длинное: сократите его до 4000 символов.
web-error-field-long = Одно из полей слишком длинное: сократите его.
web-error-file-too_large = Файл больше { $mb } МБ, поэтому он не приложен; остальное сохранено.
web-error-file-unsupported = Файлы такого типа мы не можем очистить от личных данных, поэтому файл не приложен; используйте JPEG, PNG, WebP, GIF, PDF, Word, Excel или PowerPoint.
web-error-file-unreadable = Файл не удалось прочитать (он повреждён или защищён паролем), поэтому он не приложен.
web-error-too-many-files = К сообщению можно приложить не более { $count } { $count ->
        [one] файла
       *[other] файлов
    }; остальные не приложены.
web-error-draft-gone = Срок действия формы истёк, или она уже отправлена. Начните сообщение заново.
web-error-proof = Подождите ещё { $seconds } { $seconds ->
        [one] секунду
        [few] секунды
       *[other] секунд
    } и снова нажмите «Отправить» (это защищает телефон доверия от спама).
web-error-busy = Сейчас поступает слишком много сообщений. Подождите минуту и снова нажмите «Отправить».
web-report-step-category = Сначала выберите, о чём сообщение: на следующей странице будут вопросы для такого сообщения.
web-report-next = Продолжить
web-report-chosen = Тема сообщения: { $category }.
web-report-change-category = Изменить
web-question-optional = (необязательно)
web-question-no-answer = Без ответа
web-question-own-words = Или напишите своими словами:
web-now-title = Непосредственная опасность
web-review-now-yes = Да, прямо сейчас
web-review-now-no = Нет
web-review-place = Где
web-review-time = Когда
web-status-times = Время указано по часовому поясу { $zone }.
op-web-case = 🌐 Сообщение с сайта, без аккаунта Telegram. Ваши ответы появятся на странице статуса на сайте: автор увидит их, когда войдёт с кодом обращения.

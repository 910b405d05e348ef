# English texts of the Trust Hotline bot. Every message here must exist in kk.ftl and ru.ftl too.
# Arguments filled by the bot: { $emergency } (emergency number), { $police }, { $retention } (days).

## Start, menu and general commands

welcome =
    Hello! This is the confidential helpline (“trust line”) of the National Security Committee of Kazakhstan.
    I answer questions about countering terrorism and extremism, and I take confidential reports.

    🔒 Your reports are stored without your Telegram name, username or number. This is confidentiality, not anonymity: Telegram itself knows who writes to this bot. See /privacy.
emergency-notice = 🚨 If anyone is in immediate danger, call { $emergency } now. This bot is not an emergency service and does not answer at once.
menu-prompt = What would you like to do?
menu-ask = ❓ Ask a question
menu-report = 📝 Report something
menu-status = 🔎 Check a report
menu-language = 🌐 Language
menu-about = ℹ️ About and privacy
ask-prompt = Type your question in your own words, in Kazakh, Russian or English. For example: “How many people were convicted of terrorism in 2019?”
help =
    I can:
    • answer questions about the 2019 results of countering terrorism and about this hotline — just type a question;
    • take a confidential report — /report;
    • pass a question I cannot answer to a person — /person;
    • show a report's status and the operators' messages — /status, then your code when I ask for it.

    Other commands: /language — change language, /privacy — what is stored, /about — about this bot, /cancel — stop what you are doing.
about =
    The confidential helpline (“trust line”) of the National Security Committee of the Republic of Kazakhstan in Telegram.
    Answers come from the Anti-Terrorism Center's briefing on the results of 2019. Reports go to the hotline's operators, who review every one.
privacy =
    🔒 What this bot stores and what it does not

    • Reports: their text, attached files and a scrambled (hashed) receipt code. No Telegram id, name, username or phone number is stored with a report.
    • While a report is open, your chat id is kept encrypted so that the operators' replies can reach you; it is deleted when the case closes or when you end the dialogue.
    • Closed reports are deleted after { $retention } { $retention ->
        [one] day
       *[other] days
    }; only anonymous counts remain.
    • Your language choice is kept under a scrambled key, not your Telegram id.
    • Questions the bot could not answer are kept as text only, so the answers can be improved, and deleted after { $retention } { $retention ->
        [one] day
       *[other] days
    }.

    ⚠️ Confidential is not anonymous: Telegram itself knows who writes to this bot. Photos sent “as a file” can keep location data — send them as photos. You can delete this chat at any time in Telegram; that does not delete a report you have sent.

## Language

language-choose = Choose the language:
language-set = Done: I will speak English.

## Questions and answers

answer-feedback-prompt = Was this answer helpful?
feedback-yes = 👍 Yes
feedback-no = 👎 No
feedback-thanks = Thank you! This helps us improve the answers.
suggest-intro = I'm not sure I understood. Did you mean:
see-also-intro = If that is not what you asked, perhaps you meant:
unknown-answer = Sorry, I don't have an answer to that. Try asking in other words — or, if you want to tell us about something suspicious, send a report.
unknown-report-button = 📝 Send a report

## Bad input

not-text = I can only read text here. Type a question in words — or, to send photos, videos or files, start a report with /report.
too-long = That is too long for a question (more than { $limit } { $limit ->
        [one] character
       *[other] characters
    }). Ask briefly — or, to describe something in detail, use /report.
empty-text = Please type your question in words.
unknown-command = I don't know that command. See /help for what I can do.
stale-button = This button is no longer valid. Please use the menu: /start
slow-down = You are sending messages too quickly. Please wait a few seconds and try again.
edited-message = I don't read edited messages. Please send the corrected text as a new message.
private-only = I work only in a private chat, so that what you write stays confidential. Please open a private chat with me.
error-generic = Sorry, something went wrong on our side. Please try again in a minute.

## Bot commands (shown in Telegram's command menu)

command-start = Main menu
command-help = What this bot can do
command-report = Send a confidential report
command-status = Check a report by its code
command-language = Change language
command-privacy = What is stored and how long
command-about = About the hotline
command-cancel = Stop the current action

## Flows

cancelled = Cancelled. Nothing was sent.
nothing-to-cancel = There is nothing to cancel.

## Reporting (citizens)

report-intro =
    📝 A confidential report. It takes a few steps: what it is about, what you saw, and, if you wish, photos or files, the place and the time. You can stop at any moment with /cancel.

    🔒 Your name, username and phone number are not stored with the report. Telegram itself knows who writes to this bot.
report-choose-category = What is it about?
# /report's first message: the introduction, the emergency notice and the category question together (one message
# where there were three: the category buttons sit right under what they answer).
report-start =
    { report-intro }

    { emergency-notice }

    { report-choose-category }
category-terror_plot = 💣 Preparation of a terrorist act
category-recruitment = 🗣 Recruitment, drawing people in
category-online_content = 🌐 Extremist content or propaganda online
category-weapons = 🔫 Weapons, explosives, a suspicious object
category-other = ❔ Something else
report-cancel-button = ✖️ Cancel
report-describe = Describe what you saw or know: what, who, where, when. Write at least { $min } { $min ->
        [one] character
       *[other] characters
    }, in your own words.
report-description-too-short = Please describe it in more detail: at least { $min } { $min ->
        [one] character
       *[other] characters
    }.
report-description-too-long = That is longer than { $max } { $max ->
        [one] character
       *[other] characters
    }. Please shorten it; you can add details later as separate messages.
report-need-text = Please describe it in words (a text message). Photos and files can be added at the next step.
report-evidence =
    You can now add photos, videos, documents, voice messages or links — send them one by one or as an album. Anything more you want to say, write it here too: it is added to the description.
    ⚠️ Photos sent “as a file” keep their metadata, which can include where they were taken; send photos as photos.
    When you are done, press “Done”.
report-evidence-done-button = ✅ Done
report-evidence-skip-button = ⏭ Skip
report-evidence-added = Added ({ $count } in total). Send more, or press “Done”.
report-evidence-file-warning = ⚠️ This image was sent as a file: it may contain where and when it was taken. It is attached as you sent it; if you want, send it again as a photo instead.
report-evidence-unsupported = This cannot be attached. Send photos, videos, documents, voice messages or links, or press “Done”.
report-evidence-limit = That is the most a report can hold ({ $limit } { $limit ->
        [one] attachment
       *[other] attachments
    }). Press “Done” to go on.
report-place = Where did it happen? Send a location (📎 → Location) or write the address or landmark. Or press “Skip”.
report-time = When did it happen, or is it still happening? Write it in any form (“today about 15:00”, “every Friday”). Or press “Skip”.
report-review =
    Please check your report:

    Category: { $category }
    Description: { $description }
    Attachments: { $evidence }
    Place: { $place }
    Time: { $time }
report-not-given = not given
report-location-given = location sent
report-review-privacy = 🔒 The report is kept for operators of the hotline without your Telegram name, username or number; a closed report is deleted after { $retention } { $retention ->
        [one] day
       *[other] days
    }. Telegram itself knows who writes to this bot.
report-submit-button = 📨 Submit
report-add-more-button = ➕ Add more
report-use-buttons = Please use the buttons below the report: Submit, Add more or Cancel.
report-received =
    ✅ Your report has been received and recorded.

    Your code: { $code }

    Save this code now — write it down or keep it somewhere safe. It is shown only once and cannot be recovered: we do not store it.
    To check your report and read the operators' replies, from any account: press “🔎 Check a report” (or send /status) and send the code when I ask for it. I delete that message at once, so the code does not stay in the chat.
report-already-received = This report has already been received.
report-limit = You have sent many reports in the last 24 hours. Please wait before sending another one. If anyone is in danger, call { $emergency }.
code-in-message = ⚠️ This message seems to contain a receipt code, so I deleted it and did not store it. To check a report, first press “🔎 Check a report” (or send /status), then send the code when I ask for it.

## Status and dialogue (citizens)

status-ask-code = Send your receipt code (for example ABCD-1234-EFGH-5678).
status-not-found = No report was found with this code. Check the code and try again.
status-too-many = Too many attempts. Please try again in an hour.
status-new = received, waiting for review
status-in_review = being reviewed
status-closed = closed
status-view = Report status: { $status }
status-no-messages = The operators have not written to you yet.
status-operator-message = 💬 Operator, { $date }:
    { $text }
status-reply-button = ✍️ Answer the operators
status-end-button = 🔚 End the dialogue
status-write-reply = Write your answer to the operators in one message.
status-reply-sent = Your answer has been passed to the operators.
status-reply-closed = This report is closed; it no longer takes messages.
status-session-expired = Please press “🔎 Check a report” (or send /status) and send your code again.
status-dialogue-ended = The dialogue has ended: operators can no longer write to you in this chat. You can still check the status: /status, then your code.
status-code-deleted = I deleted your message with the code from this chat, for your safety.
operator-message-to-citizen =
    💬 A message from the hotline operators about your report:

    { $text }

    To answer, use /status with your code.

## Operators

op-card =
    { $urgent ->
        [yes] 🚨 URGENT
       *[no] 🆕 New
    } case { $number }
    Category: { $category }
    Language: { $language }
    Received: { $time }
    Attachments: { $evidence }{ $similar }
op-card-similar = { "" }
    Similar to case { $number }
op-card-happening-now = { $now ->
        [yes] 🔴 Happening now: YES, the reporter says so
        [no] Happening now: no, the reporter says so
       *[unknown] Happening now: unknown (the reporter was not asked)
    }
op-urgent-alert = 🚨 Urgent case { $number }: words that may mean immediate danger. Please claim it now.
op-reminder = ⏰ Case { $number } has not been claimed for { $minutes } { $minutes ->
        [one] minute
       *[other] minutes
    }.
op-citizen-replied = 💬 The reporter answered in case { $number }.
op-dialogue-ended = 🔚 The reporter ended the dialogue in case { $number }; replies now wait for /status.
op-button-open = 📂 Open
op-button-claim = ✋ Claim
op-button-status = 🏷 Status
op-button-reply = 💬 Reply
op-button-note = 📝 Note
op-button-release = ↩️ Release
op-status-in_review = In review
op-outcome-actioned = Closed: actioned
op-outcome-referred = Closed: referred to an agency
op-outcome-duplicate = Closed: duplicate
op-outcome-no_action = Closed: no action
op-outcome-spam = Closed: spam
op-case-details =
    📂 Case { $number } — { $status }{ $outcome }
    Category: { $category } · Language: { $language } · { $urgent ->
        [yes] urgent
       *[no] not urgent
    }
    Received: { $time }
    Claimed by: { $claimed }
    Place: { $place }
    Time: { $incident }
    Reporter reachable in Telegram: { $route }

    { $description }
op-case-messages = Dialogue:
op-case-message-in = ← reporter ({ $date }): { $text }
op-case-message-out = → operator #{ $operator } ({ $date }): { $text }
op-case-notes = Internal notes:
op-case-note = • operator #{ $operator } ({ $date }): { $text }
op-evidence-link = 🔗 { $text }
op-nobody = nobody
op-operator = operator #{ $id }
op-yes = yes
op-no = no
op-claimed = ✋ Case { $number } is yours for { $hours } { $hours ->
        [one] hour
       *[other] hours
    }.
op-already-yours = Case { $number } is already yours.
op-taken = Case { $number } is being handled by another operator.
op-closed = Case { $number } is closed.
op-not-found = No such case.
op-released = Case { $number } released.
op-not-released = You do not hold case { $number }.
op-choose-status = New status for case { $number }:
op-status-set = Case { $number }: { $status }.
op-status-not-set = Could not change case { $number }: claim it first (or it is already closed).
op-write-reply = ✍️ Reply to this message with the text for the reporter of case { $number }. It will be sent by the bot, without your name.
op-write-note = 📝 Reply to this message with an internal note for case { $number }. It is never sent to the reporter.
op-reply-queued = Queued for the reporter of case { $number }.
op-reply-refused = Not sent: claim case { $number } first (or it is closed).
op-note-saved = Note saved in case { $number }.
op-forbidden = ⛔ Not allowed.
op-queue-empty = No cases here.
op-queue-title = Cases ({ $filter }):
op-queue-line = { $urgent ->
        [yes] 🚨
       *[no] •
    } { $number } · { $category } · { $status } · { $time }{ $now ->
        [yes] {" "}· 🔴 happening now
       *[other] {""}
    }
op-queue-usage = Usage: /queue [new | mine | unclaimed | urgent | overdue]
op-case-usage = Usage: /case HT-00042
op-stats =
    📊 Cases: { $total } (urgent: { $urgent })
    By status: { $by_status }
    By category: { $by_category }
    By language: { $by_language }
    Median time to claim: { $to_claim } min · to first reply: { $to_reply } min
    Knowledge base, last 30 days: { $answered } answered, { $suggested } “did you mean”, { $unknown } unanswered ({ $hit_rate } answered)
op-stats-none = –
op-export-ready = Export of { $count } { $count ->
        [one] case
       *[other] cases
    } ({ $format }), with no identifying data.
op-export-usage = Usage: /export [csv | json]
op-audit-title = Audit log (newest first):
op-audit-line = { $time } · { $who } · { $action } · { $case } { $detail }
op-admin-usage = Usage: /op_add TELEGRAM_ID [admin | operator | analyst | editor] · /op_remove TELEGRAM_ID
op-operator-set = Operator { $id } is now { $role }.
op-operator-removed = Operator { $id } removed.

## The citizen's path (issue 12): guided reports, checking a case, a person to talk to

command-person = Ask the operators a question
citizen-ask-person-button = 🙋 Ask a person
citizen-report-text-added = Added to the description. Send more, or press “Done”.
citizen-report-answer-place = Please send a location (📎 → Location) or write the place in words — or press “Skip”.
citizen-report-answer-words = Please answer in words (a text message) — or press “Skip”.
citizen-report-review =
    Please check your report:

    Category: { $category }
    Description: { $description }
    Attachments: { $evidence }
    { $answers }
# The review with its privacy note and the emergency notice, the buttons under them: one message where there were three.
citizen-report-review-to-submit =
    { citizen-report-review }

    { report-review-privacy }

    { emergency-notice }
citizen-report-review-answer = { $label }: { $answer }
citizen-report-add-more-button = ➕ Add more (text or files)
citizen-report-edit-description-button = ✏️ Rewrite the description
citizen-report-edit-category-button = 🏷 Change the category
citizen-report-use-buttons = Please use the buttons below the report: Submit, Add more, Rewrite the description, Change the category or Cancel.
citizen-report-limit-at-submit = You have sent many reports in the last 24 hours, so this one was not sent yet. Your draft is kept: press “Submit” again later. If anyone is in danger, call { $emergency }.
citizen-status-not-a-code = That is not a receipt code. A code has 16 letters and digits, like ABCD-1234-EFGH-5678. Send the code, or /cancel.
citizen-status-closed-outcome = closed — { $outcome }
citizen-outcome-actioned = measures were taken on your report
citizen-outcome-referred = passed to the competent agency
citizen-outcome-duplicate = the same information had already been reported
citizen-outcome-no_action = reviewed; no action was needed
citizen-outcome-spam = reviewed
citizen-outcome-none = reviewed
citizen-question-view = Your question to the operators: { $status }
citizen-status-own-message = 🙋 You, { $date }:
    { $text }
citizen-end-confirm = End the dialogue? The operators will no longer be able to write to you in this chat, and this cannot be undone. You can still check the status with your code.
citizen-end-yes-button = 🔚 Yes, end it
citizen-end-no-button = ↩️ No, keep it
citizen-end-kept = The dialogue continues: operators can still write to you here.
citizen-person-prompt =
    🙋 Write your question for the hotline's operators in one message. A person will read it and answer here, in this chat — not at once, usually within a working day.

    🔒 It is kept without your Telegram name, username or number; Telegram itself knows who writes to this bot. If anyone is in danger, call { $emergency } now.
citizen-person-too-short = Please write the question in a few words.
citizen-person-need-text = Please write your question in words (a text message).
citizen-person-limit = You have sent many questions and reports in the last 24 hours. Please wait before sending another one. If anyone is in danger, call { $emergency }.
citizen-person-received =
    ✅ Your question has been passed to the operators. Their answer will come in this chat.

    Your code: { $code }

    Keep it if you want to see the answer later or write back from any account: press “🔎 Check a report” (or send /status) and send the code when I ask for it.
citizen-feedback-not-helped = Sorry that did not help. You can ask a person — an operator will answer in this chat — or send a report.
citizen-operator-answer =
    💬 The hotline operators answered your question:

    { $text }

    To write back, use /status with your code.
citizen-op-question-card =
    { $urgent ->
        [yes] 🚨 URGENT question
       *[no] ❓ Question
    } { $number } — a citizen asks a person (not a report)
    Language: { $language }
    Received: { $time }
citizen-op-kind-question = ❓ Question to a person
citizen-op-answers = Answers to the category's questions:
citizen-op-answer = • { $label }: { $answer }
citizen-op-templates = Or send a saved reply to case { $number }: the reporter receives it in their language ({ $language }).
citizen-op-template-sent = Sent to the reporter of case { $number }:
    { $text }
## security (issue 11): case content goes to the operator who asked, in a private chat
security-sent-privately = { $what } sent to you in your private chat with the bot.
security-start-private-chat = Open a private chat with the bot and press Start, then ask again: case content is only sent there.
security-what-case = Case { $number }
security-what-export = The export
## Danger recognition (bot/answers/danger.py): a message that signals immediate danger.
danger-notice = 🚨 If this is happening now or someone is in danger, call { $emergency } right away (police: { $police }). This bot is not an emergency service and does not reply at once. When you are safe, you can report it here with /report.
danger-happening-now = Is this happening right now?
danger-now-yes-button = 🚨 Yes, right now
danger-now-no-button = No
danger-call-now = 🚨 Call { $emergency } now (police: { $police }): operators read reports, but not at once. When you can, continue the report here; it will be marked urgent.
## ---- console: the operators' web console (bot/console), its sign-in and /console in Telegram
console-title = Trust Hotline console
console-footer = Times in { $zone }. Confidential: for the hotline's staff only.
console-nav-queue = Queue
console-nav-dashboard = Dashboard
console-nav-my-sessions = My sessions
console-nav-staff = Staff
console-nav-sessions = Sessions
console-nav-audit = Audit log
console-nav-export = Export
console-sign-out = Sign out
console-operator = operator #{ $id }
console-role-admin = administrator
console-role-operator = operator
console-role-editor = editor
console-role-analyst = analyst
console-error-title = Something went wrong
console-error-text = The page could not be shown. Nothing was changed; try again, and tell an administrator if it keeps happening.
console-forbidden-title = Not allowed
console-forbidden-text = Your role does not allow this. The attempt has been recorded in the audit log.
console-signed-out-title = Please sign in
console-signed-out-text = You are not signed in, or your session has ended. Send /console to the bot in a private chat to get a new sign-in link.
console-csrf-title = Form expired
console-csrf-text = This form was not sent from a current console page, so nothing was changed. Go back, reload the page and try again.
console-link-refused-title = This link no longer works
console-link-refused-text = Sign-in links work once, for 5 minutes. Send /console to the bot in a private chat to get a new one.
console-bye-title = Signed out
console-bye-text = You have signed out. To come back, send /console to the bot in a private chat.
console-signin-title = Sign in
console-signin-text = This one-time link signs you in to the console. Continue only on a computer you use for hotline work.
console-signin-continue = Continue
console-code-title = Confirmation code
console-enrol-text = First sign-in: scan this QR code with an authenticator app (e.g. Aegis, FreeOTP, Google Authenticator), then enter the 6-digit code it shows.
console-enrol-secret = Or type this key into the app:
console-enrol-once = The key is shown only now. Do not photograph it or send it to anyone.
console-code-label = 6-digit code from your authenticator app
console-code-submit = Sign in
console-code-wrong = The code is wrong or has already been used. Wait for the next code and try again.
console-queue-title = Cases
console-search = Search (description, place, dialogue, notes)
console-filter-status = Status
console-filter-category = Category
console-filter-urgency = Urgency
console-filter-language = Language
console-filter-assignee = Assignee
console-filter-tag = Tag
console-filter-since = From
console-filter-until = To
console-sort = Sort
console-sort-newest = newest first
console-sort-oldest = oldest first
console-sort-urgent = urgent first
console-apply = Apply
console-all = all
console-status-open = open
console-status-new = new
console-status-in_review = in review
console-status-closed = closed
console-category-terror_plot = Terrorist plot
console-category-recruitment = Recruitment or propaganda
console-category-online_content = Extremist content online
console-category-weapons = Weapons or explosives
console-category-other = Other
console-language-kk = Kazakh
console-language-ru = Russian
console-language-en = English
console-urgent = urgent
console-happening-now = happening now
console-not-urgent = not urgent
console-nobody = nobody
console-queue-count = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
console-queue-empty = No cases match.
console-col-number = Case
console-col-received = Received
console-col-category = Category
console-col-urgency = Urgency
console-col-status = Status
console-col-language = Language
console-col-assignee = Assignee
console-col-tags = Tags
console-col-operator = Staff member
console-col-role = Role
console-col-active = Active
console-prev = ← previous
console-next = next →
console-page = page { $page } of { $pages }
console-first-claimed = First claimed
console-first-reply = First reply
console-closed-at = Closed
console-place = Place
console-incident-time = When it happened
console-reachable = Reporter reachable in chat
console-yes = yes
console-no = no
console-similar = Similar cases
console-description = Description
console-answers = Answers to the category's questions
console-purged = (deleted at the end of the retention period)
console-evidence = Evidence
console-evidence-item = Item { $item } ({ $kind })
console-preview = Show
console-open-file = Open file
console-evidence-unavailable = The file could not be fetched from Telegram (it may have expired). Try again later.
console-claim = Claim
console-release = Release
console-assign-to = Hand to
console-assign = Assign
console-set-status = Status
console-set-status-button = Change…
console-reply-title = Reply to the reporter (they read { $language })
console-templates = Templates:
console-reply-hint = Sent by the bot without your name. A new case moves to "in review".
console-reply-send = Send to the reporter
console-reopen-reason = Reason for reopening (kept as an internal note)
console-reopen = Reopen
console-note = Internal note (never sent to the reporter)
console-note-save = Save note
console-tag-add = Tag
console-tag-add-button = Add tag
console-tag-remove = Remove tag
console-read-only = Analysts read cases; changing them needs the operator role.
console-timeline = Timeline
console-from-reporter = Reporter:
console-to-reporter = To the reporter (operator #{ $operator }):
console-note-by = Note by operator #{ $operator }:
console-confirm-title = Please confirm
console-confirm-close = Close case { $number } as “{ $outcome }”? The way to reply to the reporter in their chat is deleted when a case closes.
console-confirm-review = Set case { $number } to “in review”?
console-confirm-yes = Yes, do it
console-confirm-no = Cancel
console-done-claimed = The case is yours for the next hours.
console-done-taken = Another operator is working on this case.
console-done-closed = The case is closed.
console-done-not_found = There is no such case.
console-done-not-found = There is no such case.
console-done-released = The case is back in the queue.
console-done-not-released = You do not hold this case.
console-done-assigned = The case has been handed over.
console-done-assign-not_yours = Another operator holds this case: only they or an administrator can hand it on.
console-done-assign-not_staff = That person is not an active operator.
console-done-assign-closed = The case is closed.
console-done-assign-not_found = There is no such case.
console-done-status-set = Status changed.
console-done-status-not-set = Status not changed: claim the case first (or it is already closed).
console-done-reason-needed = Write a reason for reopening.
console-done-reopened = The case has been reopened.
console-done-reopen-not_closed = The case is not closed.
console-done-reopen-purged = The case's content has been deleted at the end of the retention period; it cannot be reopened.
console-done-reopen-not_found = There is no such case.
console-done-empty = Nothing to send: the text is empty.
console-done-reply-queued = The reply has been queued for the reporter.
console-done-reply-refused = Not sent: claim the case first (or it is closed).
console-done-note-saved = Note saved.
console-done-tags-saved = Tags saved.
console-done-tag-invalid = A tag is one short word: letters, digits, - and _.
console-action-refused = refused: { $action }
console-action-case-opened = opened the case
console-action-case-claimed = claimed the case
console-action-case-released = released the case
console-action-case-assigned = handed the case over
console-action-case-reopened = reopened the case
console-action-status-changed = changed the status
console-action-note-added = added a note
console-action-reply-sent = replied to the reporter
console-action-tag-added = added a tag
console-action-tag-removed = removed a tag
console-action-evidence-viewed = viewed evidence
console-action-export = exported cases
console-audit-export = { $count } { $count ->
        [one] case
       *[other] cases
    } ({ $format }){ $extras }
console-audit-export-extras = , also: { $what }
console-audit-export-notes = notes
console-audit-export-dialogue = dialogue
console-audit-export-assignee = assignee
console-action-operator-set = set a staff role
console-action-operator-removed = removed a staff member
console-action-console-link-issued = sign-in link issued
console-action-console-link-refused = sign-in link refused
console-action-console-code-refused = wrong confirmation code
console-action-console-signed-in = signed in to the console
console-action-console-session-signed-out = signed out
console-action-console-session-revoked = ended a session
console-dashboard-title = Dashboard
console-period = Period:
console-days = { $days } { $days ->
    [one] day
   *[other] days
}
console-dashboard-total = { $count } { $count ->
    [one] case
   *[other] cases
} in the last { $days } { $days ->
    [one] day
   *[other] days
}.
console-chart-by-category = Cases per day by category
console-chart-by-urgency = Cases per day by urgency
console-chart-backlog = Open cases by age
console-age-lt1d = under 1 day
console-age-1to3d = 1–3 days
console-age-3to7d = 3–7 days
console-age-7to30d = 7–30 days
console-age-gt30d = over 30 days
console-times-title = Response times
console-median = median
console-p90 = 90th percentile
console-cases = cases
console-first-response = to the first reply
console-to-close = to closing
console-minutes = { $minutes } min
console-reminders = Reminders about unclaimed cases in this period: { $count }.
console-answers-title = Questions to the bot
console-asked = asked
console-answer-rate = answered
console-thumbs-down = 👎 share
console-top-unanswered = most frequent unanswered
console-votes-all-time = 👎 share counts all votes so far; the other columns cover the chosen period.
console-sessions-mine = My open sessions
console-sessions-all = All open sessions
console-signed-in-at = Signed in
console-last-seen = Last active
console-ends = Ends at the latest
console-browser = Browser
console-this-session = this session
console-end-session = End
console-staff-title = Staff and roles
console-telegram-id = Telegram id
console-added = Added
console-remove-staff = remove
console-save = Save
console-staff-hint = Changing someone's role or removing them ends their console sessions at once.
console-done-staff-saved = Saved.
console-done-staff-invalid = Enter a Telegram id (digits) and a role.
console-audit-title = Audit log
console-audit-action = Action
console-when = When
console-not-staff = not staff
console-export-title = Export cases
console-export-text = Every case, with no data that identifies the reporter. The export is recorded in the audit log; keep the file only where staff can read it.
console-export-notes = include internal notes
console-export-dialogue = include the dialogue with the reporter
console-export-assignee = include the assignee
console-export-button = Download
console-link-sent = Your sign-in link for the console (works once, for 5 minutes): { $link }
console-link-private-only = Send /console to me in a private chat: a sign-in link must not appear in a group.
console-link-not-configured = The console is not set up (CONSOLE_URL is not set).
console-card-link = Open in the console: { $link }
console-queue-filter-open = open
console-queue-filter-new = new
console-queue-filter-mine = mine
console-queue-filter-unclaimed = unclaimed
console-queue-filter-urgent = urgent
console-queue-filter-overdue = overdue
console-op-help =
    Commands for staff:
    /queue [new | mine | unclaimed | urgent | overdue] — the queue
    /case HT-00042 — one case
    /stats [7 | 30 | 90] — figures and a chart for the last days
    /audit — the audit log (administrators)
    /export [csv | json] — all cases without identity (administrators)
    /op_add TELEGRAM_ID [admin | operator | analyst] · /op_remove TELEGRAM_ID — staff (administrators)
    /console — a sign-in link for the web console (in a private chat with me){ $console }
    Buttons on a case card: claim, status, reply to the reporter, internal note, release.
console-op-help-console = { "" }
    Console: { $url }
console-case-summary =
    📂 Case { $number } — { $status }
    Category: { $category } · { $urgent ->
        [yes] urgent
       *[no] not urgent
    }
    Received: { $time } · attachments: { $evidence }
    The reporter's text, place and files are in the console only.
console-stats-chart = Cases per day, last { $days } { $days ->
    [one] day
   *[other] days
}
console-stats-usage = Usage: /stats [7 | 30 | 90]
console-stats =
    📊 Last { $days } { $days ->
        [one] day:
       *[other] days:
    } { $total } { $total ->
        [one] case
       *[other] cases
    } ({ $urgent } urgent)
    By category: { $by_category }
    First reply: median { $reply_median } min, p90 { $reply_p90 } min
    Closing: median { $close_median } min, p90 { $close_p90 } min
    Open now by age: { $backlog }
    Reminders about unclaimed cases: { $reminders }
    Questions answered: { $answers }
    👎 share (all votes so far): { $thumbs }
## Operators' chat and prompts (issue 16: emulator strictness)
opchat-prompt-for = { $name }, { $prompt }
opchat-migrated = Telegram upgraded the operators' group to a supergroup (new id { $chat_id }). Case notifications go there from now on; nothing was lost.
opchat-lost = ⚠️ The bot can no longer post to the operators' chat (Telegram: { $reason }). New cases and urgent alerts are kept and will be delivered once the bot is back in the group. Add it back now, or ask the administrator to change OPERATOR_CHAT_ID.
opchat-evidence-undelivered = ⚠️ Item { $position } of { $total } could not be shown here (Telegram: { $reason }).
## Teach loop: editors decide what unanswered questions mean (/gaps)
kb-gap-question = ❓ “{ $text }” ({ $language }, asked { $asked } { $asked ->
        [one] time
       *[other] times
    })
kb-gap-picked = Citizens picked from the suggested answers: “{ $entry }” ({ $count })
kb-gap-disliked = The answer “{ $entry }” got 👎 ({ $count })
kb-gap-choose = What does this question mean?
kb-gap-means = → { $entry }
kb-gap-other-entry = Another entry…
kb-gap-off-topic = Off-topic
kb-gap-skip = Skip
kb-gaps-none = There are no unanswered questions.
kb-gaps-end = No more questions. Send /gaps to start again.
kb-taught-taught = ✅ Learned: the bot will now answer this question.
kb-taught-already_known = This wording has already been added.
kb-taught-unknown_entry = That entry is no longer in the knowledge base.
kb-taught-empty = The question is empty: nothing to add.
kb-gap-gone = Another editor has already dealt with this question.
kb-gap-dismissed = Marked as off-topic.
console-queue-count-more = More than { $count } { $count ->
    [one] case
   *[other] cases
}; narrow the filters or the search to page through them all.
console-views = Opened { $count ->
    [one] once
   *[other] { $count } times
} by { $people ->
    [one] one staff member
   *[other] { $people } staff members
}.

## Web intake (bot/web): reports without Telegram
web-site-name = National Security Committee confidential hotline
web-emergency = If you are in immediate danger, call { $emergency } (police: { $police }). This site is not an emergency service.
web-nav-home = Home
web-nav-ask = Ask a question
web-nav-report = Make a report
web-nav-status = Track a report
web-home-title = Report without Telegram
web-intro = The hotline accepts confidential reports of suspected terrorism or extremism: preparation of a terrorist attack, recruitment, propaganda, weapons or explosives. On this site you can report without an account, even from Tor Browser with JavaScript turned off. You will get a receipt code to track your report, read the operators' messages and reply to them.
web-channel-protects-title = What this site protects
web-channel-protects = It does not ask for your name, an account or a phone number. It does not record your IP address or browser and keeps no access log. No cookie is set until you start a report; then one cookie, which only points to your unfinished form, is deleted when you send the report or soon after. Nothing is loaded from other sites. Location, camera and author data are removed from attached files before they are stored, and the files are kept encrypted. Closed reports are deleted after { $retention } { $retention ->
        [one] day
       *[other] days
    }.
web-channel-limits-title = What it cannot protect
web-channel-limit-device = Your device: anyone who controls or later inspects your phone or computer may see what you did. Use a device you trust; Tor Browser keeps no browsing history.
web-channel-limit-network = Your network: without Tor, your internet provider or employer can see that you visited this site, though not what you wrote. Tor Browser hides even that.
web-channel-limit-writing = What you write: details only you could know, or your way of writing, may point to you. Describe what matters and leave out what would identify you.
web-ask-title = Ask a question
web-ask-label = Your question
web-ask-button = Ask
web-ask-danger = If anyone is in immediate danger, call { $emergency } now (police: { $police }). Do not wait for an answer here.
web-ask-suggest = I'm not sure I understood. Did you mean:
web-ask-see-also = If that is not what you asked, perhaps you meant:
web-ask-unknown = Sorry, I don't have an answer to that. Try asking in other words — or report what you know.
web-report-title = Make a report
web-report-category = What is it about?
web-report-description = What happened? Describe what you saw or know (at least { $min } { $min ->
        [one] character
       *[other] characters
    }).
web-report-place = Where? (optional)
web-report-time = When? (optional)
web-report-files = Photos or documents (optional; up to { $count } { $count ->
        [one] file
       *[other] files
    }, { $mb } MB each; JPEG, PNG, WebP, GIF, PDF, Word, Excel, PowerPoint)
web-report-files-kept = Attached:
web-report-remove-file = Remove
web-report-files-cleaned = Location, camera and author data are removed from files before they are stored.
web-report-continue = Continue to review
web-review-title = Check your report
web-review-not-given = —
web-review-description = Description
web-review-files = Files
web-review-edit = Edit
web-review-pow-working = Preparing to send… (your browser is doing a short calculation that protects the hotline from spam)
web-review-no-script = If JavaScript is off: wait { $seconds } { $seconds ->
        [one] second
       *[other] seconds
    } after starting the report, then press “Send”.
web-review-submit = Send
web-receipt-title = Your report has been received
web-receipt-intro = Your receipt code:
web-receipt-keep = It is shown only once: write it down or keep it somewhere safe. With it, under “Track a report”, you can see the status of your report and the operators' messages, and reply to them. Do not share the code with anyone.
web-status-title = Track a report
web-status-code = Receipt code
web-status-button = Show
web-status-not-a-code = That is not a receipt code. It looks like ABCD-1234-EFGH-5678.
web-status-state = Status: { $status }
web-status-from-operator = Operator, { $date }
web-status-from-you = You, { $date }
web-status-reply = Reply to the operators
web-status-reply-button = Send reply
web-error-title = Something went wrong
web-error-generic = A server error occurred. Please try again in a minute; what you already sent is saved.
web-error-category = Choose what the report is about.
web-error-description-short = Describe what happened in at least { $min } { $min ->
        [one] character
       *[other] characters
    }.
web-error-description-long = The description is too long: shorten it to 4,000 characters.
web-error-field-long = A field is too long: shorten it.
web-error-file-too_large = A file is larger than { $mb } MB and was not attached; the rest of your report is kept.
web-error-file-unsupported = A file was not attached because files of this type cannot be cleaned of personal data; use JPEG, PNG, WebP, GIF, PDF, Word, Excel or PowerPoint.
web-error-file-unreadable = A file could not be read (it is damaged or password-protected) and was not attached.
web-error-too-many-files = A report can have at most { $count } { $count ->
        [one] file
       *[other] files
    }; the rest were not attached.
web-error-draft-gone = This form has expired or has already been sent. Please start the report again.
web-error-proof = Please wait { $seconds } more { $seconds ->
        [one] second
       *[other] seconds
    }, then press “Send” again (this protects the hotline from spam).
web-error-busy = Too many reports are arriving right now. Please wait a minute and press “Send” again.
web-report-step-category = First choose what the report is about: the next page asks the questions for that kind of report.
web-report-next = Continue
web-report-chosen = Report about: { $category }.
web-report-change-category = Change
web-question-optional = (optional)
web-question-no-answer = No answer
web-question-own-words = Or write it in your own words:
web-now-title = Immediate danger
web-review-now-yes = Yes, right now
web-review-now-no = No
web-review-place = Where
web-review-time = When
web-status-times = Times are shown in the { $zone } time zone.
op-web-case = 🌐 Web report, not linked to a Telegram account. Your replies appear on the site's status page: the reporter sees them when they check in with their receipt code.

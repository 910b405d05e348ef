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
    • Closed reports are deleted after { $retention } days; only anonymous counts remain.
    • Your language choice is kept under a scrambled key, not your Telegram id.
    • Questions the bot could not answer are kept as text only, so the answers can be improved, and deleted after { $retention } days.

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
unknown-answer = Sorry, I don't have an answer to that. Try asking in other words — or, if you want to tell us about something suspicious, send a report.
unknown-report-button = 📝 Send a report

## Bad input

not-text = I can only read text here. Type a question in words — or, to send photos, videos or files, start a report with /report.
too-long = That is too long for a question (more than { $limit } characters). Ask briefly — or, to describe something in detail, use /report.
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
category-terror_plot = 💣 Preparation of a terrorist act
category-recruitment = 🗣 Recruitment, drawing people in
category-online_content = 🌐 Extremist content or propaganda online
category-weapons = 🔫 Weapons, explosives, a suspicious object
category-other = ❔ Something else
report-cancel-button = ✖️ Cancel
report-describe = Describe what you saw or know: what, who, where, when. Write at least { $min } characters, in your own words.
report-description-too-short = Please describe it in more detail: at least { $min } characters.
report-description-too-long = That is longer than { $max } characters. Please shorten it; you can add details later as separate messages.
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
report-evidence-limit = That is the most a report can hold ({ $limit } attachments). Press “Done” to go on.
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
report-review-privacy = 🔒 The report is kept for operators of the hotline without your Telegram name, username or number; a closed report is deleted after { $retention } days. Telegram itself knows who writes to this bot.
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
op-urgent-alert = 🚨 Urgent case { $number }: words that may mean immediate danger. Please claim it now.
op-reminder = ⏰ Case { $number } has not been claimed for { $minutes } minutes.
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
op-claimed = ✋ Case { $number } is yours for { $hours } hours.
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
    } { $number } · { $category } · { $status } · { $time }
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
op-export-ready = Export of { $count } cases ({ $format }), with no identifying data.
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
## Teach loop: editors decide what unanswered questions mean (/gaps)
kb-gap-question = ❓ “{ $text }” ({ $language }, asked { $asked } { $asked ->
        [one] time
       *[other] times
    })
kb-gap-picked = Citizens chose from the suggestions: “{ $entry }” ({ $count })
kb-gap-disliked = The answer “{ $entry }” was voted 👎 ({ $count })
kb-gap-choose = What did it mean?
kb-gap-means = → { $entry }
kb-gap-other-entry = Another entry…
kb-gap-off-topic = Off-topic
kb-gap-skip = Skip
kb-gaps-none = There are no unanswered questions.
kb-gaps-end = No more questions. Send /gaps to start again.
kb-taught-taught = ✅ Learned: the bot will answer this question.
kb-taught-already_known = This wording has already been taught.
kb-taught-unknown_entry = That entry is no longer in the knowledge base.
kb-taught-empty = The question is empty: nothing to teach.
kb-gap-gone = Another editor has already dealt with this question.
kb-gap-dismissed = Marked as off-topic.

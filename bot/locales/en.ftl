# English texts of the Trust Hotline bot. Every message here must exist in kk.ftl and ru.ftl too.
# Arguments filled by the bot: { $emergency } (emergency number), { $police }, { $retention } (days).

## Start, menu and general commands

welcome =
    Hello! This is the trust hotline of the National Security Committee of Kazakhstan.
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
    • show a report's status and the operators' messages — /status CODE.

    Other commands: /language — change language, /privacy — what is stored, /about — about this bot, /cancel — stop what you are doing.
about =
    The trust hotline of the National Security Committee of the Republic of Kazakhstan in Telegram.
    Answers come from the Anti-Terrorism Center's briefing on the results of 2019. Reports go to the hotline's operators, who review every one.
privacy =
    🔒 What this bot stores and what it does not

    • Reports: their text, attached files and a scrambled (hashed) receipt code. No Telegram id, name, username or phone number is stored with a report.
    • While a report is open, the way to send you the operators' replies is kept encrypted and deleted when the case closes or when you end the dialogue.
    • Closed reports are deleted after { $retention } days; only anonymous counts remain.
    • Your language choice is kept under a scrambled key, not your Telegram id.
    • Questions the bot could not answer are kept as text only, so the answers can be improved.

    ⚠️ Confidential is not anonymous: Telegram itself knows who writes to this bot. Photos sent “as a file” can keep location data — send them as photos. You can delete this chat at any time in Telegram.

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
reports-coming = Reports through this bot are not open yet. If anyone is in danger, call { $emergency }.

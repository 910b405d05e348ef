"""Prometheus metrics of the bot (``GET /metrics``).

Labels are closed sets (update types, answer outcomes, Bot API method names, error codes): never a user, a chat, a
case or any text, so the metrics can be scraped and kept anywhere without becoming personal data.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics

UPDATES = Counter("hotline_updates_total", "Updates received, by type", ["type"])
DUPLICATES = Counter(
    "hotline_duplicate_updates_total",
    "Re-delivered updates not handled again (dropped: already done; retry_later: still being handled elsewhere)",
    ["outcome"],
)
IN_FLIGHT = Gauge("hotline_updates_in_flight", "Updates being handled by this instance now")
HANDLING = Histogram(
    "hotline_update_handling_seconds",
    "Time to handle one update, by type",
    ["type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
ANSWERS = Counter(
    "hotline_answers_total", "Knowledge-base questions by outcome (answer, suggest, unknown)", ["outcome"]
)
REPORTS = Counter("hotline_reports_created_total", "Reports committed as cases")
# Danger recognition (bot/answers/danger.py): how often a citizen got the 112/102 notice first.
DANGER_NOTICES = Counter("hotline_danger_notices_total", "Messages that signalled immediate danger")
OUTBOX_BACKLOG = Gauge("hotline_outbox_backlog", "Notifications waiting in the outbox (at scrape time)")
OUTBOX_AGE = Gauge("hotline_outbox_oldest_age_seconds", "Age of the oldest waiting notification (0: none)")
OUTBOX_POSTPONED = Counter(
    "hotline_outbox_postponed_total",
    "Notifications put back for a later try because of a problem already reported once (operators_chat_lost)",
    ["cause"],
)
OPERATORS_CHAT_LOSSES = Counter(
    "hotline_operators_chat_losses_total", "Times the bot lost the operators' chat (removed from it, chat gone)"
)
LATE_SENDS = Counter(
    "hotline_messages_sent_late_total",
    "Messages that left later than their turn (a stalled sender) and so were paced again (bot/telegram/outgoing.py)",
)
TELEGRAM_ERRORS = Counter(
    "hotline_telegram_api_errors_total", "Failed Bot API calls, by method and error code", ["method", "code"]
)

# The *_created twin of every series only doubles what a scrape carries.
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus_client leaves this one unannotated

# Problems that need a person (issue 16): set while they last, so an alert rule is a plain `== 1`.
PROBLEM = Gauge(
    "hotline_problem",
    "1 while a problem needs a person: webhook_refused (Telegram refused WEBHOOK_URL), operators_chat_lost",
    ["problem"],
)

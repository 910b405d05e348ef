"""The operators' console: a web workspace over the same database, roles and audit as the bot (``hotline console``).

Imports core, models, answers and cases; never bot.telegram. The Bot API is used directly (evidence previews).
"""

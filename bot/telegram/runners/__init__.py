"""How the bot takes updates: ``PollingApp`` (``hotline run``) or ``WebhookApp`` (``hotline run --webhook``)."""

from bot.telegram.runners.polling import PollingApp
from bot.telegram.runners.webhook import WebhookApp

__all__ = ["PollingApp", "WebhookApp"]

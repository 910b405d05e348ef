"""The danger recogniser under its old name, for code written before bot/answers/danger.py replaced the word list."""

from __future__ import annotations

from bot.answers.danger import DangerRecogniser as EmergencyWords

__all__ = ["EmergencyWords"]

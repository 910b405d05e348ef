"""The one clock: aware UTC datetimes everywhere (tables, rules, views)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)

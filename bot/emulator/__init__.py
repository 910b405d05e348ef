"""A local Telegram Bot API emulator for end-to-end tests and the interactive terminal chat.

``BotAPIEmulator`` (server.py) is the entry point. Modules: ``state`` (all state + shared operations),
``userside`` (what users do), ``methods/`` (Bot API handlers), ``updates`` (getUpdates long polling),
``webhook`` (delivery with retries), ``formatting`` (parse_mode → entities), ``markup`` (keyboards),
``files``, ``limits`` (flood control), ``params`` (request decoding), ``errors`` (Telegram's envelopes).
"""

from .errors import ApiError
from .files import make_png
from .limits import RateLimits
from .models import ApiCall, EmuChat, EmuEvent, EmuUser
from .server import BotAPIEmulator
from .userside import EmuMedia
from .webhook import SECRET_HEADER, WebhookSettings

__all__ = [
    "SECRET_HEADER",
    "ApiCall",
    "ApiError",
    "BotAPIEmulator",
    "EmuChat",
    "EmuEvent",
    "EmuMedia",
    "EmuUser",
    "RateLimits",
    "WebhookSettings",
    "make_png",
]

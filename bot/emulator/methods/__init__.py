"""Bot API method handlers; importing this package registers them all."""

from . import bot_api, media, messages
from .registry import METHODS, MethodSpec, api_method, find_method

__all__ = ["METHODS", "MethodSpec", "api_method", "bot_api", "find_method", "media", "messages"]

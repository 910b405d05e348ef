"""The web intake (``hotline web``): reports without Telegram, usable from Tor Browser with JavaScript off."""

"""The Trust Hotline bot: a Telegram bot of Kazakhstan's national-security trust hotline."""

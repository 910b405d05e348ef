"""Everything that speaks Telegram: the Bot and Dispatcher, middlewares, keyboards and handlers."""

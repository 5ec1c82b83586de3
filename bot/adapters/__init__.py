"""Adapters: thin layers that put the answer engine in front of people (Telegram, ...)."""

"""The Telegram adapter: python-telegram-bot in front of the answer engine.

`build_application` wires an `Application`; `run_bot` is `survey-bot run`.
"""

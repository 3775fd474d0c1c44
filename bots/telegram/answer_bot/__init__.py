"""A Telegram bot that answers from the releases an authoring library publishes.

It pulls and verifies releases with the key its maintainer pinned (`releases.py`), and turns
each update into a call of the consumer kit and a reply made only of the verified release's
words (`handlers.py`). See README.md.
"""

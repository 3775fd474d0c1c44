"""The consumer kit: what a bot or web site runs to use the answers an authoring library
publishes, without the authoring app. It verifies a release against a key pinned from a
second channel, pulls the latest release safely, and renders a static site from a verified
release. See docs/bundle-format.md.

    import answer_kit
    key = answer_kit.load_public_key("publisher.pub")       # pinned once, out of band
    result = answer_kit.pull("https://example.org/library.git", "/srv/answers", key)
    bundle = answer_kit.verify_file("/srv/answers/current", key)
    bot = answer_kit.Responder(bundle.data)                    # once per release
    reply = bot.ask("my friend won't wake up", locale="en", group=False)
    reply.messages, reply.buttons                              # what to send
"""

from answer_kit.content import Entry, entries_from_bundle
from answer_kit.matching import Match, MatchConfig, Matcher
from answer_kit.minisign import PublicKey, SignatureError
from answer_kit.pulling import FILES, PullResult, current, fetch, pull, verify_file
from answer_kit.replies import Button, Responder, Response, ask
from answer_kit.site import SiteError, site_pages, write_site
from answer_kit.verify import (
    Refused,
    VerifiedBundle,
    load_public_key,
    parse_utc,
    verify_bundle,
    version_tuple,
)

__all__ = [
    "FILES",
    "Button",
    "Entry",
    "Match",
    "MatchConfig",
    "Matcher",
    "Responder",
    "Response",
    "ask",
    "entries_from_bundle",
    "PublicKey",
    "PullResult",
    "Refused",
    "SignatureError",
    "SiteError",
    "VerifiedBundle",
    "current",
    "fetch",
    "load_public_key",
    "parse_utc",
    "pull",
    "site_pages",
    "verify_bundle",
    "verify_file",
    "version_tuple",
    "write_site",
]

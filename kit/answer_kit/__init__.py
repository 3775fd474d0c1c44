"""The consumer kit: what a bot or web site runs to use the answers an authoring library
publishes, without the authoring app. It verifies a release against keys pinned from a
second channel, pulls the latest release safely from a folder, a git remote or a static
HTTPS host, says what may be served (and, with no current release, the emergency numbers
that may still be shown), and renders a static site from a verified release. See
docs/bundle-format.md.

    import answer_kit
    key = answer_kit.load_public_key("publisher.pub")       # pinned once, out of band
    answer_kit.pull("https://answers.example.org/releases/", "/srv/answers", key)
    now = answer_kit.serving("/srv/answers", key)
    if now.current:
        bot = answer_kit.Responder(now.release.data)       # once per release
        reply = bot.ask("my friend won't wake up", locale="en", group=False)
        reply.messages, reply.buttons                      # what to send
    else:
        contacts = now.fallback.lines("ru")                 # emergency numbers, hotlines
"""

from answer_kit.config import Limits
from answer_kit.content import Entry, entries_from_bundle
from answer_kit.errors import KitError, Refused, Unreachable
from answer_kit.evidence import EvidenceError, Governors, check_bundle
from answer_kit.fallback import Fallback, Serving, serving
from answer_kit.installed import FILES
from answer_kit.keys import fingerprint, load_keys, load_public_key
from answer_kit.matching import Match, MatchConfig, Matcher
from answer_kit.minisign import PublicKey, SignatureError
from answer_kit.pulling import PullResult, current, pull, verify_file
from answer_kit.replies import Button, Responder, Response, ask
from answer_kit.site import SiteError, site_pages, write_site
from answer_kit.verify import (
    VerifiedBundle,
    VerifiedNotice,
    parse_utc,
    verify_bundle,
    verify_notice,
    version_tuple,
)

__all__ = [
    "EvidenceError",
    "Governors",
    "check_bundle",
    "FILES",
    "Fallback",
    "KitError",
    "Limits",
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
    "Serving",
    "SignatureError",
    "SiteError",
    "Unreachable",
    "VerifiedBundle",
    "VerifiedNotice",
    "current",
    "fingerprint",
    "load_keys",
    "load_public_key",
    "parse_utc",
    "pull",
    "serving",
    "site_pages",
    "verify_bundle",
    "verify_file",
    "verify_notice",
    "version_tuple",
    "write_site",
]

"""Reading release files from a static HTTPS host, with the standard library only.

Every request has a time limit for connecting and for each piece of the answer, a limit on
the whole download, a size limit enforced while reading (a file announced or found to be
larger is dropped at once), and at most `max_redirects` redirects, each to HTTPS.
Certificates are checked against the system's, or only against `trusted_certificates`.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

from answer_kit.config import DEFAULT, Limits
from answer_kit.errors import Refused, Unreachable

_PIECE = 1 << 16
_MISSING = (404, 410)


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, most: int):
        super().__init__()
        self.max_redirections = most
        self.max_repeats = min(self.max_repeats, most)

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() != "https":
            raise Unreachable(f"{req.full_url} redirects to {newurl[:100]}, which is not HTTPS")
        if self.max_redirections == 0:
            raise Unreachable(f"{req.full_url} redirects, and redirects are not allowed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpsSource:
    """A folder of release files on an HTTPS host: `read("notice.json", most)` fetches
    BASE/notice.json."""

    def __init__(self, base_url: str, limits: Limits = DEFAULT):
        parts = urlsplit(base_url)
        if parts.scheme.lower() != "https" or not parts.hostname:
            raise Refused(f"{base_url[:100]} is not an https:// address")
        if parts.username or parts.password:
            raise Refused("an address with a user name or password in it is refused")
        self.base = base_url if base_url.endswith("/") else base_url + "/"
        self.description = self.base
        self.limits = limits
        context = ssl.create_default_context(
            cafile=str(limits.trusted_certificates) if limits.trusted_certificates else None
        )
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            _HttpsOnlyRedirects(limits.max_redirects),
        )

    def read(self, path: str, most: int) -> bytes:
        """The file at `path` under the base address, at most `most` bytes."""
        url = self.base + quote(path)
        request = urllib.request.Request(
            url, headers={"User-Agent": self.limits.user_agent, "Accept-Encoding": "identity"}
        )
        try:
            with self._opener.open(request, timeout=self.limits.timeout_seconds) as response:
                return self._body(response, url, most)
        except urllib.error.HTTPError as exc:
            if exc.code in _MISSING:
                raise Refused(f"{url} is not there (HTTP {exc.code})") from None
            if 300 <= exc.code < 400:
                raise Unreachable(
                    f"{url} redirects more than {self.limits.max_redirects} time(s)"
                ) from None
            raise Unreachable(f"{url} answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise Unreachable(f"cannot reach {url}: {_reason(exc.reason)}") from None
        except TimeoutError:
            raise Unreachable(
                f"{url} sent nothing for {self.limits.timeout_seconds:g} s: it stalled"
            ) from None
        except http.client.IncompleteRead as exc:
            raise Unreachable(
                f"the download of {url} was cut short after {len(exc.partial):,} bytes"
            ) from None
        except (http.client.HTTPException, ssl.SSLError, OSError) as exc:
            raise Unreachable(f"cannot read {url}: {_reason(exc)}") from None

    def _body(self, response, url: str, most: int) -> bytes:
        announced = response.headers.get("Content-Length")
        if announced is not None and announced.strip().isdigit() and int(announced) > most:
            raise Refused(f"{url} is {int(announced):,} bytes, more than the {most:,} allowed")
        deadline = time.monotonic() + self.limits.download_seconds
        pieces: list[bytes] = []
        size = 0
        while True:
            piece = response.read1(_PIECE)
            if not piece:
                break
            size += len(piece)
            if size > most:
                raise Refused(f"{url} is more than the {most:,} bytes allowed")
            pieces.append(piece)
            if time.monotonic() > deadline:
                raise Unreachable(
                    f"the download of {url} took longer than {self.limits.download_seconds:g} s"
                )
        if announced is not None and announced.strip().isdigit() and size != int(announced):
            raise Unreachable(f"the download of {url} was cut short after {size:,} bytes")
        return b"".join(pieces)


def _reason(reason: object) -> str:
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"its certificate is not trusted ({reason.verify_message})"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer in time"
    text = str(getattr(reason, "strerror", None) or reason)
    return " ".join(text.split())[:200]

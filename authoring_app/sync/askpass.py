"""When git or ssh asks for a user name, a password, a key's passphrase or whether to trust a
server's key, the question reaches the person through the app, never through a terminal git
owns or a URL.

Every git command that talks to the network runs with GIT_ASKPASS and SSH_ASKPASS pointing at
a small program written for that one command (`Asker.env`). git and ssh run it with the
question as its argument; it passes the question over a private socket (in a folder only
this user can open, with a one-time token) to the app process, which answers through
`responder`: a dialog in the desktop app, a prompt on the terminal in the command line. The
answer goes back over the socket to the program's standard output, which git or ssh reads.
So a password never appears in a command line, a file or a log.

Run as `python -m authoring_app.sync.askpass QUESTION`, this module is that program; it
imports nothing but the standard library.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SOCKET_VARIABLE = "AUTHORING_APP_ASKPASS_SOCKET"
TOKEN_VARIABLE = "AUTHORING_APP_ASKPASS_TOKEN"

# What git and ssh ask. git's prompts (prompt.c, credential.c) and ssh's (sshconnect.c,
# sshconnect2.c) are fixed English text: the child runs with LC_ALL=C, so they stay so.
_USERNAME = re.compile(r"^Username for '(?P<url>[^']+)': ?$")
_PASSWORD = re.compile(r"^Password for '(?P<url>[^']+)': ?$")
_PASSPHRASE = re.compile(r"passphrase for key '(?P<key>[^']+)'", re.IGNORECASE)
_HOST_KEY = re.compile(r"authenticity of host '(?P<host>[^']+)'")
_FINGERPRINT = re.compile(r"key fingerprint is (?P<fingerprint>\S+?)\.?$", re.MULTILINE)
_SSH_PASSWORD = re.compile(r"^(?P<user>[^@\s]+)@(?P<host>\S+)'s password: ?$")


@dataclass(frozen=True)
class Question:
    """One question from git or ssh, understood. `kind`: username, password, passphrase,
    host-key or other; `where`: the server (or key file) it is about."""

    kind: str
    where: str = ""
    username: str = ""
    fingerprint: str = ""
    key_type: str = ""
    prompt: str = field(default="", repr=False)

    @property
    def secret(self) -> bool:
        return self.kind in ("password", "passphrase", "other")


def understand(prompt: str) -> Question:
    text = prompt.strip("\n")
    if match := _USERNAME.match(text):
        return Question("username", _host_of(match["url"]), prompt=prompt)
    if match := _PASSWORD.match(text):
        url = match["url"]
        user = url.split("://", 1)[-1].split("@", 1)[0] if "@" in url else ""
        return Question("password", _host_of(url), username=user, prompt=prompt)
    if match := _SSH_PASSWORD.match(text):
        return Question("password", match["host"], username=match["user"], prompt=prompt)
    if match := _PASSPHRASE.search(text):
        return Question("passphrase", match["key"], prompt=prompt)
    if match := _HOST_KEY.search(text):
        found = _FINGERPRINT.search(text)
        key_type = re.search(r"(\S+) key fingerprint is", text)
        return Question(
            "host-key",
            match["host"].split(" (", 1)[0],  # "host (address)": the name the person gave
            fingerprint=found["fingerprint"] if found else "",
            key_type=key_type[1] if key_type else "",
            prompt=prompt,
        )
    return Question("other", prompt=prompt)


def _host_of(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].rsplit("@", 1)[-1]


Responder = Callable[[Question], "str | None"]


@dataclass
class Given:
    """A user name and password the person already gave for `host` (e.g. in an address)."""

    host: str
    username: str
    password: str = field(repr=False)


class Asker:
    """A private channel from one git command's askpass program back to this process.

    Use as a context manager around the command; `env` goes into the command's environment.
    `asked` lists every question in the order it came, `declined` those nobody answered.
    """

    def __init__(self, responder: Responder | None, given: Given | None = None):
        self.responder = responder
        self.given = given
        self.asked: list[Question] = []
        self.declined: list[Question] = []
        self._token = secrets.token_hex(16)
        self._folder = Path(tempfile.mkdtemp(prefix="authoring-app-ask-"))
        os.chmod(self._folder, 0o700)
        self._socket_path = str(self._folder / "s")
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(self._socket_path)
        self._server.listen(4)
        self._program = self._folder / "askpass"
        package_root = Path(__file__).resolve().parents[2]
        self._program.write_text(
            "#!/bin/sh\n"
            f"PYTHONPATH={shlex.quote(str(package_root))}${{PYTHONPATH:+:$PYTHONPATH}} "
            f'exec {shlex.quote(sys.executable)} -m authoring_app.sync.askpass "$@"\n',
            encoding="utf-8",
        )
        os.chmod(self._program, 0o700)
        self._closed = False
        self.waiting = False  # a question is with the person now (not a stalled link)
        self.last_answer = 0.0  # time.monotonic() of the last answer
        self._thread = threading.Thread(target=self._serve, name="askpass", daemon=True)
        self._thread.start()

    @property
    def env(self) -> dict[str, str]:
        return {
            "GIT_ASKPASS": str(self._program),
            "SSH_ASKPASS": str(self._program),
            "SSH_ASKPASS_REQUIRE": "force",  # OpenSSH 8.4+: askpass even without a display
            SOCKET_VARIABLE: self._socket_path,
            TOKEN_VARIABLE: self._token,
        }

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._thread.join(timeout=5)
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Asker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _serve(self) -> None:
        while not self._closed:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            with connection:
                try:
                    request = json.loads(_receive(connection))
                    if request.get("token") != self._token:
                        continue
                    answer = self._answer(understand(str(request.get("prompt", ""))))
                    reply = {"answer": answer} if answer is not None else {"declined": True}
                    connection.sendall(json.dumps(reply).encode("utf-8") + b"\n")
                except (OSError, ValueError):
                    continue

    def _answer(self, question: Question) -> str | None:
        self.asked.append(question)
        given = self.given
        if given is not None and question.where == given.host:
            if question.kind == "username" and given.username:
                return given.username
            if question.kind == "password" and given.password:
                return given.password
        self.waiting = True
        try:
            answer = self.responder(question) if self.responder is not None else None
        except Exception:  # a face that fails to ask has not answered
            answer = None
        finally:
            self.waiting = False
            self.last_answer = time.monotonic()
        if answer is None:
            self.declined.append(question)
        return answer


def _receive(connection: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


_ATTEMPTS = 5


def _ask(path: str, token: str, prompt: str):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(path)
        connection.sendall(json.dumps({"token": token, "prompt": prompt}).encode() + b"\n")
        return json.loads(_receive(connection) or b"{}")


def main(argv: list[str] | None = None) -> int:
    """The askpass program: ask the app, print its answer; exit 1 if nobody answered."""
    args = sys.argv[1:] if argv is None else argv
    prompt = args[0] if args else ""
    path, token = os.environ.get(SOCKET_VARIABLE), os.environ.get(TOKEN_VARIABLE)
    if not path or not token:
        return 1
    reply = None
    for attempt in range(_ATTEMPTS):
        try:
            reply = _ask(path, token, prompt)
            break
        except (ConnectionResetError, ConnectionRefusedError):
            # A busy machine can drop a connection before the app took it (nothing was
            # asked yet): knock again rather than tell git nobody answered.
            time.sleep(0.05 * (attempt + 1))
        except (OSError, ValueError):
            return 1
    answer = reply.get("answer") if isinstance(reply, dict) else None
    if not isinstance(answer, str):
        return 1
    sys.stdout.write(answer + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

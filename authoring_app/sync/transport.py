"""Running the git commands that talk to the network: with time limits, questions answered
through the app (askpass.py), a Cancel that stops them cleanly, and failures sorted by kind
(failures.py).

A dead link is noticed within about `STALL_SECONDS`: git's own low-speed limit for HTTP, SSH
keep-alives for SSH, and a watchdog here that stops a command that has said nothing for that
long. Stopping is SIGTERM to the command's whole process group (git, its remote helper and
ssh), on which git removes its lock files; SIGKILL follows if it lingers. Neither fetch nor
push changes anything here until it has everything, so a stopped one leaves the library as
it was.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from authoring_app.library import paths
from authoring_app.sync import failures
from authoring_app.sync.askpass import Asker, Given, Responder
from authoring_app.sync.failures import Failure

STALL_SECONDS = 30  # a link that moves nothing for this long is dead
CONNECT_SECONDS = 20
LOW_SPEED_BYTES = 1000  # bytes per second, averaged over STALL_SECONDS (git's http.lowSpeed*)
TERM_GRACE_SECONDS = 3


@dataclass
class Link:
    """How one operation talks to the shared library: who answers the server's questions
    (`responder`: None means nobody can, so a server that asks gets no answer), credentials
    already given (from an address), and the way to stop it (`cancel`)."""

    responder: Responder | None = None
    given: Given | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    stall_seconds: float = field(default_factory=lambda: STALL_SECONDS)

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()


@dataclass
class GitRun:
    """A finished network command: its exit status and output, and whether it was stopped."""

    returncode: int
    stdout: str
    stderr: str
    stalled: bool = False
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.stalled and not self.cancelled


def known_hosts_file() -> Path:
    """Where the app keeps SSH server keys the person accepted (before the user's own list)."""
    return paths.config_dir() / "known_hosts"


def ssh_command() -> str:
    """ssh with time limits and keep-alives; asks through SSH_ASKPASS, never a terminal.

    GIT_SSH_COMMAND, if set, is the starting point (a key or config of the person's own)."""
    base = os.environ.get("GIT_SSH_COMMAND") or os.environ.get("GIT_SSH") or "ssh"
    known = known_hosts_file()
    known.parent.mkdir(parents=True, exist_ok=True)
    # Two files, each in double quotes (ssh splits this value on spaces, as a config line).
    files = f'"{known}" "{Path("~/.ssh/known_hosts").expanduser()}"'
    options = {
        "BatchMode": "no",
        "StrictHostKeyChecking": "ask",  # first contact asks; a changed key is refused
        "UserKnownHostsFile": files,
        "ConnectTimeout": str(CONNECT_SECONDS),
        "ServerAliveInterval": "5",
        "ServerAliveCountMax": "3",
        "NumberOfPasswordPrompts": "1",
    }
    quoted = " ".join(f"-o '{k}={v}'" for k, v in options.items())
    return f"{base} {quoted}"


def credential_args(cwd: Path | str | None, url: str) -> list[str]:
    """The person's own credential helper (the system's keychain) if git has one for `url`;
    otherwise git's memory cache for the day, so a password is asked for once, never written
    to a file."""
    if is_local(url):
        return []
    configured = subprocess.run(
        ["git", "config", "--get-urlmatch", "credential.helper", url],
        cwd=cwd,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if configured:
        return []
    folder = paths.data_dir() / "credentials"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return ["-c", f"credential.helper=cache --timeout=43200 --socket='{folder / 'socket'}'"]


def git_config_args(stall_seconds: float) -> list[str]:
    seconds = max(1, int(stall_seconds))
    return [
        "-c",
        f"http.lowSpeedLimit={LOW_SPEED_BYTES}",
        "-c",
        f"http.lowSpeedTime={seconds}",
        "-c",
        "core.askPass=",  # GIT_ASKPASS below is the one
    ]


def child_env(asker: Asker | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SSH_ASKPASS", None)
    env.update(
        {
            "LC_ALL": "C",  # git's and ssh's messages untranslated: failures.py reads them
            "LANGUAGE": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_SSH_COMMAND": ssh_command(),
            "GCM_INTERACTIVE": "never",
        }
    )
    env.pop("GIT_SSH", None)
    if asker is not None:
        env.update(asker.env)
    return env


def run_git(cwd: Path | str | None, args: list[str], link: Link, url: str) -> tuple[GitRun, Asker]:
    """Run `git args` in `cwd`, talking to the shared library at `url`; returns how it ended
    and the asker (what the server asked, and what was declined).

    If git could not hand a question to the app at all (its askpass program failed to reach
    this process: a local hiccup, not an answer), the command runs once more rather than
    telling the person their sign-in failed."""
    run, asker = _run_git_once(cwd, args, link, url)
    if not run.ok and not run.cancelled and _askpass_lost(run, asker):
        run, asker = _run_git_once(cwd, args, link, url)
    return run, asker


def _askpass_lost(run: GitRun, asker: Asker) -> bool:
    return "unable to read askpass response" in run.stderr and not asker.declined


def _run_git_once(cwd, args: list[str], link: Link, url: str) -> tuple[GitRun, Asker]:
    with Asker(link.responder, link.given) as asker:
        settings = [*git_config_args(link.stall_seconds), *credential_args(cwd, url)]
        command = ["git", *settings, *args]
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=child_env(asker),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, away from any terminal
        )
        out, err, stalled, cancelled = _watch(process, link, asker)
    return GitRun(process.returncode, out, err, stalled, cancelled), asker


def _watch(process: subprocess.Popen, link: Link, asker: Asker) -> tuple[str, str, bool, bool]:
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ, "out")
    selector.register(process.stderr, selectors.EVENT_READ, "err")
    last_heard = time.monotonic()
    stalled = cancelled = False
    open_streams = 2
    while open_streams:
        for key, _ in selector.select(timeout=0.2):
            data = os.read(key.fileobj.fileno(), 65536)
            if not data:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            chunks[key.data].append(data)
            last_heard = time.monotonic()
        if asker.waiting:  # a person deciding what to answer is not a stalled link
            last_heard = time.monotonic()
        last_heard = max(last_heard, asker.last_answer)
        if link.cancelled and not cancelled:
            cancelled = True
            _stop(process)
        elif not cancelled and time.monotonic() - last_heard > link.stall_seconds:
            stalled = True
            _stop(process)
            break
    selector.close()
    try:
        process.wait(timeout=TERM_GRACE_SECONDS * 2)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.wait()
    for stream in (process.stdout, process.stderr):
        stream.close()
    decode = lambda parts: failures.redact(b"".join(parts).decode("utf-8", "replace"))  # noqa: E731
    return decode(chunks["out"]), decode(chunks["err"]), stalled, cancelled


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to git and everything it started (git then removes its lock files)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    try:
        process.wait(timeout=TERM_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def failure_of(run: GitRun, asker: Asker, url: str) -> Failure:
    """Why `run` failed, by kind (see failures.py)."""
    host = host_of(url)
    detail = run.stderr.strip()[-2000:]
    if run.cancelled:
        return Failure(failures.CANCELLED, host, detail)
    if run.stalled:
        return Failure(failures.OFFLINE, host, "the connection stopped responding")
    if is_local(url) and not Path(url).exists():
        return Failure(failures.OFFLINE, host, detail)  # a folder not there now (a drive?)
    kind = failures.classify(run.stderr)
    if kind in (failures.HOST_UNKNOWN, failures.FAILED) and any(
        q.kind == "host-key" for q in asker.declined
    ):
        kind = failures.HOST_UNKNOWN
    return Failure(kind, host, detail)


def is_local(url: str) -> bool:
    return "://" not in url and not _scp_like(url)


def _scp_like(url: str) -> bool:
    head = url.split("/", 1)[0]
    return ":" in head and not (len(head) == 2 and head[1] == ":")  # not C:\


def host_of(url: str) -> str:
    """The server an address names (no user name or password), or the folder."""
    if "://" in url:
        rest = url.split("://", 1)[1]
        return rest.split("/", 1)[0].rsplit("@", 1)[-1]
    if _scp_like(url):
        return url.split(":", 1)[0].rsplit("@", 1)[-1]
    return url

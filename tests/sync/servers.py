"""Real git servers on 127.0.0.1 for sync tests, on ports chosen at run time:

- `HttpServer`: lighttpd running `git http-backend` behind HTTP basic auth;
- `SshServer`: OpenSSH's sshd with key-only login, as the user running the tests;
- `Proxy`: a TCP relay in front of either that can stall (stop forwarding, connections left
  open), or cut connections when a pattern passes (a server dying mid-push).

They are started as the test's own processes and stopped when it ends. Debian packages:
lighttpd, openssh-server (./dev installs them).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import git

HTTP_BACKEND = "/usr/lib/git-core/git-http-backend"
LIGHTTPD = shutil.which("lighttpd") or "/usr/sbin/lighttpd"
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


def available() -> str | None:
    """Why the servers cannot run here, or None."""
    for need in (HTTP_BACKEND, LIGHTTPD, SSHD):
        if not Path(need).exists():
            return f"{need} is missing (./dev setup installs it)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server stopped: {log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server did not start: {log.read_text(errors='replace')}")


class _Server:
    process: subprocess.Popen | None = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class HttpServer(_Server):
    """Repositories under `root` at http://127.0.0.1:PORT/git/NAME.git, for `users`."""

    def __init__(self, folder: Path, users: dict[str, str]):
        self.folder = folder
        self.root = folder / "repos"
        self.root.mkdir(parents=True, exist_ok=True)
        self.users = users
        self.port = free_port()
        (folder / "users").write_text("".join(f"{u}:{p}\n" for u, p in users.items()))
        config = folder / "lighttpd.conf"
        config.write_text(
            f"""
server.port = {self.port}
server.bind = "127.0.0.1"
server.document-root = "{folder}"
server.errorlog = "{folder}/error.log"
server.pid-file = ""
server.max-keep-alive-idle = 30
server.modules = ("mod_alias", "mod_auth", "mod_authn_file", "mod_setenv", "mod_cgi")
alias.url = ("/git/" => "{HTTP_BACKEND}/")
$HTTP["url"] =~ "^/git/" {{
  cgi.assign = ("" => "")
  setenv.set-environment = ("GIT_PROJECT_ROOT" => "{self.root}", "GIT_HTTP_EXPORT_ALL" => "1")
}}
auth.backend = "plain"
auth.backend.plain.userfile = "{folder}/users"
auth.require = ("/git/" => ("method" => "basic", "realm" => "library", "require" => "valid-user"))
"""
        )
        self.config = config
        self.start()

    def start(self) -> None:
        log = self.folder / "error.log"
        self.process = subprocess.Popen(
            [LIGHTTPD, "-D", "-f", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self.process, log)

    def new_repository(self, name: str = "shared.git") -> Path:
        path = self.root / name
        git.Repo.init(path, bare=True, initial_branch="main").close()
        return path

    def url(self, name: str = "shared.git", user: str | None = None, port=None) -> str:
        who = f"{user}@" if user else ""
        return f"http://{who}127.0.0.1:{port or self.port}/git/{name}"


class SshServer(_Server):
    """sshd accepting only the keys in `authorized`, for the user running the tests."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.host_key = folder / "host_key"
        self.new_host_key()
        self.client_key = self._key("client_key")
        self.other_key = self._key("other_key")  # a key the server does not know
        self.authorized = folder / "authorized_keys"
        self.authorized.write_text(Path(f"{self.client_key}.pub").read_text())
        self.config = folder / "sshd_config"
        self.config.write_text(
            f"""Port {self.port}
ListenAddress 127.0.0.1
HostKey {self.host_key}
AuthorizedKeysFile {self.authorized}
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
PidFile none
PermitRootLogin prohibit-password
"""
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation folder
        self.start()

    def _key(self, name: str) -> Path:
        path = self.folder / name
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
        return path

    def new_host_key(self) -> None:
        for suffix in ("", ".pub"):
            Path(f"{self.host_key}{suffix}").unlink(missing_ok=True)
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.host_key)], check=True
        )

    def fingerprint(self) -> str:
        out = subprocess.run(
            ["ssh-keygen", "-lf", f"{self.host_key}.pub"], capture_output=True, text=True
        ).stdout
        return out.split()[1]

    def start(self) -> None:
        log = self.folder / "sshd.log"
        with log.open("ab") as handle:
            self.process = subprocess.Popen(
                [SSHD, "-D", "-e", "-f", str(self.config)], stdout=handle, stderr=handle
            )
        _wait_for_port(self.port, self.process, log)

    def restart(self) -> None:
        self.stop()
        self.start()

    def new_repository(self, name: str = "shared.git") -> Path:
        path = self.folder / name
        git.Repo.init(path, bare=True, initial_branch="main").close()
        return path

    def url(self, name: str = "shared.git", port=None) -> str:
        return f"ssh://{getpass.getuser()}@127.0.0.1:{port or self.port}{self.folder / name}"

    def ssh_command(self, key: Path | None = None) -> str:
        """What the person's own GIT_SSH_COMMAND would say: their key, no other config."""
        return f"ssh -F /dev/null -i {key or self.client_key} -o IdentitiesOnly=yes"


class Proxy:
    """Relays 127.0.0.1:port to `target`. `stall()`: stop forwarding (connections stay
    open, nothing moves); `cut_when(pattern, then)`: when bytes from the client contain
    `pattern`, call `then` and close that connection."""

    def __init__(self, target_port: int):
        self.target = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.stalled = threading.Event()
        self.cut_pattern: bytes | None = None
        self.on_cut = None
        self.cuts = 0
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def stall(self) -> None:
        self.stalled.set()

    def resume(self) -> None:
        self.stalled.clear()

    def cut_when(self, pattern: bytes, then=None) -> None:
        self.cut_pattern, self.on_cut = pattern, then

    def close(self) -> None:
        self._closed = True
        self.stalled.clear()
        for sock in [self.listener, *self._sockets]:
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), 5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)  # a stalled link waits for ever; the client must notice
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while not self._closed:
                data = source.recv(65536)
                if not data:
                    break
                while self.stalled.is_set() and not self._closed:
                    time.sleep(0.05)  # hold the bytes: the link is dead, not closed
                if from_client and self.cut_pattern and self.cut_pattern in data:
                    self.cuts += 1
                    if self.on_cut is not None:
                        self.on_cut()
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()


# -- fixtures (imported by the test modules that use them) ---------------------------------

import pytest  # noqa: E402

USER, PASSWORD = "alex", "correct horse battery"


def _skip_unless_available() -> None:
    missing = available()
    if missing:
        if os.environ.get("CI"):
            raise RuntimeError(missing)
        pytest.skip(missing)


@pytest.fixture
def network_home(tmp_path, monkeypatch):
    """No agent, no person's git or ssh config: only what each test gives."""
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    monkeypatch.delenv("GIT_ASKPASS", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield
    forget_credentials()


def forget_credentials() -> None:
    """Stop the memory cache git started for this test (as if on another computer)."""
    from authoring_app.library import paths

    socket_path = paths.data_dir() / "credentials" / "socket"
    if socket_path.exists():
        subprocess.run(
            ["git", "credential-cache", "exit", f"--socket={socket_path}"],
            capture_output=True,
            timeout=10,
        )


@pytest.fixture
def http_server(tmp_path, network_home):
    _skip_unless_available()
    server = HttpServer(tmp_path / "http", {USER: PASSWORD, "kim": "kims password"})
    yield server
    server.stop()


@pytest.fixture
def ssh_server(tmp_path, network_home, monkeypatch):
    _skip_unless_available()
    server = SshServer(tmp_path / "ssh")
    monkeypatch.setenv("GIT_SSH_COMMAND", server.ssh_command())
    yield server
    server.stop()


class Person:
    """Answers the server's questions as a person at the keyboard would; records them."""

    def __init__(self, username=USER, password=PASSWORD, trust_host=True):
        self.username, self.password, self.trust_host = username, password, trust_host
        self.questions = []
        self.commands_seen: list[str] = []  # every process's command line while asked

    def __call__(self, question):
        self.questions.append(question)
        self.commands_seen += running_commands()
        if question.kind == "username":
            return self.username
        if question.kind in ("password", "passphrase"):
            return self.password
        if question.kind == "host-key":
            return "yes" if self.trust_host else "no"
        return None


def running_commands() -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                found.append(
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                )
    return found

"""Real servers on 127.0.0.1 for the tests: a static HTTPS host (with a throwaway
self-signed certificate, trusted through the consumer kit's limits only) that can also
misbehave on purpose, and `git daemon` serving bare repositories over git://."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """(certificate, private key) files for 127.0.0.1 and localhost, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "answer-kit test host")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "host.pem", folder / "host.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the host's folder; paths under /misbehave/<how>/ misbehave."""

    host: StaticHost

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.host.requests.append(self.path)
        parts = self.path.split("/")
        if len(parts) > 3 and parts[1] == "misbehave":
            getattr(self, "_" + parts[2].replace("-", "_"))("/".join(parts[3:]))
            return
        super().do_GET()

    def _redirect_forever(self, rest: str) -> None:
        self.send_response(302)
        self.send_header("Location", f"/misbehave/redirect-forever/{rest}x")
        self.end_headers()

    def _redirect_to_http(self, rest: str) -> None:
        self.send_response(301)
        self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/{rest}")
        self.end_headers()

    def _stall(self, rest: str) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"{")
        self.wfile.flush()
        self.host.released.wait(30)

    def _trickle(self, rest: str) -> None:
        self.send_response(200)
        self.end_headers()
        while not self.host.released.is_set():
            self.wfile.write(b" ")
            self.wfile.flush()
            self.host.released.wait(0.2)

    def _truncate(self, rest: str) -> None:
        data = (self.host.folder / rest).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True

    def _huge(self, rest: str) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(10**12))
        self.end_headers()
        self.wfile.write(b"x" * 1000)


class StaticHost:
    """`folder` served over HTTPS at `url` until `close`."""

    def __init__(self, folder: Path, certificate: Path, key: Path):
        self.folder = folder
        self.requests: list[str] = []
        self.released = threading.Event()
        handler = type("Handler", (_Handler,), {"host": self})
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(folder))
        )
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GitDaemon:
    """`git daemon` serving the bare repositories under `root` at git://127.0.0.1:PORT/."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "git",
                "daemon",
                "--reuseaddr",
                "--listen=127.0.0.1",
                f"--port={self.port}",
                f"--base-path={root}",
                "--export-all",
                "--enable=receive-pack",
                str(root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            time.sleep(0.05)
        else:
            self.close()
            raise RuntimeError("git daemon did not start")

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

"""The askpass program and its private channel: questions understood, answers only to the
command they were asked for, and no password in git's words."""

from __future__ import annotations

import json
import os
import socket
import subprocess

from authoring_app.sync import failures
from authoring_app.sync.askpass import SOCKET_VARIABLE, Asker, Given, understand


def test_git_and_ssh_questions_are_understood():
    assert understand("Username for 'https://git.example.org': ").kind == "username"
    password = understand("Password for 'https://anna@git.example.org': ")
    assert (password.kind, password.where, password.username) == (
        "password",
        "git.example.org",
        "anna",
    )
    key = understand("Enter passphrase for key '/home/anna/.ssh/id_ed25519': ")
    assert (key.kind, key.where) == ("passphrase", "/home/anna/.ssh/id_ed25519")
    host = understand(
        "The authenticity of host '[127.0.0.1]:2222 ([127.0.0.1]:2222)' can't be established.\n"
        "ED25519 key fingerprint is SHA256:abcDEF123.\n"
        "This key is not known by any other names.\n"
        "Are you sure you want to continue connecting (yes/no/[fingerprint])? "
    )
    assert (host.kind, host.where, host.fingerprint, host.key_type) == (
        "host-key",
        "[127.0.0.1]:2222",
        "SHA256:abcDEF123",
        "ED25519",
    )


def ask(asker: Asker, prompt: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [asker.env["GIT_ASKPASS"], prompt],
        env={**os.environ, **asker.env, **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_program_answers_from_the_app_and_declines_without_an_answer():
    asked = []
    with Asker(lambda q: asked.append(q) or ("anna" if q.kind == "username" else None)) as asker:
        done = ask(asker, "Username for 'https://git.example.org': ")
        assert (done.returncode, done.stdout) == (0, "anna\n")
        done = ask(asker, "Password for 'https://anna@git.example.org': ")
        assert done.returncode == 1 and done.stdout == ""
    assert [q.kind for q in asked] == ["username", "password"]
    assert [q.kind for q in asker.declined] == ["password"]


def test_a_password_from_the_address_answers_only_its_own_server():
    given = Given("git.example.org", "anna", "from the address")
    with Asker(lambda q: None, given) as asker:
        assert ask(asker, "Password for 'https://anna@git.example.org': ").stdout == (
            "from the address\n"
        )
        assert ask(asker, "Password for 'https://anna@elsewhere.example': ").returncode == 1


def test_a_caller_without_the_token_gets_nothing():
    with Asker(lambda q: "secret") as asker:
        path = asker.env[SOCKET_VARIABLE]
        assert oct(os.stat(os.path.dirname(path)).st_mode & 0o777) == "0o700"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as intruder:
            intruder.connect(path)
            request = {"token": "guessed", "prompt": "Password for 'https://x': "}
            intruder.sendall(json.dumps(request).encode() + b"\n")
            assert intruder.recv(1024) == b""
        done = ask(asker, "Password for 'https://x': ", AUTHORING_APP_ASKPASS_TOKEN="guessed")
        assert done.returncode == 1 and "secret" not in done.stdout
    assert not asker.asked


def test_git_s_words_lose_any_password_written_into_an_address():
    text = "fatal: unable to access 'https://anna:hunter2@git.example.org/lib.git/': timeout"
    assert failures.redact(text) == (
        "fatal: unable to access 'https://anna@git.example.org/lib.git/': timeout"
    )
    assert failures.classify("fatal: Authentication failed for 'https://x/'") == "sign-in"
    assert failures.classify("Host key verification failed.") == "host-unknown"
    assert failures.classify("Could not resolve host: git.example.org") == "offline"

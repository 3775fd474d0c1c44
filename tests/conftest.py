"""Shared fixtures. Every test gets its own config and data folders, so none touches a real user's."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from tests.sync.servers import http_server, network_home, ssh_server  # noqa: F401 - fixtures

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LIBRARY_YAML = """\
name: Test library
organisation: Test NGO
locales: [ru, en]
default_locale: ru
review_interval_months: 12
sign_off:
  clinicians_required: 1
  allow_self_sign_off: false
topics:
  - id: wound-care
    title: {ru: Раны, en: Wounds}
    red_flags_required: true
  - id: overdose
    title: {ru: Передозировка, en: Overdose}
    red_flags_required: true
    clinicians_required: 2
  - id: hiv-hepatitis
    title: {ru: ВИЧ и гепатит, en: HIV and hepatitis}
emergency: [ambulance-103]
statements:
  interests:
    ru: Тестовая организация не получает денег от производителей лекарств.
    en: Test NGO takes no money from makers of medicines.
  report_an_error:
    ru: Сообщите об ошибке по адресу errors@test-ngo.invalid.
    en: Report an error to errors@test-ngo.invalid.
  consultation:
    ru: Эти сведения помогают, но не заменяют консультацию врача.
    en: This information supports, but does not replace, a consultation with a doctor.
governance:
  signatures_required: 2
  governors:
    - id: gov-one
      name: Gov One
      public_key: ed25519:J92g/ghMRlrlWvk+F5p//5PDp879l6uNyW+346/njOE=
    - id: gov-two
      name: Gov Two
      public_key: ed25519:VVT0qmj5CV0HC/QwCgbMw0J1MX0zNCyXxizmTGlXq8g=
"""

PEOPLE_YAML = """\
people:
  - id: alex
    name: Alex Author
    credentials: Outreach worker
    roles: [author]
    public_key: ed25519:8yQNvPBQ4BLfh4MJ+cvHqJmavuVUErEXTALzOVgW2AE=
  - id: dr-one
    name: Dr One
    credentials: Infectious diseases physician
    roles: [clinician]
    languages: [ru, en]
    public_key: ed25519:pXnd6QsOclQB6CygYk/XSIJ4AwxjenlYDAezlsBRMVw=
  - id: dr-two
    name: Dr Two
    credentials: Addiction medicine physician
    roles: [clinician, author]
    languages: [ru, en]
    public_key: ed25519:xxNsniQM40X41sSQjRyg900z9/ZN1JVPJ6X8c/0DKcc=
  - id: pat
    name: Pat Publisher
    roles: [publisher]
    public_key: ed25519:RrkKppss0qHNNKRj5GZ0HcC8dfp1VzhvcYhKRvKEb7o=
"""

DIRECTORY_YAML = """\
services:
  - id: ambulance-103
    kind: emergency
    name: {ru: Скорая помощь, en: Ambulance}
    contact: "103"
  - id: example-mobile-unit
    kind: outreach
    name: {ru: Пример мобильного пункта, en: Example mobile unit}
    contact: "+7 000 000-00-01"
    example: true
"""


def answer_text(
    answer_id: str = "abscess-signs",
    locale: str = "en",
    topic: str = "wound-care",
    *,
    title: str = "When does a lump need a doctor?",
    body: str = "See a nurse if the lump grows.\n",
    extra: str = "red_flags:\n  - Red streaks spreading from the wound\n",
) -> str:
    return (
        "---\n"
        f"id: {answer_id}\nlocale: {locale}\ntopic: {topic}\ntitle: {title}\n"
        "questions:\n  - I have a red lump, what do I do?\n"
        "summary: Most lumps heal, but some need a doctor.\n"
        f"{extra}"
        "refer_to: [example-mobile-unit]\n"
        "sources:\n  - title: 'NHS: Skin abscess'\n    url: https://www.nhs.uk/conditions/skin-abscess/\n"
        "visibility: group\n"
        "---\n"
        f"{body}"
    )


def write_library(root: Path, answers: dict[str, str] | None = None) -> Path:
    """Write a small library (not yet a git repository) and return its folder."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "library.yaml").write_text(LIBRARY_YAML, "utf-8")
    (root / "people.yaml").write_text(PEOPLE_YAML, "utf-8")
    (root / "directory.yaml").write_text(DIRECTORY_YAML, "utf-8")
    if answers is None:
        answers = {
            "answers/wound-care/abscess-signs.en.md": answer_text(),
            "answers/wound-care/abscess-signs.ru.md": answer_text(
                locale="ru", title="Когда шишке нужен врач?", body="Покажитесь медсестре.\n"
            ).replace("visibility: group\n", "visibility: group\n"),
        }
    for rel, text in answers.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    return root


def pytest_collection_modifyitems(items):
    """Tests of the GUI (tests/gui) are marked `gui`, every other test `core`: the core suite
    (`-m core`) runs without a display, and a new test file cannot forget its marker. The
    core tests run first: they need no window, and some need a process that Qt's threads
    have not joined yet (see library/parallel.py)."""
    gui = Path(__file__).parent / "gui"
    for item in items:
        is_gui = gui in Path(item.fspath).parents
        item.add_marker(pytest.mark.gui if is_gui else pytest.mark.core)
    items.sort(key=lambda item: gui in Path(item.fspath).parents)  # stable: order kept within


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point settings, keys and the user's data folder at temporary folders."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("AUTHORING_APP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("AUTHORING_APP_DATA_DIR", str(base / "data"))
    return base


def found(library, author: str = "alex"):
    """Found `library` by its two test governors and have `author` save every answer as
    theirs (signed), as a library made in the app is."""
    import datetime as dt

    from authoring_app.review import edits, governing
    from tests.people import KEYS

    founded = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # before any time a test signs at
    for governor in ("gov-one", "gov-two"):
        governing.found(library, governor, KEYS[governor], now=founded)
    for answer in library.answers():
        edits.claim(library, answer.key, author, KEYS[author], now=founded)
    return library


@pytest.fixture
def library(tmp_path):
    """A real git-backed library with two answers, founded by its governors and saved by its
    author; closed after the test."""
    from authoring_app.library.library import Library

    source = write_library(tmp_path / "source")
    lib = found(Library.create(tmp_path / "lib", template=source))
    yield lib
    lib.close()


@pytest.fixture
def sample_library(tmp_path):
    """A fresh copy of the bundled sample library, as a git repository."""
    from authoring_app.library import paths
    from authoring_app.library.library import Library

    lib = Library.create(tmp_path / "sample", template=paths.sample_library_dir())
    yield lib
    lib.close()


@pytest.fixture
def team(tmp_path):
    """Two clones of one library sharing a bare repository, as two colleagues' computers."""
    from tests.sync.helpers import make_team

    clones = make_team(tmp_path)
    yield clones
    for clone in clones:
        clone.close()


@pytest.fixture
def static_host(tmp_path):
    """A static HTTPS host on 127.0.0.1 serving `static_host.folder`; its throwaway
    certificate is `static_host.certificate` (trusted by passing it to the kit's limits)."""
    from tests.servers import StaticHost, self_signed_certificate

    folder = tmp_path / "served-over-https"
    folder.mkdir()
    certificate, key = self_signed_certificate(tmp_path)
    host = StaticHost(folder, certificate, key)
    host.certificate = certificate
    yield host
    host.close()


@pytest.fixture
def git_daemon(tmp_path):
    """`git daemon` on 127.0.0.1 serving the bare repositories in `git_daemon.root`."""
    from tests.servers import GitDaemon

    root = tmp_path / "served-over-git"
    root.mkdir()
    daemon = GitDaemon(root)
    yield daemon
    daemon.close()

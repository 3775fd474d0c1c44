"""Shared fixtures. Every test gets its own config and data folders, so none touches a real user's."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

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
"""

PEOPLE_YAML = """\
people:
  - id: alex
    name: Alex Author
    credentials: Outreach worker
    roles: [author]
  - id: dr-one
    name: Dr One
    credentials: Infectious diseases physician
    roles: [clinician]
  - id: dr-two
    name: Dr Two
    credentials: Addiction medicine physician
    roles: [clinician, author]
  - id: pat
    name: Pat Publisher
    roles: [publisher]
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


@pytest.fixture
def library(tmp_path):
    """A real git-backed library with two answers, opened; closed after the test."""
    from authoring_app.library.library import Library

    source = write_library(tmp_path / "source")
    lib = Library.create(tmp_path / "lib", template=source)
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

"""The consumer kit installs and runs on its own: no Qt, no GitPython, nothing of the app."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from authoring_app.release import planning, publishing
from tests.release.helpers import branch_folder, pinned_key, signed_sample

ROOT = Path(__file__).resolve().parents[2]
KIT = ROOT / "kit"
MAX_INSTALL_MB = 40
# What a bot's server need not have: the app, its GUI, its git and YAML libraries.
BLOCKED = (
    "authoring_app", "content_schema", "PySide6", "shiboken6", "git", "gitdb", "yaml",
    "jsonschema", "nacl", "markdown_it", "platformdirs",
)  # fmt: skip
BLOCKER = f"""
import importlib.abc, sys
class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in {BLOCKED!r}:
            raise ImportError('not installed on a bot server: ' + name)
sys.meta_path.insert(0, Blocked())
from answer_kit.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def release_source(sample_library, tmp_path):
    """A real release of the sample library: (library, publisher key file, folder of files)."""
    keys = signed_sample(sample_library)
    plan = planning.plan_release(sample_library)
    publishing.publish(sample_library, plan, "demo-publisher", keys["demo-publisher"])
    key_file = pinned_key(sample_library, tmp_path)
    folder = branch_folder(sample_library, tmp_path / "static")
    return sample_library, key_file, folder


def kit(command: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=KIT)


def test_the_kit_declares_only_small_dependencies():
    project = tomllib.loads((KIT / "pyproject.toml").read_text("utf-8"))["project"]
    names = {
        dep.split(">")[0].split("=")[0].split("[")[0].strip() for dep in project["dependencies"]
    }
    assert names == {"cryptography", "fastjsonschema", "snowballstemmer", "tzdata"}


def test_verify_pull_and_site_work_with_the_app_qt_and_gitpython_missing(release_source, tmp_path):
    library, key_file, folder = release_source
    run = [sys.executable, "-c", BLOCKER]
    done = kit(run, "verify", str(folder / "bundle.json"), "--key", str(key_file), "--allow-sample")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: release 1.0.0")

    for source, to in (
        (str(folder), tmp_path / "from-folder"),
        (str(library.path), tmp_path / "from-git"),
    ):
        done = kit(run, "pull", source, "--to", str(to), "--key", str(key_file), "--allow-sample")
        assert done.returncode == 0, done.stderr
        assert (to / "current" / "bundle.json").read_bytes() == (
            folder / "bundle.json"
        ).read_bytes()

    done = kit(
        run,
        "site",
        str(tmp_path / "from-git"),
        "--to",
        str(tmp_path / "www"),
        "--key",
        str(key_file),
        "--allow-sample",
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "www" / "ru" / "index.html").is_file()

    done = kit(
        run,
        "ask",
        str(folder),
        "my friend is not breathing",
        "--json",
        "--key",
        str(key_file),
        "--allow-sample",
    )
    assert done.returncode == 0, done.stderr
    assert '"emergency": true' in done.stdout

    other = tmp_path / "other.pub"  # not the pinned key: refused, in one line, exit 1
    other.write_text(
        "untrusted comment: minisign public key 0000000000000000\n"
        "RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
    )
    done = kit(run, "verify", str(folder), "--key", str(other))
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("answer-kit: refused:")

    done = kit(run, "status", str(tmp_path / "from-git"), "--key", str(key_file))
    assert done.returncode == 0 and done.stdout.startswith("Current: release 1.0.0")
    done = kit(run, "fingerprint", str(key_file))
    assert done.returncode == 0 and "Fingerprint:" in done.stdout


@pytest.mark.slow
def test_installed_alone_in_a_fresh_environment_it_is_small_and_works(release_source, tmp_path):
    """What a bot maintainer does: a new virtual environment, `pip install` the kit alone."""
    library, key_file, folder = release_source
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    before = _size_mb(env_dir)
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(KIT)],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_NO_CACHE_DIR": "1"},
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    added = _size_mb(env_dir) - before
    print(f"answer-kit alone: {added:.1f} MB added to a new environment of {before:.1f} MB")
    assert added < MAX_INSTALL_MB
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    ).stdout.lower()
    installed = {line.split("==")[0] for line in listed.split()}
    assert installed.isdisjoint({"pyside6", "gitpython", "authoring-app", "pyyaml", "jsonschema"})
    command = [str(env_dir / "bin" / "answer-kit")]
    done = kit(command, "verify", str(folder), "--key", str(key_file), "--allow-sample")
    assert done.returncode == 0, done.stderr
    to = tmp_path / "bot"
    done = kit(
        command,
        "pull",
        str(library.path),
        "--to",
        str(to),
        "--key",
        str(key_file),
        "--allow-sample",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Pulled release 1.0.0")


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20

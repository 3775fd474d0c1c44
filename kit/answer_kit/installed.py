"""The folder `pull` keeps releases in, written so a reader never sees half a release::

    DIR/current  -> releases/1.2.0     bundle.json, bundle.json.minisig, manifest.json
    DIR/previous -> releases/1.1.0     the release before, kept for a quick look back
    DIR/notice.json, notice.json.minisig   the latest freshness notice that verified
    DIR/revoked-keys                   key ids a notice revoked: they never count again
    DIR/.cache/                        a bare clone holding only the published branch

Nothing here is followed or deleted through a symbolic link: `current` and `previous` are
read only as links to `releases/<version>`, and anything else that is a link where a
folder or file should be is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from answer_kit.config import DEFAULT, Limits
from answer_kit.errors import Refused
from answer_kit.safe_files import read_at_most, replace_file

FILES = ("bundle.json", "bundle.json.minisig", "manifest.json")
NOTICE_FILES = ("notice.json", "notice.json.minisig")
REVOKED = "revoked-keys"
_VERSION_NAME = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")
_KEY_ID = re.compile(r"^[0-9A-F]{1,16}$")


def _no_link(path: Path) -> Path:
    if path.is_symlink():
        raise Refused(
            f"{path} is a symbolic link; the kit never reads, writes or deletes through one "
            "in its folder: remove it and pull again"
        )
    return path


def _read(path: Path, most: int) -> bytes:
    return read_at_most(_no_link(path), most, path.name)


def _write_synced(path: Path, data: bytes) -> None:
    """A new file in a folder no one reads yet, on disk before anything points at it."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


class PullFolder:
    def __init__(self, to: Path | str, limits: Limits = DEFAULT):
        self.root = Path(to).expanduser()
        self.limits = limits

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "source.git"

    def prepare(self) -> None:
        """Make the folder if need be; refuse links where the kit keeps its own things."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise Refused(f"cannot make {self.root}: {exc.strerror or exc}") from None
        for name in ("releases", ".cache", *NOTICE_FILES, REVOKED):
            _no_link(self.root / name)

    def release_folder(self, link: str) -> Path | None:
        """The folder `current` or `previous` points at, if it is there; Refused if the link
        points anywhere but a folder `releases/<version>` of its own."""
        path = self.root / link
        if not path.is_symlink():
            if path.exists():
                raise Refused(f"{path} is not a link made by pull: remove it and pull again")
            return None
        target = os.readlink(path)
        parts = Path(target).parts
        if len(parts) != 2 or parts[0] != "releases" or not _VERSION_NAME.match(parts[1]):
            raise Refused(f"{path} points at {target!r}, not into {self.root / 'releases'}")
        folder = _no_link(self.root / "releases")
        folder = _no_link(folder / parts[1])
        return folder if folder.is_dir() else None

    def release_files(self, link: str) -> dict[str, bytes] | None:
        """The files of the release `link` names (None if there is none)."""
        folder = self.release_folder(link)
        if folder is None:
            return None
        limits = self.limits
        sizes = (limits.max_bundle_bytes, limits.max_signature_bytes, limits.max_manifest_bytes)
        return {name: _read(folder / name, most) for name, most in zip(FILES, sizes, strict=True)}

    def notice_files(self) -> tuple[bytes, bytes] | None:
        """The notice and its signature as the last good pull stored them (None if none)."""
        notice, signature = (self.root / name for name in NOTICE_FILES)
        if not notice.exists() and not notice.is_symlink():
            return None
        return (
            _read(notice, self.limits.max_notice_bytes),
            _read(signature, self.limits.max_signature_bytes),
        )

    def revoked(self) -> frozenset[str]:
        path = self.root / REVOKED
        if not path.exists() and not path.is_symlink():
            return frozenset()
        text = _read(path, 64 * 1024).decode("ascii", "replace")
        return frozenset(line for line in text.split() if _KEY_ID.match(line))

    def remember(self, notice: bytes, signature: bytes, revoked: frozenset[str]) -> None:
        """Keep a notice that verified (signature first: a reader sees the new notice only
        beside its own signature once both are in place) and every key revoked so far."""
        all_revoked = self.revoked() | revoked
        if all_revoked:
            replace_file(
                self.root / REVOKED, "".join(f"{k}\n" for k in sorted(all_revoked)).encode()
            )
        replace_file(self.root / "notice.json.minisig", signature)
        replace_file(self.root / "notice.json", notice)

    def install(self, version: str, files: dict[str, bytes]) -> None:
        """Put the verified release `version` in place and point `current` at it (the
        current one becomes `previous`); older releases are removed."""
        if not _VERSION_NAME.match(version):
            raise Refused(f"{version[:40]!r} is not a version to name a folder after")
        releases = _no_link(self.root / "releases")
        releases.mkdir(exist_ok=True)
        target = _no_link(releases / version)
        staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=releases))
        os.chmod(staging, 0o755)  # readable by the web server or bot that serves it
        for name in FILES:  # written and synced before anything points at it
            _write_synced(staging / name, files[name])
        if target.exists():  # left by an interrupted pull; nothing points at it
            shutil.rmtree(target)
        os.replace(staging, target)
        old = self.release_folder("current")
        if old is not None and old.name != version:
            self._point("previous", old.name)
        self._point("current", version)
        keep = {version, old.name if old is not None else None}
        for entry in releases.iterdir():
            if entry.name in keep:
                continue
            if entry.is_symlink() or not entry.is_dir():
                entry.unlink()  # a link is removed itself, never what it points at
            else:
                shutil.rmtree(entry, ignore_errors=True)

    def _point(self, name: str, version: str) -> None:
        """Make `name` a relative link to releases/<version>, replacing it in one step."""
        temporary = self.root / f".{name}.new"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.symlink(f"releases/{version}", temporary, target_is_directory=True)
        os.replace(temporary, self.root / name)

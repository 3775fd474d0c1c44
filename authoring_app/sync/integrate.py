"""Bringing another computer's commit into this library's branch, and committing the result.

The files are merged by merge.py (no word lost; conflicts kept side by side). While they are
being changed, a marker (`.git/authoring-app-sync`) says so: if the app is killed there, the
next open puts the files back to the last commit (repair.py) and the next sync merges again.
"""

from __future__ import annotations

import contextlib
import subprocess
from io import BytesIO
from pathlib import Path

import git
from gitdb.base import IStream

from authoring_app.library import atomic
from authoring_app.library.library import Library, _identity_env
from authoring_app.library.roster import Person
from authoring_app.library.snapshot import blob_id
from authoring_app.sync.merge import MergeOutcome, merge_trees
from authoring_app.sync.remote import is_ancestor

SYNC_MARKER = "authoring-app-sync"  # in the .git folder while a sync changes files


def integrate(library: Library, person: Person, theirs: str, source: str) -> MergeOutcome | None:
    """Bring commit `theirs` into the current branch and commit the result (None: nothing new).

    The working tree must have no unsaved changes (repair commits them first).
    """
    repo = library.repo
    head = library.head()
    if head == theirs or is_ancestor(library, theirs, head):
        return None
    marker = Path(repo.git_dir) / SYNC_MARKER
    atomic.write_text(marker, f"{head} {theirs}\n")
    env = _identity_env(person.name, person.git_email)
    try:
        if is_ancestor(library, head, theirs):
            changed = repo.git.diff("--name-only", "-z", head, theirs).split("\0")
            repo.git.merge("--ff-only", "-q", theirs, env=env)
            outcome = MergeOutcome(changed_by_them=[p for p in changed if p])
        else:
            base = repo.git.merge_base(head, theirs, with_exceptions=False) or None
            trees = [_tree(library, c) if c else {} for c in (base, head, theirs)]
            outcome = merge_trees(*trees, read=lambda blob: _read_blob(library, blob))
            _move_untracked_aside(library, outcome)
            repo.git.merge(
                "--no-ff",
                "--no-commit",
                "-q",
                "-s",
                "ours",
                *([] if base else ["--allow-unrelated-histories"]),
                theirs,
                env=env,
            )
            _apply(library, outcome.files)
            message = _merge_message(outcome, person, source, _sides(library, outcome, theirs))
            repo.git.commit("--no-verify", "-q", "-m", message, env=env)
    except BaseException:
        with contextlib.suppress(git.GitCommandError):
            repo.git.reset("--hard", "-q", "HEAD")
        marker.unlink(missing_ok=True)
        raise
    marker.unlink(missing_ok=True)
    return outcome


def _apply(library: Library, files: dict[str, bytes | None]) -> None:
    """Put the merged files in the index (one atomic write), then in the working tree."""
    if not files:
        return
    odb = library.repo.odb
    lines = []
    for path, data in sorted(files.items()):
        if data is None:
            lines.append(f"0 {'0' * 40}\t{path}")
            continue
        blob = blob_id(data)
        if not odb.has_object(bytes.fromhex(blob)):
            odb.store(IStream("blob", len(data), BytesIO(data)))
        lines.append(f"100644 {blob}\t{path}")
    _git_stdin(library, ["update-index", "-z", "--index-info"], "\0".join(lines) + "\0")
    written = [p for p, d in files.items() if d is not None]
    if written:
        _git_stdin(library, ["checkout-index", "-f", "-z", "--stdin"], "\0".join(written) + "\0")
    for path, data in files.items():
        if data is None:
            (library.path / path).unlink(missing_ok=True)


def _git_stdin(library: Library, args: list[str], text: str) -> None:
    done = subprocess.run(
        ["git", *args], cwd=library.path, input=text.encode("utf-8"), capture_output=True
    )
    if done.returncode != 0:
        raise git.GitCommandError(["git", *args], done.returncode, done.stderr)


def _move_untracked_aside(library: Library, outcome: MergeOutcome) -> None:
    """A file that only exists here, untracked, is never overwritten by one arriving."""
    tracked = set(library.repo.git.ls_files("-z").split("\0"))
    for path, data in outcome.files.items():
        target = library.path / path
        if data is not None and path not in tracked and target.exists():
            target.rename(target.with_name(target.name + ".local-copy"))
            outcome.notes.append(
                f"{path} also arrived from another computer; yours is now {path}.local-copy"
            )


def _sides(library: Library, outcome: MergeOutcome, theirs: str) -> list[str]:
    """Who last saved each side of every conflict, and when: `Conflict-Kept` is the text
    kept in answers/ (this computer's), `Conflict-Other` the one in conflicts/. Every
    computer that receives the merge reads them from here, so each labels the two
    versions by person and time, the same everywhere (conflicts.py)."""
    lines = []
    for key in outcome.conflicts:
        for trailer, commit in (("Conflict-Kept", "HEAD"), ("Conflict-Other", theirs)):
            found = library.repo.git.log(
                "-1", "--format=%aI %an", commit, "--", f"answers/*/{key.id}.{key.locale}.md"
            ).strip()
            if found:
                lines.append(f"{trailer}: {key} {found}")
    return lines


def _merge_message(
    outcome: MergeOutcome, person: Person, source: str, sides: list[str] = ()
) -> str:
    lines = ["Sync: merge changes from other computers", ""]
    for key in outcome.conflicts:
        lines.append(
            f"{key} was edited on two computers: this text is kept in answers/, "
            f"the other is in conflicts/{key}.md until someone chooses."
        )
    for path in outcome.other_versions:
        lines.append(f"Both computers changed the same lines; the other version is in {path}.")
    lines += outcome.notes
    lines += ["", "Action: sync", f"Person: {person.id}", f"From: {source}"]
    lines += [f"Conflict: {key}" for key in outcome.conflicts]
    lines += sides
    return "\n".join(lines)


def _tree(library: Library, commit: str) -> dict[str, str]:
    out = library.repo.git.ls_tree("-r", "-z", "--full-tree", commit)
    tree = {}
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, blob = meta.split()
        if kind == "blob":
            tree[path] = blob
    return tree


def _read_blob(library: Library, blob: str) -> bytes:
    return library.repo.odb.stream(bytes.fromhex(blob)).read()

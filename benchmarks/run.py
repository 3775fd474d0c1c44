"""Benchmarks at library scale: how fast the app opens, saves, filters, previews and publishes.

    python benchmarks/run.py --answers 5000 [--runs 5] [--out FILE] [--seed 1]

Generates the library once (benchmarks/out/lib-<N>-s<seed>, reused while it exists), works on
a fresh clone of it, measures each figure several times and prints one JSON object of medians,
with the targets and whether each is met. Settings, keys and the app's cache live under
benchmarks/out/home, never in the user's own folders. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
HOME = OUT / "home"
os.environ["AUTHORING_APP_DATA_DIR"] = str(HOME / "data")
os.environ["AUTHORING_APP_CONFIG_DIR"] = str(HOME / "config")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import hugo_site  # noqa: E402

# Targets for 5,000 answers on 2 cores; "<=" for every figure.
TARGETS = {
    "open_warm_s": 0.3,
    "open_cold_s": 2.0,
    "save_s": 0.15,
    "history_s": 0.2,
    "filter_ms": 30.0,
    "preview_ms": 16.0,
    "publish_incremental_s": 1.5,  # one signed bundle file per release (minisign -V works)
    "publish_vs_hugo": 3.0,
    "verify_s": 0.5,
    "gui_open_s": 1.5,
    "gui_rss_mb": 300.0,
}
CLINICIANS = ("bench-clinician-1", "bench-clinician-2")


def median(values: list[float], digits: int = 3) -> float:
    return round(statistics.median(values), digits)


def library_for(answers: int, seed: int) -> tuple[Path, dict]:
    """The generated library for (answers, seed): made once, then reused."""
    path = OUT / f"lib-{answers}-s{seed}"
    summary_file = OUT / f"lib-{answers}-s{seed}.json"
    if path.is_dir() and summary_file.is_file():
        return path, json.loads(summary_file.read_text("utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    summary = generate.generate(path, answers, seed=seed)
    summary_file.write_text(json.dumps(summary), "utf-8")
    return path, summary


def fresh_clone(pristine: Path) -> Path:
    work = OUT / f"work-{pristine.name}"
    if work.exists():
        shutil.rmtree(work)
    subprocess.run(["git", "clone", "-q", str(pristine), str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "remote", "remove", "origin"], check=True)
    return work


def clear_app_cache() -> None:
    from authoring_app.library import paths

    shutil.rmtree(paths.data_dir() / "cache", ignore_errors=True)


def probe(kind: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), kind, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


# ---------------------------------------------------------------- the figures


def measure_open(work: Path, runs: int) -> dict:
    cold, warm = [], []
    for _ in range(runs):
        clear_app_cache()
        cold.append(probe("open", str(work))["seconds"])
    probe("open", str(work))  # the cache as the app leaves it after a first open
    for _ in range(runs):
        found = probe("open", str(work))
        warm.append(found["seconds"])
    return {
        "open_cold_s": median(cold),
        "open_warm_s": median(warm),
        "approved": found["approved"],
    }


def measure_edits(library, key_dir, runs: int) -> dict:
    """Save (write, the author's signed edit record, commit) one edited answer, as the app
    saves it; the full history of another."""
    from authoring_app.review import edits
    from authoring_app.review.keys import KeyStore

    author_key = KeyStore(Path(key_dir)).load("bench-author", generate.PASSPHRASE)
    answers = library.answers()
    saves, histories = [], []
    for run in range(runs):
        answer = answers[(run * 7 + 3) % len(answers)]
        edited = answer.edited(body=answer.body + f"\nA note added in benchmark run {run}.\n")
        seconds, revision = timed(
            lambda a=edited: edits.save_answer(library, a, "bench-author", author_key)
        )
        assert revision is not None, "the save made no commit"
        saves.append(seconds)
    for run in range(runs):
        key = answers[(run * 11 + 5) % len(answers)].key
        seconds, revisions = timed(lambda k=key: library.history(k))
        assert len(revisions) >= 4, f"history of {key} has {len(revisions)} revisions"
        histories.append(seconds)
    return {"save_s": median(saves), "history_s": median(histories)}


def measure_preview(library, runs: int) -> dict:
    """Render a 4 KB answer as the live preview does (refs expanded, then every channel)."""
    from authoring_app.gui.preview import expanded_body
    from authoring_app.release.render import render_all

    answer = min(library.answers(), key=lambda a: abs(len(a.body.encode("utf-8")) - 4096))
    times = []
    for _ in range(runs * 10):
        seconds, _ = timed(
            lambda: render_all(expanded_body(answer, library.directory), title=answer.title)
        )
        times.append(seconds * 1000)
    return {"preview_ms": median(times, 2), "preview_bytes": len(answer.body.encode("utf-8"))}


def measure_publish(library, key_dir: Path, runs: int) -> dict:
    """A first release of every approved answer, then the next after one answer changed and
    was signed off again."""
    from authoring_app.review import actions as review
    from authoring_app.review import edits
    from authoring_app.review import library_status as status
    from authoring_app.review.keys import KeyStore

    store = KeyStore(key_dir)
    publisher = store.load("bench-publisher", generate.PASSPHRASE)
    clinicians = {p: store.load(p, generate.PASSPHRASE) for p in CLINICIANS}
    author = store.load("bench-author", generate.PASSPHRASE)
    full, incremental, included = [], [], 0
    for run in range(runs):
        _drop_releases(library)
        clear_app_cache()
        seconds, result = timed(lambda: _publish(library, publisher))
        full.append(seconds)
        included = len(result.plan.included)
        key = result.plan.included[(run * 13 + 1) % len(result.plan.included)].key
        answer = library.answer(key)
        edits.save_answer(
            library, answer.edited(summary=answer.summary + f" Run {run}."), "bench-author", author
        )
        required = status.answer_status(library, key).required
        for person_id in CLINICIANS[:required]:
            review.sign_off(library, key, person_id, clinicians[person_id])
        seconds, result = timed(lambda: _publish(library, publisher))
        assert list(result.plan.changed) == [key], result.plan.changed
        incremental.append(seconds)
    return {
        "publish_full_s": median(full),
        "publish_incremental_s": median(incremental),
        "published_answers": included,
    }


def _publish(library, publisher):
    from authoring_app.release import planning, publishing

    plan = planning.plan_release(library)
    return publishing.publish(library, plan, "bench-publisher", publisher)


def _drop_releases(library) -> None:
    git = library.repo.git
    refs = git.for_each_ref("--format=%(refname)", "refs/heads/published", "refs/tags").split()
    for ref in refs:
        git.update_ref("-d", ref)


def measure_verify(library, runs: int) -> dict:
    import answer_kit
    from authoring_app.release import published
    from authoring_app.release.renewal import publisher_keys

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("bundle.json", "bundle.json.minisig", "manifest.json"):
            (folder / name).write_bytes(published.read_file(library, name))
        keys = publisher_keys(library)  # as pinned by a bot: never read from the branch
        times = []
        for _ in range(runs):
            seconds, verified = timed(lambda: answer_kit.verify_file(folder / "bundle.json", keys))
            times.append(seconds)
        size = (folder / "bundle.json").stat().st_size
    return {"verify_s": median(times), "bundle_mb": round(size / 1024 / 1024, 1)}


def measure_gui(work: Path, runs: int) -> dict:
    found = [probe("gui", str(work), "naloxone") for _ in range(runs)]
    return {
        "gui_open_s": median([f["seconds"] for f in found]),
        "gui_rss_mb": median([f["rss_mb"] for f in found], 1),
        "filter_ms": median([f["filter_ms"] for f in found], 2),
        "filter_max_ms": median([f["filter_max_ms"] for f in found], 2),
        "gui_rows": found[-1]["rows"],
    }


def measure_hugo(work: Path, runs: int) -> dict:
    version = hugo_site.hugo_version()
    if version is None:
        return {"hugo_s": None, "hugo": "hugo is not installed (apt-get install -y hugo)"}
    site = OUT / f"hugo-{work.name}"
    pages = hugo_site.make_site(work, site)
    try:
        times = [hugo_site.build(site) for _ in range(runs)]
    except subprocess.CalledProcessError as exc:
        return {"hugo_s": None, "hugo": f"hugo failed: {exc.stderr.decode()[:300]}"}
    return {"hugo_s": median(times), "hugo": version, "hugo_pages": pages}


# ---------------------------------------------------------------- putting it together


def run(answers: int, runs: int, seed: int, only: set[str] | None = None) -> dict:
    from authoring_app.library.library import Library

    def wanted(name: str) -> bool:
        return only is None or name in only

    pristine, summary = library_for(answers, seed)
    work = fresh_clone(pristine)
    figures: dict = {}
    if wanted("open"):
        figures.update(measure_open(work, runs))
    with Library.open(work) as library:
        if wanted("edit"):
            figures.update(measure_edits(library, summary["key_dir"], runs))
        if wanted("preview"):
            figures.update(measure_preview(library, runs))
        if wanted("publish"):
            figures.update(measure_publish(library, summary["key_dir"], max(1, min(runs, 3))))
            figures.update(measure_verify(library, runs))
    if wanted("gui"):
        figures.update(measure_gui(work, max(1, min(runs, 3))))
    if wanted("hugo"):
        figures.update(measure_hugo(work, runs))
    if figures.get("hugo_s") and figures.get("publish_full_s"):
        figures["publish_vs_hugo"] = round(figures["publish_full_s"] / figures["hugo_s"], 2)
    elif wanted("hugo") or wanted("publish"):
        figures["publish_vs_hugo"] = None
    meets = {
        name: (figures[name] <= target if figures.get(name) is not None else None)
        for name, target in TARGETS.items()
        if name in figures
    }
    return {
        "answers": summary["answers"],
        "commits": summary["commits"],
        "signed_off": summary["signed"],
        "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        **figures,
        "targets": TARGETS,
        "meets": meets,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    parser.add_argument(
        "--only",
        help="comma-separated parts to measure: open, edit, preview, publish, gui, hugo",
    )
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    result = run(args.answers, args.runs, args.seed, only)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()

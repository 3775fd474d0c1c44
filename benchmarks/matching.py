"""Matching chat messages at library scale: building the index, matching a message, and the
checks of each answer's own questions.

    python benchmarks/matching.py --answers 5000 [--messages 400] [--runs 3] [--gui] [--out FILE]

The library is made in memory by generate.py's `make_answer` (N answer files: N/2 ids in
Russian and English, 1-6 KB bodies), its words drawn from the sample library's own words as
often as the sample uses them (the generator's short word list would make every word common
to every answer, which the matcher skips: too easy). The sample's emergency response and
bot messages are added, as a release has them. Messages are the evaluation set
(tests/kit/data/messages.yaml, both languages), the same with a typo in one word, and
questions of generated answers, in a shuffled order; each is matched once, after a warm-up
on other messages. With --gui, the same kind of library is written to disk once and Try a
question is measured in the main window, in a fresh process (benchmarks/probes.py try).
Prints one JSON object of medians and the 95th percentiles, with the targets and the
machine's load before and after. Settings, keys and the app's cache live under
benchmarks/out/home, never in the user's own folders. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOME = HERE / "out" / "home"  # settings, keys and the app's cache: never the user's own
os.environ["AUTHORING_APP_DATA_DIR"] = str(HOME / "data")
os.environ["AUTHORING_APP_CONFIG_DIR"] = str(HOME / "config")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import yaml  # noqa: E402

from answer_kit import words  # noqa: E402
from answer_kit.matching import Matcher  # noqa: E402
from authoring_app.library import paths, questions  # noqa: E402
from authoring_app.library.library import Library  # noqa: E402

MESSAGES = ROOT / "tests" / "kit" / "data" / "messages.yaml"
TARGETS = {"match_ms": 5.0, "match_p95_ms": 5.0, "match_unsaved_ms": 5.0, "answer_checks_ms": 50.0}


def vocabulary() -> generate.Vocabulary:
    """The sample library's words in each language, weighed by how often it uses them."""
    sample = Library.open(paths.sample_library_dir(), files_only=True)
    counts: dict[str, Counter] = {"ru": Counter(), "en": Counter()}
    with sample:
        for answer in sample.answers():
            text = " ".join((answer.title, *answer.questions, answer.summary, answer.body))
            counts[answer.locale].update(
                w for w in words.words(text) if len(w) > 1 and not w.isdigit()
            )
        extras = [a for a in sample.answers() if a.kind != "answer"]
        directory = sample.directory
    found = {}
    for locale, seen in counts.items():
        known, total, cumulative = [], 0, []
        for word, times in seen.most_common():
            total += times
            known.append(word)
            cumulative.append(total)
        found[locale] = (known, cumulative)
    return found, extras, directory


def library(answers: int, seed: int):
    vocab, extras, directory = vocabulary()
    made = []
    for index in range(max(1, answers // 2)):
        for locale in ("ru", "en"):
            rng = random.Random(f"{seed}/matching/{index}/{locale}")
            made.append(generate.make_answer(rng, index, locale, 0, vocab))
    return made + extras, directory


def with_typo(rng: random.Random, text: str) -> str:
    """The message with two neighbouring letters of one longer word swapped."""
    parts = text.split()
    long = [i for i, part in enumerate(parts) if len(part) >= 6 and part.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    word = parts[i]
    j = rng.randrange(1, len(word) - 2)
    parts[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(parts)


def messages(answers: list, count: int, seed: int) -> tuple[list[str], list[str]]:
    """(messages to match, other messages to warm up on)."""
    rng = random.Random(f"{seed}/messages")
    evaluation = [m["text"] for m in yaml.safe_load(MESSAGES.read_text("utf-8"))]
    found = evaluation + [with_typo(rng, text) for text in evaluation]
    asked = [q for a in answers if a.kind == "answer" for q in a.questions]
    rng.shuffle(asked)
    found += asked[: max(0, count - len(found))]
    rng.shuffle(found)
    return found[:count], asked[-50:]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_each(func, items) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        func(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def run(answers: int, count: int, runs: int, seed: int) -> dict:
    load_before = os.getloadavg()
    made, directory = library(answers, seed)
    entries = [questions.entry_of(answer, directory) for answer in made]
    builds, memory = [], None
    for _ in range(runs):
        before = rss_mb()
        started = time.perf_counter()
        matcher = Matcher(entries)
        builds.append(time.perf_counter() - started)
        memory = memory if memory is not None else rss_mb() - before  # the first build's
    to_match, warm_up = messages(made, count, seed)
    for text in warm_up:
        matcher.match(text)
    times = timed_each(matcher.match, to_match)
    edited = next(a for a in made if a.kind == "answer" and a.locale == "en")
    edited = edited.edited(questions=(*edited.questions, "my friend went grey and floppy"))
    unsaved = questions.entry_of(edited, directory)
    unsaved_times = timed_each(lambda text: matcher.match(text, instead=unsaved), to_match)
    sampled = random.Random(seed).sample([a for a in made if a.kind == "answer"], 200)
    check_times = timed_each(lambda a: questions.lost_questions(a, matcher, directory), sampled)
    started = time.perf_counter()
    report = questions.report(made, directory)
    report_s = time.perf_counter() - started
    started = time.perf_counter()
    problems = questions.library_problems(made, directory)
    validate_s = time.perf_counter() - started
    figures = {
        "index_build_s": round(statistics.median(builds), 2),
        "index_mb": round(memory, 1),
        "match_ms": round(statistics.median(times), 2),
        "match_p95_ms": round(percentile(times, 0.95), 2),
        "match_max_ms": round(max(times), 2),
        "match_unsaved_ms": round(statistics.median(unsaved_times), 2),
        "match_unsaved_p95_ms": round(percentile(unsaved_times, 0.95), 2),
        "answer_checks_ms": round(statistics.median(check_times), 2),
        "answer_checks_p95_ms": round(percentile(check_times, 0.95), 2),
        "library_report_s": round(report_s, 2),
        "library_questions": report.questions,
        "library_lost_questions": len(report.lost),
        "validate_questions_s": round(validate_s, 2),
        "validate_warnings": len(problems),
    }
    meets = {name: figures[name] <= target for name, target in TARGETS.items()}
    return {
        "answers": sum(a.kind == "answer" for a in made),
        "files": len(made),
        "messages": len(to_match),
        "message_locales": dict(
            Counter(words.language_of(t, ["ru", "en"]) or "?" for t in to_match)
        ),
        "runs": runs,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        },
        **figures,
        "targets": TARGETS,
        "meets": meets,
    }


def gui(answers: int, seed: int) -> dict:
    """Try a question in the main window over the same kind of library, written to disk with
    its history and a release of its signed-off answers (benchmarks/out/words-<N>-s<seed>,
    made once), in a fresh process."""
    out = HERE / "out"
    path = out / f"words-{answers}-s{seed}"
    if not (path / ".git").is_dir():
        out.mkdir(parents=True, exist_ok=True)
        made = generate.generate(path, answers, seed=seed, edits=0, vocabulary=vocabulary()[0])
        publish(path, Path(made["key_dir"]))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(HERE / "probes.py"), "try", str(path), str(MESSAGES)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {f"gui_{name}": round(value, 2) for name, value in found.items()}


def publish(path: Path, key_dir: Path) -> None:
    from authoring_app.release import planning, publishing
    from authoring_app.review.keys import KeyStore

    key = KeyStore(key_dir).load("bench-publisher", generate.PASSPHRASE)
    with Library.open(path) as library:
        plan = planning.plan_release(library)
        publishing.publish(library, plan, "bench-publisher", key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3, help="index builds to take the median of")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gui", action="store_true", help="also measure Try a question")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    args = parser.parse_args()
    result = run(args.answers, args.messages, args.runs, args.seed)
    if args.gui:
        result.update(gui(args.answers, args.seed))
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()

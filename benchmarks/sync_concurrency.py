"""Several computers syncing one library at once over HTTP, and how fast a dead link is noticed.

    python benchmarks/sync_concurrency.py [--clones 5] [--rounds 50] [--stall]

Starts lighttpd with git http-backend and basic auth on 127.0.0.1 (as the tests do), shares
a small library to it and clones it `--clones` times. In each round every clone saves an
edit (usually to an answer of its own, every fifth round to one answer they all edit) and
all of them sync at the same moment, each from its own thread. At the end every clone syncs
until nothing moves, and every text written is looked for in every clone (in answers/ or,
for answers edited on two computers, conflicts/). Prints JSON: seconds per sync (mean,
median, 95th percentile, max), outcomes by kind, pushes retried because others sent at the
same moment, and edits lost (must be 0) and false "offline" results (must be 0).

With --stall, also how long a sync takes to notice a link that stops forwarding (the
default limit, 30 s). Needs lighttpd (./dev setup installs it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from authoring_app.library.answer import AnswerKey  # noqa: E402
from authoring_app.library.library import Library  # noqa: E402
from authoring_app.sync.sync import clone_library, conflicts, share_library, sync  # noqa: E402
from authoring_app.sync.transport import Link  # noqa: E402
from tests.conftest import answer_text, write_library  # noqa: E402
from tests.sync.servers import HttpServer, Proxy  # noqa: E402

USER, PASSWORD = "team", "benchmark password"


def responder(question):
    return {"username": USER, "password": PASSWORD}.get(question.kind)


def team_library(root: Path, clones: int) -> dict[str, str]:
    answers = {}
    for number in range(clones + 1):
        answers[f"answers/wound-care/answer-{number}.en.md"] = answer_text(f"answer-{number}")
    return answers


def run(clones: int, rounds: int, root: Path) -> dict:
    server = HttpServer(root / "server", {USER: PASSWORD})
    try:
        server.new_repository()
        first = Library.create(
            root / "clone-0", template=write_library(root / "source", team_library(root, clones))
        )
        link = Link(responder=responder)
        share_library(first, server.url(), link)
        assert sync(first, first.roster.get("alex"), link=link).ok
        team = [first] + [
            clone_library(server.url(), root / f"clone-{n}", Link(responder=responder))
            for n in range(1, clones)
        ]
        person = first.roster.get("alex")
        times: list[float] = []
        outcomes: Counter = Counter()
        retried = 0
        written: list[str] = []
        lock = threading.Lock()

        def one(number: int, lib: Library, round_: int) -> None:
            nonlocal retried
            key = AnswerKey(f"answer-{number}", "en")
            if round_ % 5 == 4:
                key = AnswerKey(f"answer-{clones}", "en")  # everyone edits this one
            text = f"Round {round_} from computer {number}.\n"
            lib.save_answer(lib.answer(key).edited(body=lib.answer(key).body + text), person)
            started = time.perf_counter()
            result = sync(lib, person, link=Link(responder=responder))
            took = time.perf_counter() - started
            with lock:
                written.append(text)
                times.append(took)
                outcomes[result.outcome] += 1
                retried += max(0, result.attempts - 1)

        for round_ in range(rounds):
            threads = [
                threading.Thread(target=one, args=(n, lib, round_)) for n, lib in enumerate(team)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        for _ in range(3):
            for lib in team:
                sync(lib, person, link=Link(responder=responder))
        lost = 0
        for lib in team:
            seen = ""
            for folder in ("answers", "conflicts"):
                for path in (
                    (lib.path / folder).rglob("*.md") if (lib.path / folder).is_dir() else ()
                ):
                    seen += path.read_text("utf-8")
            lost += sum(text not in seen for text in written)
        heads = {lib.head() for lib in team}
        open_conflicts = len(conflicts(first))
        for lib in team:
            lib.close()
    finally:
        server.stop()
    ordered = sorted(times)
    return {
        "clones": clones,
        "rounds": rounds,
        "syncs": len(times),
        "seconds_per_sync": {
            "mean": round(statistics.mean(times), 3),
            "median": round(statistics.median(times), 3),
            "p95": round(ordered[int(len(ordered) * 0.95) - 1], 3),
            "max": round(max(times), 3),
        },
        "outcomes": dict(outcomes),
        "false_offline": outcomes.get("offline", 0),
        "pushes_retried_after_a_race": retried,
        "edits_lost": lost,
        "clones_agree_at_the_end": len(heads) == 1,
        "answers_left_in_conflict": open_conflicts,
    }


def stall(root: Path) -> dict:
    """Seconds until a sync notices a link that stopped forwarding (default limits)."""
    server = HttpServer(root / "stall-server", {USER: PASSWORD})
    try:
        server.new_repository()
        lib = Library.create(root / "stalled", template=write_library(root / "stall-source"))
        link = Link(responder=responder)
        share_library(lib, server.url(), link)
        sync(lib, lib.roster.get("alex"), link=link)
        proxy = Proxy(server.port)
        lib.repo.git.remote("set-url", "origin", server.url(port=proxy.port))
        proxy.stall()
        started = time.perf_counter()
        result = sync(lib, lib.roster.get("alex"), link=Link(responder=responder))
        took = time.perf_counter() - started
        proxy.close()
        lib.close()
    finally:
        server.stop()
    return {"stalled_sync_outcome": result.outcome, "seconds_to_notice": round(took, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clones", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--stall", action="store_true", help="also time a dead link")
    parser.add_argument("--only-stall", action="store_true", help="only time a dead link")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        import os

        os.environ.setdefault("AUTHORING_APP_CONFIG_DIR", f"{tmp}/config")
        os.environ.setdefault("AUTHORING_APP_DATA_DIR", f"{tmp}/data")
        os.environ["GIT_CONFIG_GLOBAL"] = f"{tmp}/gitconfig"
        report = {} if args.only_stall else run(args.clones, args.rounds, Path(tmp))
        if args.stall or args.only_stall:
            report.update(stall(Path(tmp)))
        from tests.sync.servers import forget_credentials

        forget_credentials()
    print(json.dumps(report, indent=2))
    return 0 if not report.get("edits_lost") and not report.get("false_offline") else 1


if __name__ == "__main__":
    raise SystemExit(main())

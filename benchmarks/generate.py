"""Generate a realistic library of N answers for benchmarks.

    python benchmarks/generate.py OUT_DIR --answers 5000

N answer files (N/2 ids in two locales) across the sample topics, bodies of 1 to 6 KB of varied
Markdown, about four commits of history per answer, and review records with real Ed25519
signatures (sign-offs by generated clinicians whose keys land in a key folder beside the
library). History is written with `git fast-import`, so 20,000 commits take seconds; answer
texts are made on every core and their front matter written with libyaml.

Commit times end a month before today, so the sign-offs (dated after the last edit) are
current: about 70% of answers are approved, with two clinicians where the topic needs two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from authoring_app.library import paths  # noqa: E402
from authoring_app.library.answer import Answer, Source, normalise_body  # noqa: E402

PASSPHRASE = "bench"
GOVERNORS = ("bench-governor-1", "bench-governor-2")
RECORDS = "governance/records.jsonl"
STEP = 60  # seconds between commits
TWO_CLINICIANS = {"overdose", "detox-at-home"}  # as in the sample library.yaml
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TOPICS = [
    "wound-care",
    "vein-care",
    "hiv-hepatitis",
    "detox-at-home",
    "overdose",
    "testing-treatment",
    "psychological-support",
]
_EN = (
    "wound abscess vein injection clinic doctor nurse risk safe clean redness swelling fever "
    "testing treatment support overdose naloxone breathing help call service outreach worker "
    "hepatitis HIV blood needle syringe cooker filter water tolerance detox seizures"
)
_RU = (
    "рана абсцесс вена укол клиника врач медсестра риск безопасно чисто покраснение отёк "
    "температура тест лечение поддержка передозировка налоксон дыхание помощь звонок служба "
    "аутрич гепатит ВИЧ кровь игла шприц ложка фильтр вода толерантность детокс судороги"
)
WORDS = {"en": _EN.split(), "ru": _RU.split()}


# locale -> (words, cumulative weights): a vocabulary with how often each word is used.
Vocabulary = dict[str, tuple[list[str], list[float]]]


def sentence(
    rng: random.Random, locale: str, words: int, vocabulary: Vocabulary | None = None
) -> str:
    if vocabulary is None:
        picked = rng.choices(WORDS[locale], k=words)
    else:
        known, weights = vocabulary[locale]
        picked = rng.choices(known, cum_weights=weights, k=words)
    return " ".join(picked).capitalize() + "."


def body(
    rng: random.Random,
    locale: str,
    target_bytes: int,
    revision: int,
    vocabulary: Vocabulary | None = None,
) -> str:
    """Varied Markdown: headings, paragraphs, lists, emphasis, links and directory references.
    Words come from WORDS, or from `vocabulary` as often as it says."""

    parts: list[str] = [f"Revision {revision}."]
    size = 0
    while size < target_bytes:
        kind = rng.random()
        if kind < 0.15:
            block = "## " + sentence(rng, locale, rng.randint(2, 5), vocabulary).rstrip(".")
        elif kind < 0.4:
            block = "\n".join(
                f"- {sentence(rng, locale, rng.randint(3, 9), vocabulary)}"
                for _ in range(rng.randint(2, 6))
            )
        elif kind < 0.5:
            block = "\n".join(
                f"{i}. **{sentence(rng, locale, 3, vocabulary)}**"
                for i in range(1, rng.randint(3, 5))
            )
        elif kind < 0.6:
            block = (
                f"{sentence(rng, locale, 6, vocabulary)} See [the guide](https://example.org/{rng.randint(1, 999)}) "
                f"or {{{{ref:example-mobile-unit}}}}."
            )
        else:
            block = " ".join(
                sentence(rng, locale, rng.randint(5, 14), vocabulary)
                for _ in range(rng.randint(2, 5))
            )
            if rng.random() < 0.3:
                block = block.replace(" ", " _", 1).replace(".", "_.", 1)
        parts.append(block)
        size += len(block.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def make_answer(
    rng: random.Random,
    index: int,
    locale: str,
    revision: int,
    vocabulary: Vocabulary | None = None,
) -> Answer:
    topic = TOPICS[index % len(TOPICS)]

    needs_flags = topic in {"wound-care", "vein-care", "detox-at-home", "overdose"}
    return Answer(
        id=f"answer-{index:05d}",
        locale=locale,
        topic=topic,
        title=sentence(rng, locale, rng.randint(3, 7), vocabulary).rstrip("."),
        questions=tuple(
            sentence(rng, locale, rng.randint(4, 9), vocabulary).rstrip(".") + "?" for _ in range(3)
        ),
        summary=" ".join(sentence(rng, locale, 10, vocabulary) for _ in range(3)),
        body=body(rng, locale, rng.randint(1024, 6 * 1024), revision, vocabulary),
        red_flags=tuple(sentence(rng, locale, 5, vocabulary) for _ in range(2))
        if needs_flags
        else (),
        refer_to=("example-mobile-unit",),
        sources=(Source("NHS: Skin abscess", "https://www.nhs.uk/conditions/skin-abscess/"),),
        tags=(topic,),
        visibility="group" if index % 3 else "private",
        translation_of="ru" if locale == "en" else None,
    )


def answer_text(answer: Answer) -> str:
    """The file as the app writes it (same fields and order), dumped by libyaml for speed."""
    front = yaml.dump(
        answer.fields(),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return f"---\n{front}---\n{normalise_body(answer.body)}"


def make_texts(job: tuple) -> list[tuple[str, str, bytes, Answer]]:
    """Answers `start`..`stop` of one revision: (path, commit subject, file bytes, answer),
    with words from a vocabulary if the job names one.

    Each answer has its own random stream, so the result does not depend on how the work is
    split between processes."""
    seed, revision, start, stop, *vocabulary = job
    out = []
    for index in range(start, stop):
        for locale in ("ru", "en"):
            rng = random.Random(f"{seed}/{revision}/{index}/{locale}")
            answer = make_answer(rng, index, locale, revision, *vocabulary)
            verb = "Add" if revision == 0 else "Edit"
            out.append(
                (
                    answer.path,
                    f"{verb} answer {answer.key}: {answer.title}",
                    answer_text(answer).encode("utf-8"),
                    answer,
                )
            )
    return out


class FastImport:
    """Write commits through one `git fast-import` process."""

    def __init__(self, repo: Path, start: int):
        self.proc = subprocess.Popen(
            ["git", "fast-import", "--quiet", "--done"], cwd=repo, stdin=subprocess.PIPE
        )
        self.marks = 0
        self.clock = start

    def _data(self, payload: bytes) -> bytes:
        return b"data %d\n" % len(payload) + payload + b"\n"

    def commit(self, who: tuple[str, str, str], message: str, files: dict[str, bytes]) -> None:
        name, email, person = who
        self.marks += 1
        self.clock += STEP
        out = [b"commit refs/heads/main\n", b"mark :%d\n" % self.marks]
        stamp = f"{name} <{email}> {self.clock} +0000\n".encode()
        out += [b"author " + stamp, b"committer " + stamp]
        out.append(self._data(f"{message}\n\nPerson: {person}\n".encode()))
        if self.marks > 1:
            out.append(b"from :%d\n" % (self.marks - 1))
        for path, content in files.items():
            out.append(f"M 100644 inline {path}\n".encode())
            out.append(self._data(content))
        self.proc.stdin.write(b"".join(out))

    def close(self) -> None:
        self.proc.stdin.write(b"done\n")
        self.proc.stdin.close()
        if self.proc.wait() != 0:
            raise RuntimeError("git fast-import failed")


def library_files(people_entries: list[dict], governors: list[dict]) -> dict[str, bytes]:
    import yaml

    sample = paths.sample_library_dir()
    info = yaml.safe_load((sample / "library.yaml").read_text("utf-8"))
    info["name"] = "Benchmark library"
    info["sample"] = False
    info["governance"] = {"signatures_required": len(governors), "governors": governors}
    people = {"people": people_entries}
    return {
        "library.yaml": yaml.safe_dump(info, allow_unicode=True, sort_keys=False).encode(),
        "people.yaml": yaml.safe_dump(people, allow_unicode=True, sort_keys=False).encode(),
        "directory.yaml": (sample / "directory.yaml").read_bytes(),
        ".gitattributes": b"reviews/*.jsonl merge=union\ngovernance/records.jsonl merge=union\n",
    }


def start_time(commits: int) -> int:
    """Commit times end 30 days before today (midnight UTC), one commit a minute."""
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return int(today.timestamp()) - 30 * 86400 - commits * STEP


def generate(
    out: Path,
    answers: int,
    *,
    seed: int = 1,
    edits: int = 3,
    key_dir: Path | None = None,
    workers: int | None = None,
    vocabulary: Vocabulary | None = None,
) -> dict:
    """Write the library to `out` (replacing it) and return a summary. `vocabulary`: the
    words answers are written in, and how often (default: WORDS, each as often)."""
    from authoring_app.review.keys import KeyStore, encode_public_key

    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    key_dir = key_dir or out.parent / f"{out.name}-keys"
    store = KeyStore(key_dir)

    def public(person_id: str) -> str:
        if not store.has(person_id):
            store.create(person_id, PASSPHRASE)
        return encode_public_key(store.public_key(person_id))

    roles = {
        "bench-author": "author",
        "bench-clinician-1": "clinician",
        "bench-clinician-2": "clinician",
        "bench-publisher": "publisher",
    }
    roster = [
        {
            "id": person_id,
            "name": person_id.replace("-", " ").title(),
            "credentials": "Benchmark account",
            "roles": [role],
            "public_key": public(person_id),
        }
        for person_id, role in roles.items()
    ]
    governors = [
        {"id": g, "name": g.replace("-", " ").title(), "public_key": public(g)} for g in GOVERNORS
    ]
    ids = max(1, answers // 2)
    writer = FastImport(out, start_time(1 + ids * 2 * (1 + edits) + ids // 100 + 4))
    author = ("Bench Author", "bench-author@people.invalid", "bench-author")
    files = library_files(roster, governors)
    writer.commit(author, "Create library", files)
    writer.commit(author, "Found the library", {RECORDS: founding(files, store, writer.clock)})
    final: dict[str, Answer] = {}
    chunk = 250
    jobs = [
        (seed, revision, first, min(first + chunk, ids), *([vocabulary] if vocabulary else []))
        for revision in range(1 + edits)
        for first in range(0, ids, chunk)
    ]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for batch in pool.map(make_texts, jobs):
            for path, subject, data, answer in batch:
                final[path] = answer
                writer.commit(author, subject, {path: data})
    signed = sign_answers(writer, store, final, random.Random(f"{seed}/sign-off"))
    writer.close()
    subprocess.run(["git", "-C", str(out), "checkout", "-q", "-f", "main"], check=True)
    return {
        "answers": len(final),
        "commits": writer.marks,
        "signed": signed,
        "key_dir": str(key_dir),
        "seconds": round(time.perf_counter() - started, 2),
    }


def founding(files: dict[str, bytes], store, clock: int) -> bytes:
    """Both governors' signed founding of the library's three governed files."""
    from authoring_app.review.governance import (
        FOUNDED,
        GOVERNED_FILES,
        GovernanceRecord,
        content_of,
    )

    contents = {name: content_of(files[name], name)[0] for name in GOVERNED_FILES}
    when = dt.datetime.fromtimestamp(clock, dt.UTC)
    lines = [
        GovernanceRecord(FOUNDED, g, when, contents, None, None)
        .signed(store.load(g, PASSPHRASE))
        .to_line()
        for g in GOVERNORS
    ]
    return ("\n".join(lines) + "\n").encode()


def sign_answers(writer: FastImport, store, answers: dict[str, Answer], rng: random.Random) -> int:
    """Every answer's text is the author's (a signed edit record, as the app saves it); about
    70% are signed off in every language (two clinicians where the topic needs two), in
    batches: a translation counts only while its source is approved.

    A translation's sign-off records the hash of its source, as the app's sign-off does."""
    from authoring_app.library.directory import Directory
    from authoring_app.review.actions import signed_record_line
    from authoring_app.review.records import EDITED, ReviewRecord

    directory = Directory.from_data(
        yaml.safe_load((paths.sample_library_dir() / "directory.yaml").read_text("utf-8"))
    )
    clinicians = ("bench-clinician-1", "bench-clinician-2")
    private = {p: store.load(p, PASSPHRASE) for p in (*clinicians, "bench-author")}
    by_key = {(a.id, a.locale): a for a in answers.values()}
    who = ("Bench Clinician 1", "c1@people.invalid", "bench-clinician-1")
    batch: dict[str, bytes] = {}
    signed = 0
    chosen: dict[str, bool] = {}  # an answer and its translations are signed off together
    for answer in sorted(answers.values(), key=lambda a: (a.id, a.locale)):
        edited = ReviewRecord(
            kind=EDITED,
            answer=answer.id,
            locale=answer.locale,
            person="bench-author",
            time=dt.datetime.fromtimestamp(writer.clock, dt.UTC),
            content_hash=answer.content_hash(),
            revision=None,
            message=None,
        )
        lines = [edited.signed(private["bench-author"]).to_line()]
        if chosen.setdefault(answer.id, rng.random() < 0.7):
            source = (
                by_key.get((answer.id, answer.translation_of)) if answer.translation_of else None
            )
            signers = clinicians if answer.topic in TWO_CLINICIANS else (rng.choice(clinicians),)
            lines += [
                signed_record_line(
                    answer,
                    person_id,
                    person_id.replace("-", " ").title(),
                    "Benchmark account",
                    writer.clock + 1,
                    private[person_id],
                    directory=directory,
                    source=source,
                )
                for person_id in signers
            ]
            signed += 1
        batch[f"reviews/{answer.id}.{answer.locale}.jsonl"] = ("\n".join(lines) + "\n").encode()
        if len(batch) >= 200:
            writer.commit(who, "Sign off answers", batch)
            batch = {}
    if batch:
        writer.commit(who, "Sign off answers", batch)
    return signed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import json

    print(json.dumps(generate(args.out, args.answers, seed=args.seed)))


if __name__ == "__main__":
    main()

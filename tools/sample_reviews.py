"""Write the sample library's demonstration records (sample_content/governance/ and reviews/).

Run after changing a sample file, so that the demonstration governors' founding and the
demonstration sign-offs are bound to the new contents again:

    python tools/sample_reviews.py

The records are made by the same operations the app uses, signed with the shipped
demonstration keys (sample_content/demo-keys/, passphrase "demo"), at fixed times, so running it
twice gives the same files. Every record says it is a demonstration. The result shows a newcomer
every role and status: the two demonstration governors found the library; the demonstration
author saves every answer as theirs; answers approved (two demonstration clinicians for
overdose and detox), one in review, one with changes requested, and drafts.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from authoring_app.library.answer import AnswerKey  # noqa: E402
from authoring_app.library.library import Library  # noqa: E402
from authoring_app.review import actions as review  # noqa: E402
from authoring_app.review import edits, governing  # noqa: E402
from authoring_app.review.demo_keys import DEMO_PASSPHRASE, demo_key_files  # noqa: E402
from authoring_app.review.keys import KeyStore  # noqa: E402

SAMPLE = ROOT / "sample_content"
NOTE = "Demonstration record in the sample library: not a real clinical review."
START = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
NO_ADDRESS = "source-no-address"
UNCONFIRMED = (
    "The address of a source here could not be confirmed yet; a real library gives it, or "
    "cites a document it can point readers to."
)

BOT_MESSAGE_IDS = (
    "bot-welcome",
    "bot-not-understood",
    "bot-talk-to-a-person",
    "bot-after-hours",
    "bot-sample-library",
    "bot-continue-privately",
    "bot-read-more",
)


def _approved(answer_id: str, hour: int, clinicians: tuple[str, ...]) -> list:
    """Submitted and signed off in both languages (Russian first: it is the source)."""
    return [
        (
            f"{answer_id}.{locale}",
            [(hour, "submit", "demo-author", "")]
            + [
                (hour + 30 + number * len(clinicians) + i, "approve", person, "")
                for i, person in enumerate(clinicians)
            ],
        )
        for number, locale in enumerate(("ru", "en"))  # a translation after its source
    ]


# (answer, [(hours after START, action, person, message)]); Russian first: it is the source.
PLAN = [
    (
        "opioid-overdose-signs.ru",
        [
            (0, "submit", "demo-author", ""),
            (24, "approve", "demo-clinician-1", ""),
            (28, "approve", "demo-clinician-2", ""),
        ],
    ),
    (
        "opioid-overdose-signs.en",
        [
            (1, "submit", "demo-author", ""),
            (
                25,
                "comment",
                "demo-clinician-2",
                "Checked against the Russian text: same advice, same red flags.",
            ),
            (29, "approve", "demo-clinician-1", ""),
            (30, "approve", "demo-clinician-2", ""),
        ],
    ),
    (
        "alcohol-benzo-detox-risks.ru",
        [
            (2, "submit", "demo-author", ""),
            (30, "approve", "demo-clinician-2", ""),
            (31, "approve", "demo-clinician-1", ""),
        ],
    ),
    (
        "alcohol-benzo-detox-risks.en",
        [
            (3, "submit", "demo-author", ""),
            (32, "approve", "demo-clinician-2", ""),
            (33, "approve", "demo-clinician-1", ""),
        ],
    ),
    (
        "abscess-warning-signs.ru",
        [(4, "submit", "demo-author", ""), (34, "approve", "demo-clinician-1", "")],
    ),
    (
        "abscess-warning-signs.en",
        [(5, "submit", "demo-author", ""), (35, "approve", "demo-clinician-1", "")],
    ),
    ("hiv-hcv-transmission.ru", [(6, "submit", "demo-author", "Ready for review.")]),
    # What the sample bot says: the emergency response (two clinicians, as overdose), the
    # bot's own messages and the newer overdose answers, so a release of the sample serves
    # a bot that knows what to say when it has no answer.
    *_approved("emergency-response", 8, ("demo-clinician-1", "demo-clinician-2")),
    *(
        item
        for number, name in enumerate(BOT_MESSAGE_IDS)
        for item in _approved(name, 10 + number, ("demo-clinician-1",))
    ),
    *_approved("tolerance-after-a-break", 20, ("demo-clinician-2", "demo-clinician-1")),
    *_approved("naloxone-and-rescue-breaths", 21, ("demo-clinician-1", "demo-clinician-2")),
    (
        "wound-infection-prevention.ru",
        [
            (7, "submit", "demo-author", ""),
            (
                36,
                "request-changes",
                "demo-clinician-2",
                "Please say plainly why licking needles is risky, in one short sentence.",
            ),
        ],
    ),
]


def main() -> int:
    folder = SAMPLE / "reviews"
    for old in [*folder.glob("*.jsonl"), SAMPLE / "governance" / "records.jsonl"]:
        old.unlink(missing_ok=True)
    keys = {}
    with tempfile.TemporaryDirectory() as scratch:
        store = KeyStore(Path(scratch))
        for person_id, key_file in demo_key_files(SAMPLE).items():
            store.import_pem(person_id, key_file.read_bytes(), passphrase=DEMO_PASSPHRASE)
            keys[person_id] = store.load(person_id, DEMO_PASSPHRASE)
    with Library.open(SAMPLE, files_only=True) as library:
        founded = START - dt.timedelta(days=2)
        for governor in ("demo-governor-1", "demo-governor-2"):
            governing.found(library, governor, keys[governor], now=founded)
        for answer in library.answers():  # every answer's text is the demonstration author's
            edits.claim(
                library, answer.key, "demo-author", keys["demo-author"], message=NOTE, now=founded
            )
        # Sources whose address is not confirmed yet: a demonstration governor's exception,
        # which also shows a newcomer what an exception looks like.
        from authoring_app.review.exceptions import answer_checks, record_exception

        for answer in library.answers():
            if any(p.code == NO_ADDRESS for p in answer_checks(library, answer)):
                record_exception(
                    library, answer.key, "demo-governor-1", keys["demo-governor-1"], NO_ADDRESS,
                    f"{UNCONFIRMED} ({NOTE})", now=founded,
                )  # fmt: skip
        for name, steps in PLAN:
            key = AnswerKey.parse(name)
            for hours, action, person, message in steps:
                now = START + dt.timedelta(hours=hours)
                text = f"{message} ({NOTE})" if message else NOTE
                if action == "submit":
                    review.submit(library, key, person, keys[person], message=text, now=now)
                elif action == "comment":
                    review.comment(library, key, person, keys[person], text, now=now)
                elif action == "request-changes":
                    review.request_changes(library, key, person, keys[person], text, now=now)
                else:
                    review.sign_off(library, key, person, keys[person], message=NOTE, now=now)
    written_files = [*folder.glob("*.jsonl"), SAMPLE / ".gitattributes"]
    written_files.append(SAMPLE / "governance" / "records.jsonl")
    for written in written_files:
        written.chmod(0o644)  # shipped files are readable by everyone
    print(f"wrote {len(list(folder.glob('*.jsonl')))} review files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

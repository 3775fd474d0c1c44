"""Helpers shared by the release, bundle, consumer and publish-command tests."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from authoring_app.library.library import APP_IDENTITY, Library
from authoring_app.library.roster import Person
from authoring_app.release.bundle import Governance, ReleaseAnswer, Reviewer
from authoring_app.review.keys import KeyStore

PASSPHRASE = "correct horse battery staple"
SIGNED = dt.datetime(2026, 1, 10, 9, 30, tzinfo=dt.UTC)
NEXT_REVIEW = dt.date(2027, 1, 10)


def give_keys(library: Library, people: list[str]) -> dict:
    """The keys the governed roster holds for `people` (the test roster's fixed keys, or the
    sample's demonstration keys), also put in this computer's key store under PASSPHRASE, as
    `keys new` would. Returns person id -> private key."""
    from cryptography.hazmat.primitives import serialization

    from authoring_app.review.demo_keys import DEMO_PASSPHRASE, demo_key_files
    from tests.people import KEYS

    store = KeyStore()
    demo = demo_key_files()
    keys = {}
    for person_id in people:
        if person_id in KEYS:
            keys[person_id] = KEYS[person_id]
        else:
            scratch = KeyStore(store.directory.parent / "demo-scratch")
            if not scratch.has(person_id):
                scratch.import_pem(
                    person_id, demo[person_id].read_bytes(), passphrase=DEMO_PASSPHRASE
                )
            keys[person_id] = scratch.load(person_id, DEMO_PASSPHRASE)
        if not store.has(person_id):
            pem = keys[person_id].private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(PASSPHRASE.encode()),
            )
            store.import_pem(person_id, pem, passphrase=PASSPHRASE)
    return keys


def fake_entries(library: Library, keys=None) -> list[ReleaseAnswer]:
    """Every answer (or those in `keys`) with a made-up governance, for building bundles
    without review records: Alex's signed edit and Dr One's signed sign-off of each text."""
    selected = library.answers() if keys is None else [library.answer(k) for k in keys]
    return [
        ReleaseAnswer(
            answer,
            Governance(
                signed_off_by=(Reviewer("Dr One", "Infectious diseases physician", SIGNED),),
                next_review=NEXT_REVIEW,
                author="Alex Author",
                last_editor="Alex Author",
                evidence=_fake_evidence(library, answer),
            ),
        )
        for answer in selected
    ]


def _fake_evidence(library: Library, answer) -> tuple[dict, dict]:
    from authoring_app.review import actions
    from authoring_app.review.records import EDITED, ReviewRecord, record_from_json
    from tests.people import KEYS

    line = actions.signed_record_line(
        answer, "dr-one", "Dr One", "Infectious diseases physician", SIGNED, KEYS["dr-one"],
        directory=library.directory,
    )  # fmt: skip
    signed_off = record_from_json(json.loads(line))
    edited = ReviewRecord(
        EDITED, answer.id, answer.locale, "alex", SIGNED - dt.timedelta(days=1),
        answer.content_hash(), None, "", name="Alex Author",
    ).signed(KEYS["alex"])  # fmt: skip
    return (signed_off.to_json(), edited.to_json())


def trust_of(library: Library) -> dict:
    """The bundle's `trust` section for `library` as governed now."""
    from authoring_app.release.trust import trust_section
    from authoring_app.review.governed import governed

    return trust_section(governed(library))


def first_release_at(library: Library, now: dt.datetime) -> dict:
    """The keyword arguments of `bundle.assemble` for a first release, 1.0.0, made at `now`
    and expiring 30 days later."""
    return {
        "info": library.info,
        "directory": library.directory,
        "trust": trust_of(library),
        "version": "1.0.0",
        "previous_version": None,
        "release_time": now,
        "expires": now + dt.timedelta(days=30),
    }


def sign_all(library: Library, keys: dict, clinicians: list[str], now=None, only=None) -> None:
    """Sign off every answer (or those in `only`) by as many clinicians as its topic needs."""
    from authoring_app.review import actions as review
    from authoring_app.review.library_status import library_status

    now = now or dt.datetime.now(dt.UTC)
    statuses = library_status(library, now=now)

    def translation(answer) -> bool:
        return bool(answer.translation_of) and answer.translation_of != answer.locale

    # Sources first: a translation can be signed off only once its source is approved.
    for answer in sorted(library.answers(), key=translation):
        if only is not None and answer.key not in only:
            continue
        except_unconfirmed_sources(library, answer, now)
        needed = library.info.clinicians_required_for(answer.topic)
        signed = statuses[answer.key].signers
        for person_id in clinicians[:needed]:
            if person_id not in signed:
                review.sign_off(library, answer.key, person_id, keys[person_id], now=now)


def except_unconfirmed_sources(library: Library, answer, now=None) -> None:
    """In the sample library, a source whose address is not confirmed stands as a must-fix
    check that a demonstration governor excepts (tools/sample_reviews.py); an edited sample
    answer needs that exception again, as a real one would."""
    from authoring_app.review.exceptions import answer_checks, excepted_checks, record_exception
    from authoring_app.review.library_status import answer_status

    if not library.info.sample:
        return
    errors = {p.code for p in answer_checks(library, answer) if p.severity == "error"}
    if "source-no-address" not in errors:
        return
    status = answer_status(library, answer.key, now=now)
    if "source-no-address" in excepted_checks(answer, status.exceptions):
        return
    governor = give_keys(library, ["demo-governor-1"])["demo-governor-1"]
    record_exception(
        library, answer.key, "demo-governor-1", governor, "source-no-address",
        "The address of this source is not confirmed yet.", now=now,
    )  # fmt: skip


def signed_sample(sample_library: Library, now=None) -> dict:
    """The sample library with keys for two clinicians and the publisher, every answer signed."""
    keys = give_keys(sample_library, ["demo-clinician-1", "demo-clinician-2", "demo-publisher"])
    sign_all(sample_library, keys, ["demo-clinician-1", "demo-clinician-2"], now=now)
    return keys


def rendering_counter(monkeypatch) -> list:
    """Every text `render_parts` renders from now on (rendered in this process)."""
    from authoring_app.release import rendering

    rendered = []
    real = rendering.render_parts

    def counting(texts):
        rendered.append(texts)
        return real(texts)

    monkeypatch.setattr(rendering, "render_parts", counting)
    return rendered


def pinned_key(library: Library, folder, person: str = "demo-publisher"):
    """The publisher's key file as a maintainer pins it: what `authoring-app keys export`
    prints, written to `folder/<person>.pub`."""
    import contextlib
    import io

    from authoring_app import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["keys", "export", "--person", person, "--library", str(library.path)])
    assert code == 0
    path = folder / f"{person}.pub"
    path.write_text(out.getvalue(), "utf-8")
    return path


def branch_folder(library: Library, folder, commit: str = "published"):
    """Every file of the published branch (at `commit`), as a static host serves a channel."""
    import io
    import tarfile

    data = library.repo.git.archive(commit, stdout_as_string=False)
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(folder, filter="data")
    return folder


def set_release_channels(library: Library, channels: list[dict], notice_days: int | None = None):
    """Name the library's releases channels in library.yaml (and commit it)."""
    path = library.path / "library.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["releases"] = {"channels": channels}
    if notice_days is not None:
        data["releases"]["notice_days"] = notice_days
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    app = Person("app", APP_IDENTITY[0], ("author",), email=APP_IDENTITY[1])
    library.commit(app, "Name the releases channels", ["library.yaml"])
    library.reload()

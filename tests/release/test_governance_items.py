"""What every published answer carries besides its text, in its own language: who wrote
and who signed it (with credentials), when it was and will be reviewed, sources a reader can
follow, the organisation, its interests and funding, where to report an error, and that it
does not replace a consultation. From the governed library.yaml and roster, never from a git
account."""

from __future__ import annotations

import pytest

import answer_kit
from authoring_app.library.answer import AnswerKey, Source
from authoring_app.library.checks import lint_answer
from authoring_app.release import export, planning, publishing
from authoring_app.sync.opening import validate
from tests.people import govern
from tests.release.helpers import give_keys, pinned_key, sign_all

EN, RU = AnswerKey("abscess-signs", "en"), AnswerKey("abscess-signs", "ru")


@pytest.fixture
def keys(library):
    keys = give_keys(library, ["dr-one", "pat"])
    sign_all(library, keys, ["dr-one"])
    return keys


def publish(library, keys):
    plan = planning.plan_release(library)
    assert not plan.problems, plan.problems
    return publishing.publish(library, plan, "pat", keys["pat"])


def test_the_site_shows_every_governance_item_in_each_language(library, keys, tmp_path):
    release = publish(library, keys)
    governance = {a["key"]: a["governance"] for a in release.release.bundle["answers"]}
    assert governance[str(EN)]["author"] == "Alex Author"  # the roster's name, not git's
    statements = release.release.bundle["trust"]["library"]["data"]["statements"]
    assert set(statements) == {"interests", "report_an_error", "consultation"}

    key = answer_kit.load_public_key(pinned_key(library, tmp_path, "pat"))
    export.export_site(library, tmp_path / "site", key)
    en = (tmp_path / "site/en/wound-care/abscess-signs.html").read_text("utf-8")
    ru = (tmp_path / "site/ru/wound-care/abscess-signs.html").read_text("utf-8")
    for needed in (
        "Written by</dt><dd>Alex Author",
        "Dr One, Infectious diseases physician",
        "Last reviewed",
        "Next review",
        "Published by</dt><dd>Test NGO",
        'href="https://www.nhs.uk/conditions/skin-abscess/"',
        "Conflicts of interest and funding",
        "Test NGO takes no money from makers of medicines.",
        "Report an error to errors@test-ngo.invalid.",
        "does not replace, a consultation with a doctor",
    ):
        assert needed in en, needed
    for needed in (
        "Автор</dt><dd>Alex Author",
        "Следующая проверка",
        "Конфликт интересов и финансирование",
        "Тестовая организация не получает денег",
        "Сообщите об ошибке",
        "не заменяют консультацию врача",
    ):
        assert needed in ru, needed
    assert "errors@test-ngo.invalid" not in en.split("<footer")[0]  # in the footer, not the text


def test_a_release_without_the_statements_is_refused(library, keys):
    def drop_report_route(text: str) -> str:
        start = text.index("  report_an_error:")
        end = text.index("  consultation:")
        return text[:start] + text[end:]

    govern(library, "library.yaml", drop_report_route)
    plan = planning.plan_release(library)
    assert any("report_an_error (en)" in p and "report_an_error (ru)" in p for p in plan.problems)
    with pytest.raises(planning.ReleaseError, match="report_an_error"):
        publishing.publish(library, plan, "pat", keys["pat"])


def test_statements_edited_by_hand_are_not_what_goes_out(library, keys):
    path = library.path / "library.yaml"
    path.write_text(path.read_text("utf-8").replace("takes no money", "is paid by a drug maker"))
    library.commit(library.roster.get("alex"), "Edit by hand", ["library.yaml"])
    release = publish(library, keys)
    said = release.release.bundle["trust"]["library"]["data"]["statements"]["interests"]["en"]
    assert said == "Test NGO takes no money from makers of medicines."


def test_a_source_needs_an_address_a_doi_or_to_be_an_offline_document(library):
    answer = library.answer(EN)
    codes = lambda a: [p.code for p in lint_answer(a, library.info, library.directory)]  # noqa: E731
    assert "source-no-address" not in codes(answer)
    bare = answer.edited(sources=(Source("Some leaflet"),))
    assert "source-no-address" in codes(bare)
    assert [p.severity for p in lint_answer(bare, library.info, library.directory) if p.code == "source-no-address"] == ["error"]  # fmt: skip
    assert "source-no-address" not in codes(answer.edited(sources=(Source("BMJ", doi="10.1136/bmj.326.7396.959"),)))  # fmt: skip
    assert "source-no-address" not in codes(answer.edited(sources=(Source("Clinic leaflet", offline=True),)))  # fmt: skip


def test_a_doi_goes_out_as_an_address_every_consumer_can_follow(library, keys):
    from tests.review.support import save

    cited = library.answer(RU).edited(sources=(Source("Strang et al., BMJ 2003", doi="10.1136/bmj.326.7396.959"),))  # fmt: skip
    save(library, cited, "alex")
    sign_all(library, keys, ["dr-one"], only={RU})
    release = publish(library, keys)
    ru = next(a for a in release.release.bundle["answers"] if a["key"] == str(RU))
    assert ru["sources"] == [
        {"title": "Strang et al., BMJ 2003", "url": "https://doi.org/10.1136/bmj.326.7396.959"}
    ]


def test_a_clinician_without_credentials_is_not_accepted_into_the_roster(library):
    path = library.path / "people.yaml"
    path.write_text(
        path.read_text("utf-8").replace("    credentials: Infectious diseases physician\n", "")
    )
    library.reload()
    problems = [p for p in validate(library) if p.path == "people.yaml" and p.severity == "error"]
    assert problems and any("credentials" in p.message for p in problems)

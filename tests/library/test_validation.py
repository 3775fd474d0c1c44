"""Validation a person can act on: every bad input names the file, line and field; the rest loads."""

from __future__ import annotations

import json

import git
import pytest

from authoring_app.cli import main
from authoring_app.library import questions
from authoring_app.library.library import Library, NotALibrary
from authoring_app.sync.opening import validate, validate_path
from tests.conftest import answer_text, write_library

GOOD = "answers/wound-care/abscess-signs.en.md"


def make(tmp_path, files: dict[str, str | bytes]) -> Library:
    root = write_library(tmp_path / "lib")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    git.Repo.init(root).close()
    return Library.open(root)


def problems_for(tmp_path, rel: str, content: str | bytes):
    with make(tmp_path, {rel: content}) as lib:
        found = validate(lib)
        # One bad file never hides the good ones.
        assert lib.find(lib.answers()[0].key) is not None
        assert any(a.path == GOOD for a in lib.answers())
        return [p for p in found if p.path == rel]


def not_a_bots(problems):
    """The problems that are not about what a bot would answer (questions.py)."""
    return [p for p in problems if p.code not in questions.CODES]


def test_a_good_library_has_no_problems_though_a_bot_is_unsure_of_one_answer(library):
    problems = validate(library)
    assert not_a_bots(problems) == []
    # With one answer a language, every word is in every answer, so a bot's matcher takes
    # none of them to tell answers apart (answer_kit's common_share): it finds nothing.
    assert {(p.path, p.field, p.code, p.param("unsure"), p.severity) for p in problems} == {
        (GOOD, "questions[0]", "question-not-found", "", "warning"),
        (GOOD.replace(".en.", ".ru."), "questions[0]", "question-not-found", "", "warning"),
    }


def test_malformed_yaml_names_the_line(tmp_path):
    bad = answer_text("broken").replace("title: When", "title: [When")
    [problem] = problems_for(tmp_path, "answers/wound-care/broken.en.md", bad)
    assert problem.code == "yaml"
    assert problem.line is not None and 5 <= problem.line <= 8
    assert "malformed YAML" in problem.message


def test_wrong_type_names_field_and_line(tmp_path):
    bad = answer_text("typed").replace(
        "questions:\n  - I have a red lump, what do I do?\n", "questions: just one string\n"
    )
    problems = problems_for(tmp_path, "answers/wound-care/typed.en.md", bad)
    [problem] = [p for p in problems if p.field == "questions"]
    assert problem.line == 6
    assert "expected a list" in problem.message


def test_missing_required_field(tmp_path):
    bad = answer_text("nosummary").replace(
        "summary: Most lumps heal, but some need a doctor.\n", ""
    )
    [problem] = problems_for(tmp_path, "answers/wound-care/nosummary.en.md", bad)
    assert "'summary' is required but missing" in problem.message


def test_unknown_field_such_as_a_status_is_refused(tmp_path):
    bad = answer_text("withstatus").replace(
        "visibility: group\n", "visibility: group\nstatus: approved\n"
    )
    [problem] = problems_for(tmp_path, "answers/wound-care/withstatus.en.md", bad)
    assert "unknown field 'status'" in problem.message
    assert problem.line == 16


def test_file_in_the_wrong_folder(tmp_path):
    problems = problems_for(tmp_path, "answers/overdose/misplaced.en.md", answer_text("misplaced"))
    assert [p.code for p in problems] == ["wrong-place"]
    assert "answers/wound-care/misplaced.en.md" in problems[0].message


def test_file_outside_a_topic_folder(tmp_path):
    problems = problems_for(tmp_path, "answers/loose.en.md", answer_text("loose"))
    assert [p.code for p in problems] == ["wrong-place"]


def test_invalid_utf8(tmp_path):
    data = answer_text("latin").encode("utf-8").replace(b"See a nurse", b"See a nurse \xff\xfe")
    [problem] = problems_for(tmp_path, "answers/wound-care/latin.en.md", data)
    assert problem.code == "encoding"
    assert problem.line == 17


def test_a_5_mb_body_is_refused_without_reading_it(tmp_path):
    big = answer_text("huge", body="word " * (1024 * 1024))
    [problem] = problems_for(tmp_path, "answers/wound-care/huge.en.md", big)
    assert problem.code == "too-large"
    assert "5.0 MB" in problem.message


def test_empty_file(tmp_path):
    [problem] = problems_for(tmp_path, "answers/wound-care/empty.en.md", "")
    assert problem.code == "empty"


def test_duplicate_id(tmp_path):
    twin = answer_text("abscess-signs", topic="hiv-hepatitis", extra="")
    with make(tmp_path, {"answers/hiv-hepatitis/abscess-signs.en.md": twin}) as lib:
        problems = [p for p in validate(lib) if p.code == "duplicate-id"]
        assert len(lib.answers()) == 2  # one of the twins, and the Russian answer
    [problem] = problems
    paths = {GOOD, "answers/hiv-hepatitis/abscess-signs.en.md"}
    assert problem.path in paths
    assert (paths - {problem.path}).pop() in problem.message


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (
            lambda t: t.replace("red_flags:\n  - Red streaks spreading from the wound\n", ""),
            "red-flags-missing",
            "red_flags",
        ),
        (
            lambda t: t.replace("refer_to: [example-mobile-unit]", "refer_to: [no-such-service]"),
            "unknown-reference",
            "refer_to[0]",
        ),
        (
            lambda t: t.replace("See a nurse", "Call {{ref:no-such-service}}. See a nurse"),
            "unknown-reference",
            "body",
        ),
        (
            lambda t: t.replace("See a nurse", "Call +7 912 345-67-89. See a nurse"),
            "phone-in-text",
            "body",
        ),
        (lambda t: t.replace("See a nurse", "Call 103 now. See a nurse"), "phone-in-text", "body"),
        (lambda t: t.replace("Most lumps heal", "x" * 5000), "summary-too-long", "summary"),
        (
            lambda t: t.replace("See a nurse", "<script>alert(1)</script> See a nurse"),
            "raw-html",
            "body",
        ),
        (
            lambda t: t.replace(
                "sources:\n  - title: 'NHS: Skin abscess'\n    url: https://www.nhs.uk/conditions/skin-abscess/\n",
                "sources: []\n",
            ),
            "no-sources",
            "sources",
        ),
        (
            lambda t: t.replace("visibility: group\n", "visibility: group\ntranslation_of: ru\n"),
            "translation-source-missing",
            "translation_of",
        ),
    ],
)
def test_content_checks(tmp_path, change, code, field):
    rel = "answers/wound-care/checked.en.md"
    problems = problems_for(tmp_path, rel, change(answer_text("checked")))
    matching = [p for p in problems if p.code == code]
    assert matching, problems
    assert matching[0].field == field
    assert matching[0].line is not None


def test_phone_number_check_ignores_references_and_ordinary_numbers(tmp_path):
    text = answer_text("fine", body="Call {{ref:ambulance-103}}. Press for 15 to 30 minutes.\n")
    assert not_a_bots(problems_for(tmp_path, "answers/wound-care/fine.en.md", text)) == []


def test_broken_library_files_are_reported_and_answers_still_load(tmp_path):
    root = write_library(tmp_path / "lib")
    (root / "people.yaml").write_text("people:\n  - id: Bad Id\n    name: X\n    roles: [wizard]\n")
    (root / "directory.yaml").write_text("services: [unclosed\n")
    git.Repo.init(root).close()
    with Library.open(root) as lib:
        problems = validate(lib)
        assert len(lib.answers()) == 2
    paths = {p.path for p in problems}
    assert {"people.yaml", "directory.yaml"} <= paths
    people = [p for p in problems if p.path == "people.yaml"]
    assert {p.field for p in people} == {"people[0].id", "people[0].roles[0]"}
    assert all(p.line == 2 or p.line == 4 for p in people)


def test_not_a_git_repository_and_not_a_library(tmp_path):
    plain = write_library(tmp_path / "plain")
    with pytest.raises(NotALibrary, match="not a git repository"):
        Library.open(plain)
    # Its files can still be checked; the missing repository is a warning.
    found = {p.code: p.severity for p in not_a_bots(validate_path(plain))}
    assert found == {"not-a-repository": "warning", "governance-unfounded": "warning"}
    repo_dir = tmp_path / "repo"
    git.Repo.init(repo_dir).close()
    [problem] = validate_path(repo_dir)
    assert problem.code == "not-a-library"
    assert "a git repository but not a library" in problem.message


def test_validate_command_lists_every_broken_file_and_exits_non_zero(tmp_path, capsys):
    with make(
        tmp_path,
        {
            "answers/wound-care/one.en.md": "",
            "answers/wound-care/two.en.md": answer_text("two").replace(
                "topic: wound-care", "topic: [oops"
            ),
            "answers/wound-care/three.en.md": b"\xff\xfe",
        },
    ) as lib:
        root = lib.path
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    for name in ("one.en.md:1", "two.en.md:4", "three.en.md:1"):
        assert f"answers/wound-care/{name}" in out
    assert "3 error(s)" in out

    assert main(["validate", str(root), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {p["path"] for p in data["problems"] if p["severity"] == "error"} == {
        "answers/wound-care/one.en.md",
        "answers/wound-care/two.en.md",
        "answers/wound-care/three.en.md",
    }
    assert all({"line", "field", "code", "severity", "message"} <= set(p) for p in data["problems"])


def test_the_sample_library_is_valid(capsys):
    from authoring_app.library import paths

    assert main(["validate", str(paths.sample_library_dir())]) == 0, capsys.readouterr().out


def test_rule_values_of_the_wrong_type_are_reported_not_fatal(tmp_path):
    root = write_library(tmp_path / "lib")
    text = (
        (root / "library.yaml")
        .read_text()
        .replace("clinicians_required: 1", "clinicians_required: two")
    )
    (root / "library.yaml").write_text(text)
    git.Repo.init(root).close()
    with Library.open(root, files_only=True) as lib:
        assert lib.info.clinicians_required == 1
        problems = validate(lib)
    assert any(
        p.path == "library.yaml" and p.field == "sign_off.clinicians_required" for p in problems
    )


def test_a_link_in_the_answers_folder_is_reported_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(answer_text("stolen"))
    root = write_library(tmp_path / "lib")
    (root / "answers/wound-care/stolen.en.md").symlink_to(secret)
    (root / "answers/linked-topic").symlink_to(root / "answers/wound-care")
    git.Repo.init(root).close()
    with Library.open(root) as lib:
        problems = validate(lib)
        assert [a.id for a in lib.answers()] == ["abscess-signs", "abscess-signs"]
    links = {p.path for p in problems if p.code == "link"}
    assert links == {"answers/wound-care/stolen.en.md", "answers/linked-topic"}

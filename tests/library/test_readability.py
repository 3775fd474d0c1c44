"""Readability: the published formulas on counted examples, the text a person reads, and the
library's limit as a warning that never stops anyone."""

from __future__ import annotations

import json

import pytest

from authoring_app.cli import main
from authoring_app.library import readability
from authoring_app.library.checks import lint_answer
from authoring_app.library.info import LibraryInfo
from authoring_app.library.library import Library
from authoring_app.library.readability import Counts, Limit
from authoring_app.sync.opening import validate
from tests.conftest import LIBRARY_YAML, answer_text, write_library


def test_flesch_kincaid_on_the_cat_sat_on_the_mat():
    """The textbook example: one sentence of six one-syllable words (reading ease 116);
    Flesch–Kincaid grade 0.39·6 + 11.8·1 − 15.59 = −1.45."""
    counts = readability.count("The cat sat on the mat.", "en")
    assert counts == Counts(sentences=1, words=6, syllables=6, polysyllables=0)
    assert readability.flesch_kincaid_grade(counts) == pytest.approx(-1.45)


def test_smog_on_mclaughlins_thirty_sentences():
    """SMOG: 1.0430·√(polysyllables · 30 / sentences) + 3.1291. Thirty sentences with 36
    words of three or more syllables: √36 = 6, so grade 1.043·6 + 3.1291 = 9.39 (McLaughlin's
    quick rule, √36 + 3, says 9). The same density in ten sentences gives the same grade."""
    assert readability.smog_grade(Counts(30, 450, 600, 36)) == pytest.approx(9.3871, abs=1e-4)
    assert readability.smog_grade(Counts(10, 150, 200, 12)) == pytest.approx(9.3871, abs=1e-4)
    assert readability.smog_grade(Counts(3, 20, 20, 0)) == pytest.approx(3.1291)


def test_oborneva_reading_ease_on_a_counted_russian_primer_sentence():
    """Two sentences, six words; a Russian syllable is a vowel: ма-ма мы-ла ра-му па-па
    чи-тал га-зе-ту = 13. 206.835 − 1.3·3 − 60.1·13/6 = 72.7."""
    text = "Мама мыла раму. Папа читал газету."
    assert readability.count(text, "ru") == Counts(2, 6, 13, 1)
    assert readability.oborneva_reading_ease(Counts(2, 6, 13, 1)) == pytest.approx(72.718, abs=1e-3)


def test_syllables_of_russian_words_are_their_vowels():
    words = {"в": 0, "передозировка": 6, "налоксон": 3, "ёлка": 2, "Шприц": 1, "ЮЛА": 2}
    words |= {"Telegram": 3}  # a Latin word read by the English rule
    assert {w: readability.syllables(w, "ru") for w in words} == words


def test_english_syllables_on_plain_words():
    words = {"cat": 1, "table": 2, "makes": 1, "naloxone": 3, "overdose": 3, "ambulance": 3}
    assert {w: readability.syllables(w, "en") for w in words} == words


def test_the_reader_reads_no_markdown_code_or_service_reference():
    markdown = (
        "## What to do\n\n"
        "1. Take the **needle** out.\n"
        "- Call {{ref:ambulance-103}} now\n"
        "> See [the guide](https://example.org/a-very-long-address) `code here`\n"
        "```\nnot read at all here\n```\n"
    )
    plain = readability.plain_text(markdown)
    assert plain == "What to do\nTake the needle out.\nCall now\nSee the guide"
    # a heading and each list item are sentences of their own
    assert readability.count(plain, "en") == Counts(4, 12, 13, 0)


def test_a_hostile_text_is_measured_in_one_pass():
    """Brackets that never close, fences that never end, a word of 100,000 letters: the
    editor measures as the author types, so none of them may make it crawl."""
    for text in (
        "[" * 100_000,
        "```\n" + "[x](" * 50_000,
        "Word. " * 20 + "a" * 100_000 + ".",
        "~~~\n" * 50_000,
        "![" * 50_000 + "](" * 50_000,
    ):
        found = readability.figure(text, "en")
        assert found is None or found.value > 0
    assert readability.figure("Word. " * 20 + "я" * 100_000 + ".", "ru").counts.syllables == 100_020


def test_a_text_too_short_or_in_another_language_has_no_figure():
    assert readability.figure("Покажитесь медсестре.", "ru") is None
    assert readability.figure("{{ref:ambulance-103}} " * 50, "en") is None
    assert readability.figure("", "ru") is None
    assert (
        readability.figure("Ein ganz einfacher Satz mit zehn Wörtern steht genau hier.", "de")
        is None
    )


HARD_EN = (
    "Intravenous administration of unprescribed medication necessitates consideration of "
    "complications, including bacterial contamination and endocarditis. Professional "
    "consultation is recommended. "
) * 2  # SMOG grade 18.2
EASY_EN = "Take the needle out. Press hard on the spot. Raise the arm. Call for help if it bleeds."
HARD_RU = (
    "Внутривенное введение неназначенных препаратов требует рассмотрения осложнений, включая "
    "бактериальное загрязнение. Рекомендуется консультация специалиста. "
) * 2  # reading ease −79


def test_a_hard_text_is_a_warning_with_the_figure_and_the_limit():
    info = LibraryInfo.from_data({"locales": ["en", "ru"]})
    answers = _answers(HARD_EN, EASY_EN, HARD_RU)
    found = [
        p for a in answers for p in lint_answer(a, info, _directory()) if p.code == "hard-to-read"
    ]
    assert [(p.path, p.field, p.severity, p.param("limit")) for p in found] == [
        ("answers/wound-care/abscess-signs.en.md", "summary", "warning", "9"),
        ("answers/wound-care/abscess-signs.ru.md", "summary", "warning", "40"),
    ]
    assert [p.param("value") for p in found] == ["18.2", "-79"]


def test_the_library_sets_its_limit_per_language_and_bad_values_keep_the_default():
    info = LibraryInfo.from_data(
        {"checks": {"readability": {"en": {"max_grade": 20}, "ru": {"min_ease": "high"}}}}
    )
    assert info.readability_limit("en") == Limit(max_grade=20.0)
    assert info.readability_limit("ru") == Limit(min_ease=40.0)
    assert info.readability_limit("de") == Limit()  # no formula, no limit
    found = [
        p for a in _answers(HARD_EN, EASY_EN, HARD_RU) for p in lint_answer(a, info, _directory())
    ]
    assert [p.path for p in found if p.code == "hard-to-read"] == [
        "answers/wound-care/abscess-signs.ru.md"
    ]
    for hostile in (
        None,
        [],
        "9",
        {"en": 9},
        {"en": {"max_grade": True}},
        {"en": {"max_grade": -3}},
    ):
        assert LibraryInfo.from_data({"checks": {"readability": hostile}}).readability_limit(
            "en"
        ) == Limit(max_grade=9.0)


def test_a_readability_limit_of_the_wrong_kind_is_named_by_validation(tmp_path):
    root = write_library(tmp_path / "lib")
    (root / "library.yaml").write_text(
        LIBRARY_YAML + "checks:\n  readability:\n    en: {max_grade: nine}\n    english: {}\n",
        "utf-8",
    )
    with Library.open(root, files_only=True) as library:
        problems = [p for p in validate(library) if p.path == "library.yaml"]
    fields = {p.field for p in problems}
    assert problems and all(p.severity == "error" for p in problems)
    assert any("max_grade" in (f or "") for f in fields), problems
    assert any("english" in p.message or "english" in (p.field or "") for p in problems), problems


def test_validate_prints_each_answers_readability(tmp_path, capsys):
    root = write_library(
        tmp_path / "lib",
        {
            "answers/wound-care/abscess-signs.en.md": answer_text(body=HARD_EN + "\n"),
            "answers/wound-care/abscess-signs.ru.md": answer_text(
                locale="ru", title="Когда шишке нужен врач?", body=HARD_RU + "\n"
            ),
        },
    )
    assert main(["validate", str(root), "--readability"]) == 0  # warnings only: no error
    out = capsys.readouterr().out
    assert "abscess-signs.en [body]: reading grade" in out
    assert "above this library's limit of 9" in out
    assert "abscess-signs.ru [body]: easy to read:" in out
    assert "hard to read" in out and "(hard-to-read)" in out
    assert main(["validate", str(root), "--readability", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by = {(r["answer"], r["field"]): r for r in data["readability"]}
    assert by[("abscess-signs.en", "body")]["too_hard"] is True
    assert by[("abscess-signs.ru", "body")]["measure"] == "reading-ease"


def _answers(summary_en: str, body_en: str, summary_ru: str):
    from authoring_app.library.answer import parse_answer

    en = answer_text(body=body_en + "\n").replace(
        "summary: Most lumps heal, but some need a doctor.", f"summary: {summary_en.strip()}"
    )
    ru = answer_text(locale="ru", body="Покажитесь медсестре.\n").replace(
        "summary: Most lumps heal, but some need a doctor.", f"summary: {summary_ru.strip()}"
    )
    return [
        parse_answer(en, "answers/wound-care/abscess-signs.en.md")[0],
        parse_answer(ru, "answers/wound-care/abscess-signs.ru.md")[0],
    ]


def _directory():
    from authoring_app.library.directory import Directory

    return Directory.from_data({"services": []})

"""How answers name services when {{ref:ID}} is filled in."""

from __future__ import annotations

from authoring_app.library.directory import Directory

DIRECTORY = Directory.from_data(
    {
        "services": [
            {
                "id": "ambulance-103",
                "kind": "emergency",
                "name": {"ru": "Скорая помощь", "en": "Ambulance"},
                "contact": "103",
            },
            {
                "id": "example-mobile-unit",
                "kind": "outreach",
                "contact": "+7 000 000-00-01",
                "name": {"ru": "Пример мобильного пункта", "en": "Example mobile unit"},
            },
            {
                "id": "broken",
                "kind": "outreach",
            },  # no name or contact: skipped, reported by the schema check
        ]
    }
)


def test_an_emergency_number_is_said_as_people_say_it():
    assert DIRECTORY.get("ambulance-103").label("ru") == "103"


def test_a_service_is_named_in_the_answers_language_with_its_contact():
    unit = DIRECTORY.get("example-mobile-unit")
    assert unit.label("ru") == "Пример мобильного пункта (+7 000 000-00-01)"
    assert unit.label("en") == "Example mobile unit (+7 000 000-00-01)"


def test_a_malformed_entry_does_not_hide_the_others():
    assert DIRECTORY.ids() == {"ambulance-103", "example-mobile-unit"}


def test_look_ups_by_id_find_the_first_entry_of_a_repeated_id():
    from authoring_app.library.roster import Roster

    twice = Directory.from_data(
        {
            "services": [
                {"id": "unit", "kind": "outreach", "name": "First", "contact": "1"},
                {"id": "unit", "kind": "clinic", "name": "Second", "contact": "2"},
            ]
        }
    )
    assert twice.get("unit").contact == "1" and twice.get("other") is None
    assert len(list(twice)) == 2 and twice.ids() == {"unit"}
    assert DIRECTORY.get(["not", "an", "id"]) is None
    people = Roster.from_data({"people": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]})
    assert people.get("a").name == "A" and people.get("b") is None and people.get(None) is None

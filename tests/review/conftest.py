"""Fixtures of the review tests: the test library's clinicians with their keys, and an
answer they signed off."""

from __future__ import annotations

import pytest

from authoring_app.review.library_status import answer_status
from authoring_app.review.status import Status
from tests.review.support import EN, approve, give_keys


@pytest.fixture
def keys(library):
    return give_keys(library, "dr-one", "dr-two")


@pytest.fixture
def signed(library, keys):
    """abscess-signs.en submitted and signed off by both clinicians (one would do)."""
    approve(library, EN, keys)
    assert answer_status(library, EN).status == Status.APPROVED
    return library

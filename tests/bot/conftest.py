"""The bot's tests use the kit's release of the sample library."""

from tests.kit.conftest import sample_release  # noqa: F401

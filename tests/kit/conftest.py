"""A release of the whole sample library, signed off and published once for the kit's tests."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

import answer_kit


@pytest.fixture(scope="session")
def sample_release(tmp_path_factory):
    """Every sample answer signed off and published as release 1.0.0: its library folder,
    the publisher's key file, a folder of the release files, a releases channel holding it,
    and the verified bundle's data
    (shared: copy it before changing it)."""
    from authoring_app.library import paths
    from authoring_app.library.info import ReleaseChannel
    from authoring_app.library.library import Library
    from authoring_app.release import delivery, planning, published, publishing
    from tests.release.helpers import pinned_key, signed_sample

    base = tmp_path_factory.mktemp("sample-release")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AUTHORING_APP_CONFIG_DIR", str(base / "config"))
        patch.setenv("AUTHORING_APP_DATA_DIR", str(base / "data"))
        library = Library.create(base / "sample", template=paths.sample_library_dir())
        try:
            keys = signed_sample(library)
            plan = planning.plan_release(library)
            publishing.publish(library, plan, "demo-publisher", keys["demo-publisher"])
            key_file = pinned_key(library, base)
            folder = base / "release"
            folder.mkdir()
            for name in answer_kit.FILES:
                (folder / name).write_bytes(published.read_file(library, name))
            channel = base / "channel"  # a releases channel, as a static host serves it
            channel.mkdir()
            delivered = delivery._to_folder(
                library, published.tip(library), ReleaseChannel("folder", str(channel))
            )
            assert delivered.delivered, delivered
        finally:
            library.close()
    key = answer_kit.load_public_key(key_file)
    bundle = answer_kit.verify_file(folder, key, allow_sample=True)
    return SimpleNamespace(
        path=base / "sample", key_file=key_file, folder=folder, channel=channel, data=bundle.data
    )


@pytest.fixture(scope="session")
def responder(sample_release):
    return answer_kit.Responder(sample_release.data)


def bundle_copy(sample_release) -> dict:
    return json.loads(json.dumps(sample_release.data))

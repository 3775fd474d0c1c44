"""The consumer kit: what a bot or web site runs to use the answers an authoring library
publishes, without the authoring app. It verifies a release against a key pinned from a
second channel, pulls the latest release safely, and renders a static site from a verified
release. See docs/bundle-format.md."""

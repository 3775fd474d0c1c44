"""The content library: its files, their schemas and checks, the git store, and what is kept
between runs. Knows nothing of review, release, sync or any face (see docs/architecture.md)."""

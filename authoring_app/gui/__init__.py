"""The PySide6 desktop app: a face over the core operations."""

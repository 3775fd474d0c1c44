"""Authoring app: draft, review, sign off and publish harm-reduction answers."""

__version__ = "0.1.0"

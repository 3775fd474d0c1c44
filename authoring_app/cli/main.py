"""The `authoring-app` command: the desktop app with no command, or one of the commands of
each area (library.py, review.py, publish.py, sync.py), which call the same operations the
desktop app does."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from authoring_app import __version__
from authoring_app.cli import governance, library, publish, review, sync, withdraw
from authoring_app.cli.common import EXIT_PROBLEMS, CommandError


def cmd_gui(args) -> int:
    from authoring_app.gui.app import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the library to use (default: your own, made from the sample library on first run)",
    )
    parser = argparse.ArgumentParser(
        prog="authoring-app",
        description="Draft, review, sign off and publish harm-reduction answers. "
        "With no command, opens the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"authoring-app {__version__}")
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render a view offscreen to a PNG and exit"
    )
    parser.add_argument(
        "--view",
        choices=[
            "main",
            "review",
            "publish",
            "history",
            "try-emergency",
            "try-answer",
            "try-declined",
            "emergency-editor",
            "governance",
            "exception",
            "signoff",
            "telegram",
            "new-answer",
            "editor-service",
            "service-picker",
            "help",
        ],
        default="main",
        help="the view --screenshot renders",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        default="1400x900",
        help="the window size --screenshot renders at (default 1400x900)",
    )
    parser.add_argument("--lang", choices=["en", "ru"], help="the interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func)
        return p

    for area in (library, review, withdraw, governance, publish, sync):
        area.register(add)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "library"):
        args.library = None
    func = getattr(args, "func", cmd_gui)
    from answer_kit.minisign import SignatureError
    from authoring_app.library.library import LibraryError
    from authoring_app.review.keys import KeyStoreError

    try:
        return func(args)
    except (CommandError, LibraryError, KeyStoreError, SignatureError) as exc:
        print(f"authoring-app: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130

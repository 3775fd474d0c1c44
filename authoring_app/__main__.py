"""`python -m authoring_app` and the `authoring-app` command."""

import sys


def main(argv: list[str] | None = None) -> int:
    from authoring_app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())

"""Maintainer commands: ``python -m lrnotes fonts --source NotoSansCJK-Regular.ttc``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .fonts import build_subsets


def main(argv: list[str] | None = None) -> None:
    """Rebuild the Korean and Chinese font subsets (see :mod:`lrnotes.fonts`)."""
    parser = argparse.ArgumentParser(prog="python -m lrnotes")
    commands = parser.add_subparsers(dest="command", required=True)
    fonts = commands.add_parser("fonts", help="rebuild lrnotes/data/*-subset.otf")
    fonts.add_argument("--source", type=Path, required=True, help="NotoSansCJK-Regular.ttc")
    fonts.add_argument("--book", type=Path, default=Path("book"), help="the book/ folder")
    args = parser.parse_args(argv)
    build_subsets(args.source, args.book)


if __name__ == "__main__":
    main()

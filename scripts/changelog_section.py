"""Print the CHANGELOG.md section of one version, for the GitHub release notes (release.yml).

    python scripts/changelog_section.py 0.2.0 [--changelog CHANGELOG.md]

The section must exist and carry its release date (``## [0.2.0] - 2026-12-03``): exit 1 otherwise,
so a release is never published with empty or undated notes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?P<rest>.*)$", re.MULTILINE)
DATED = re.compile(r"^ - \d{4}-\d{2}-\d{2}\s*$")


def section(changelog: str, version: str) -> str:
    """The body of ``version``'s section, without its heading; ValueError when missing or undated."""
    headings = list(HEADING.finditer(changelog))
    for index, heading in enumerate(headings):
        if heading["version"] != version:
            continue
        if not DATED.match(heading["rest"]):
            raise ValueError(f"the CHANGELOG heading of {version} has no date: write '## [{version}] - YYYY-MM-DD'")
        end = headings[index + 1].start() if index + 1 < len(headings) else len(changelog)
        body = changelog[heading.end() : end]
        body = re.sub(r"^\[[^\]]+\]: \S+\s*$", "", body, flags=re.MULTILINE)  # link reference definitions
        text = body.strip()
        if not text:
            raise ValueError(f"the CHANGELOG section of {version} is empty")
        return text + "\n"
    raise ValueError(f"CHANGELOG.md has no section for {version} ('## [{version}] - YYYY-MM-DD')")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print one version's CHANGELOG section.")
    parser.add_argument("version")
    parser.add_argument("--changelog", type=Path, default=Path(__file__).resolve().parent.parent / "CHANGELOG.md")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(section(args.changelog.read_text(encoding="utf-8"), args.version.removeprefix("v")))
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"changelog_section: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

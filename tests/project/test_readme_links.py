"""The README is the package index page too, where relative links break."""

from __future__ import annotations

import re

from tests import paths

ROOT = paths.ROOT


def test_readme_links_are_absolute_and_point_at_files_of_this_repository() -> None:
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#", "mailto:"))]
    assert relative == []
    base = "https://github.com/golive-ci/golive-ci/blob/main/"
    ours = [t.removeprefix(base).split("#")[0] for t in targets if t.startswith(base)]
    assert ours and [t for t in ours if not ROOT.joinpath(t).exists()] == []

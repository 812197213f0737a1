"""What ``golive-ci ci`` is asked to do, as the command line and the Action give it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from golive_ci.config import Config


@dataclass
class CiOptions:
    path: Path
    config: Config
    fail_on: str = "error"
    comment: bool = True
    history: bool = True
    history_range: list[str] | None = None
    sarif_file: str = ""
    comment_author: str = ""
    stripe_api_base: str = ""  # a proxy, or a stand-in in tests (cli/ci.py checks the host)
    baseline: str | None = None  # --baseline FILE (default: config, else .golive-ci-baseline.json)
    use_baseline: bool = True
    new_only: bool = False
    verify_leaked_keys: bool = False
    language: str = "en"  # of the comment and the job summary; machine output never changes with it

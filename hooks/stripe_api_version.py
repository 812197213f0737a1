"""stripe-api-version: pinned Stripe API versions, webhook endpoint versions and SDK dependencies.

Runs offline and never imports the stripe SDK. pre-commit passes only the staged files; the two
repository-wide checks (a global version set in another file, pins that disagree across files)
read the other files' version settings with one ``git grep`` (see docs/api-versions.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from golive_ci.hook_runner import hook_parser, run_hook

API_VERSION_RULES = (
    "unpinned-api-version",
    "unknown-api-version",
    "outdated-api-version",
    "inconsistent-api-version",
    "webhook-endpoint-api-version",
    "unpinned-sdk",
    "outdated-sdk",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = hook_parser("Check Stripe API-version pinning, webhook endpoint versions and SDK dependencies.")
    args = parser.parse_args(argv)
    return run_hook(args, API_VERSION_RULES)


if __name__ == "__main__":
    raise SystemExit(main())

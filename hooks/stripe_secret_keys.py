"""stripe-secret-keys: refuse a commit that adds a Stripe secret key or webhook signing secret."""

from __future__ import annotations

from collections.abc import Sequence

from golive_ci.hook_runner import hook_parser, run_hook


def main(argv: Sequence[str] | None = None) -> int:
    parser = hook_parser("Refuse Stripe secret keys, restricted keys and webhook secrets in commits.")
    args = parser.parse_args(argv)
    return run_hook(args, ["secret-key"])


if __name__ == "__main__":
    raise SystemExit(main())

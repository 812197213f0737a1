"""The secret-key detector as a detect-secrets plugin, for teams that keep detect-secrets.

    detect-secrets scan --plugin "$(python -m golive_ci.integrations.detect_secrets_plugin)"

Running this module prints its own file path, which is what ``--plugin`` takes.
It finds what golive-ci's ``secret-key`` rule finds (live, test, restricted and organization
keys and webhook signing secrets, whole keys, symmetric boundaries) and skips placeholders and
Stripe's public documentation keys.
"""

from __future__ import annotations

from collections.abc import Generator

from detect_secrets.plugins.base import RegexBasedDetector

from golive_ci.rules.secret_key import classify
from golive_ci.secrets import SECRET_RE


class GoLiveStripeDetector(RegexBasedDetector):
    """Stripe secret keys, restricted keys, organization keys and webhook signing secrets."""

    secret_type = "Stripe Secret (golive-ci)"
    denylist = (SECRET_RE,)

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        for match in SECRET_RE.finditer(string):
            classified = classify(match.group(0))
            if classified is not None and classified[0] not in ("docs", "other-webhook"):
                yield match.group(0)


if __name__ == "__main__":
    print(__file__)

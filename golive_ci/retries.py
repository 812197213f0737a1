"""Automatic network retries of the Stripe SDKs: how each language switches them off, and which SDK
releases retry nothing unless told to (data for the rule ``sdk-retries``).

Defaults, from the SDKs' own sources and changelogs:

- stripe-python: ``stripe.max_network_retries`` is 0 up to 10.x (``StripeClient``, new in 8.0, falls
  back to it); 2 from 11.0.0 for both the module and ``StripeClient``.
- stripe-node: ``maxNetworkRetries`` is 0 before 13.0.0; 1 from 13.0.0 (stripe-node PR #1803, "one
  network retry by default").
- stripe-dotnet retries twice by default since 2020 (PR #2006); stripe-go, stripe-ruby, stripe-php and
  stripe-java are only checked for an explicit 0 here.
"""

from __future__ import annotations

from golive_ci.parsing import lazy_pattern

# The first major whose default is above zero, per program (golive_ci.versions.facts.program_of); how
# code sets the option is each language profile's ``network_retries_setting``.
FIRST_RETRYING_MAJOR: dict[str, int] = {"python": 11, "node": 13}
DEFAULT_RETRIES: dict[str, int] = {"python": 2, "node": 1}

# Retries switched off: a literal 0 given to the setting, in any SDK's spelling.
EXPLICIT_ZERO = lazy_pattern(
    r"""(?:\bmax_network_retries['"]?\s*(?:=>|=|:)\s*|\bmaxNetworkRetries['"]?\s*[:=]\s*"""
    r"""|\bMaxNetworkRetries\s*[:=]\s*(?:stripe\.Int64\(\s*)?|\b[sS]etMaxNetworkRetries\(\s*)0(?![\d.xX])"""
)
# Any mention of the setting: a program that names it is assumed to configure it.
MENTIONS_SETTING = lazy_pattern(r"(?i)max_?network_?retries")
RETRY_NEEDLES: tuple[bytes, ...] = (b"etwork_retries", b"etworkRetries", b"ETWORK_RETRIES")
COMMENT_STARTS = ("//", "#", "*", "/*")

"""Logging calls and the values they print, for ``sensitive-log``, in every supported language.

- :mod:`.loggers`: which calls write to a log, the console or a standard stream;
- :mod:`.paths`: the access paths (``request.body``, ``os.environ["STRIPE_SECRET_KEY"]``) in their arguments;
- :mod:`.flow`: which names hold a payload or an event, per function;
- :mod:`.sensitive`: which of those values are a secret, a payload or card data.
"""

from __future__ import annotations

from golive_ci.facts import fact
from golive_ci.lang import code_languages
from golive_ci.logging_calls.flow import (
    GENERATED_VALUE,
    Taint,
    body_parameters,
    field_of_converted,
    function_name,
    returned,
    scope_key,
)
from golive_ci.logging_calls.loggers import LOG_METHODS, is_log_call, logged_arguments, receiver_segments
from golive_ci.logging_calls.paths import ACCESSOR_CALLS, AccessPath, Segment, access_paths, path_segments
from golive_ci.syntax import Call, calls

TYPE_CHECKING = False
if TYPE_CHECKING:
    from golive_ci.sourcefile import SourceFile

__all__ = [
    "ACCESSOR_CALLS",
    "GENERATED_VALUE",
    "LOG_METHODS",
    "AccessPath",
    "Segment",
    "Taint",
    "access_paths",
    "body_parameters",
    "field_of_converted",
    "function_name",
    "is_log_call",
    "log_calls",
    "logged_arguments",
    "path_segments",
    "receiver_segments",
    "returned",
    "scope_key",
]


@fact("logging calls", languages=code_languages())
def log_calls(source: SourceFile) -> list[Call]:
    """The calls of ``source`` that write to a log, the console or a standard stream. Raises ParseError."""
    return [call for call in calls(source) if is_log_call(call, source.language)]

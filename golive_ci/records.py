"""Value classes for the modules every run imports, without ``dataclasses``.

Importing ``dataclasses`` pulls in ``inspect`` (with ``ast``, ``dis`` and ``tokenize``), and each
class it builds compiles generated code: about 12 ms together, as much as a pre-commit hook's
whole scan of five files (measured in ``bench/``). The classes on that path derive from
:class:`Record` instead: fields are ``__slots__``, and equality, ``repr`` and :meth:`replace`
come from them. Modules off the start-up path keep using ``dataclasses``.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Self


class Record:
    """Subclasses list their fields in ``__slots__`` (in constructor order) and write ``__init__``
    taking each field as a keyword; ``_uncompared`` names the fields equality ignores."""

    __slots__ = ()
    _uncompared: frozenset[str] = frozenset()
    # The fields, when some are properties over private slots (else the slots are the fields).
    _fields: tuple[str, ...] = ()

    def _field_names(self) -> tuple[str, ...]:
        return self._fields or self.__slots__

    def _compared_values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._field_names() if name not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._compared_values() == other._compared_values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:  # raises for records holding lists, as unhashable values do
        return hash(self._compared_values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._field_names())
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied, like ``dataclasses.replace``."""
        values = {name: getattr(self, name) for name in self._field_names()}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(sorted(unknown))}")
        return type(self)(**(values | changes))

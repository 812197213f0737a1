"""Facts: what a file says, worked out once per file and shared by every rule of a run.

A :class:`Fact` is a typed key: ``CALLS.of(source)`` computes the file's calls the first time any
rule asks and answers from the file's store after that. The store lives on the
:class:`~golive_ci.sourcefile.SourceFile` (its ``facts``), keyed by the Fact object itself, so
two modules cannot clash over a name and a reader sees what type the value has. Facts are never
sent between processes: a pooled scan computes them where it reads the file.

A fact also says which files it can say anything about: ``needles`` (one of these byte strings
must be in the file, empty: any file) and ``languages`` (None: any file). A rule that declares
the facts it reads (``Rule.facts``) gets its needles and languages from them
(:func:`needles_of`, :func:`languages_of`). :mod:`golive_ci.facts.catalog` lists the facts.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, Generic, TypeVar

    from golive_ci.sourcefile import SourceFile

    T = TypeVar("T")

    class _Typed(Generic[T]):
        pass

else:  # no ``typing`` at run time: a hook's start-up cannot afford it

    class _Typed:
        __slots__ = ()

        def __class_getitem__(cls, item: object) -> type:
            return cls

    T = object


class Fact(_Typed[T]):
    """One fact of a file: ``name`` says what it is, ``compute`` works it out from the file."""

    __slots__ = ("compute", "languages", "name", "needles")

    def __init__(
        self,
        name: str,
        compute: Callable[[SourceFile], T],
        *,
        needles: tuple[bytes, ...] = (),
        languages: frozenset[str] | None = None,
    ) -> None:
        self.name = name
        self.compute = compute
        self.needles = needles
        self.languages = languages

    def __repr__(self) -> str:
        return f"Fact({self.name!r})"

    def of(self, source: SourceFile) -> T:
        """The fact for ``source``, computed on the first question. What ``compute`` raises
        (a :class:`ParseError`) is not kept: the next question computes again."""
        try:
            return source.facts[self]
        except KeyError:
            pass
        value = source.facts[self] = self.compute(source)
        return value

    __call__ = of

    def __reduce__(self) -> object:
        raise TypeError(f"{self!r}: facts belong to one process's files and are never sent to another")

    def __copy__(self) -> Fact[T]:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Fact[T]:
        return self

    def known(self, source: SourceFile) -> bool:
        """Whether the fact was already worked out for ``source``."""
        return self in source.facts


def fact(
    name: str, *, needles: tuple[bytes, ...] = (), languages: frozenset[str] | None = None
) -> Callable[[Callable[[SourceFile], T]], Fact[T]]:
    """Make the decorated function a :class:`Fact`: calling it computes once per file."""

    def make(compute: Callable[[SourceFile], T]) -> Fact[T]:
        return Fact(name, compute, needles=needles, languages=languages)

    return make


def per_file(name: str) -> Fact[dict[Any, Any]]:
    """A fact that starts empty: a per-file memo its module fills as questions come."""
    return Fact(name, _empty)


def _empty(source: SourceFile) -> dict[Any, Any]:
    return {}


def needles_of(facts: Iterable[Fact[Any]]) -> tuple[bytes, ...]:
    """The byte strings one of which a file must hold for one of ``facts`` to say anything
    (in order, without repeats); empty when one of them reads any file."""
    found: dict[bytes, None] = {}
    for one in facts:
        if not one.needles:
            return ()
        found.update(dict.fromkeys(one.needles))
    return tuple(found)


def languages_of(facts: Iterable[Fact[Any]]) -> frozenset[str] | None:
    """The languages ``facts`` read; None when one of them reads any file."""
    found: set[str] = set()
    for one in facts:
        if one.languages is None:
            return None
        found |= one.languages
    return frozenset(found)

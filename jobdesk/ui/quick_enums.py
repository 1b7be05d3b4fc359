"""PySide6's enums, made the quicker way the standard library makes its own.

PySide6 makes a Python enum for each enum of a Qt class the first time the
class is used: about 300 before the first board is painted. It makes them
with the enum module's functional API (``IntEnum("Shape", [("NoFrame", 0),
...])``), where ``EnumType.__new__`` checks member by member what a list of
names and numbers cannot get wrong: on Python 3.11 to 3.13, 0.2 ms an enum
and 0.3 ms a flag. The standard library makes its own enums at import with
``enum._simple_enum``, which builds the same class without those checks in
35 to 65 % of the time. The 182 enums made after QtCore's own, up to the
first paint, took 28 to 30 ms the usual way and 17 to 21 ms the quick way
(median of six runs each: 29 and 18 ms).

Only lists of distinct (name, number) pairs for the four basic enum types
take the quick way, and only when no name is one the enum module treats
specially; anything else goes the usual way. Python checks its own quick
enums against the usual ones (``enum._test_simple_enum``); this program's
tests check that every enum of QtCore, QtGui and QtWidgets comes out the
same either way, and so does any list of names and numbers
(tests/unit/test_quick_enums.py).
"""

from __future__ import annotations

import builtins
import contextlib
import enum
import sys
from typing import Any

#: The enum types whose functional-API classes ``enum._simple_enum`` can make.
_BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)

_usual_create = enum.EnumType._create_  # type: ignore[attr-defined]

#: Names a member cannot take the quick way: those of the type's own attributes
#: ("name", "value", int's "real"...), and "mro", which the usual way refuses.
_TAKEN = {
    base: frozenset(name for cls in base.__mro__ for name in vars(cls)) | {"mro"} for base in _BASES
}


def _is_pairs(names: object) -> bool:
    """Whether *names* is a list or tuple of distinct (name, int) pairs, all plain names."""
    if not isinstance(names, (list, tuple)):
        return False
    seen = set()
    for pair in names:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and pair[0].isidentifier()
            and not pair[0].startswith("_")  # the enum module's own (_sunder_) names
            and type(pair[1]) is int
        ):
            return False
        seen.add(pair[0])
    return len(seen) == len(names)


def _create_quickly(
    cls: Any,
    class_name: str,
    names: Any = None,
    *,
    module: str | None = None,
    qualname: str | None = None,
    type: Any = None,  # the functional API's own name
    start: int = 1,
    boundary: Any = None,
) -> Any:
    """``EnumType._create_`` (the functional API's maker): quick where it makes the same enum."""
    if module is None:  # as the functional API finds it: the caller's module
        with contextlib.suppress(AttributeError, KeyError, ValueError):
            module = sys._getframe(2).f_globals["__name__"]
    if (
        cls not in _BASES
        or type is not None
        or module is None
        or not _is_pairs(names)
        or not _TAKEN[cls].isdisjoint(name for name, _ in names)
    ):
        return _usual_create(
            cls,
            class_name,
            names,
            module=module,
            qualname=qualname,
            type=type,
            start=start,
            boundary=boundary,
        )
    body: dict[str, Any] = dict(names)
    body["__module__"] = module
    if qualname is not None:
        body["__qualname__"] = qualname
    make = enum._simple_enum(cls, boundary=boundary)  # type: ignore[attr-defined]
    made = make(builtins.type(class_name, (), body))
    made.__doc__ = None  # as the functional API leaves it; _simple_enum writes "An enumeration."
    # Before 3.13 _simple_enum puts a property in the class for each member,
    # where the usual way puts the member itself: 0.7 MB more for Qt's 6,000
    # members, and each lookup a call. (EnumType refuses to reassign a member.)
    for name, member in made._member_map_.items():
        builtins.type.__setattr__(made, name, member)
    return made


def make_enums_quickly() -> None:
    """From now on, make functional-API enums of (name, value) pairs the quick way.

    Harmless to call again; does nothing on a Python without ``_simple_enum``.
    """
    if hasattr(enum, "_simple_enum") and enum.EnumType._create_ is _usual_create:  # type: ignore[attr-defined]
        enum.EnumType._create_ = _create_quickly  # type: ignore[attr-defined]

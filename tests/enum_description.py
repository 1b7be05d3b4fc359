"""Describing an enum class, to compare two ways of making it (tests/unit/test_quick_enums.py).

Imports nothing of jobdesk: importing ``jobdesk.ui`` would change how enums
are made in the process that describes them.
"""

from __future__ import annotations

import enum
from typing import Any


def describe(made: Any) -> dict[str, Any]:
    """What a person or PySide6 can see of an enum class: members, behaviour, internals."""
    members = list(made)
    described: dict[str, Any] = {
        "module": made.__module__,
        "qualname": made.__qualname__,
        "doc": made.__doc__,
        "mro": [cls.__qualname__ for cls in made.__mro__],
        "members": [(m.name, repr(m), str(m), format(m), m.value) for m in members],
        "names": [(name, member.name) for name, member in made.__members__.items()],
        "attributes": sorted(vars(made)),
        # What the class itself holds under each member's name (a member, or a property).
        "entries": {name: type(vars(made).get(name)).__name__ for name in made.__members__},
        "internals": {
            name: repr(getattr(made, name, None))
            for name in (
                "_boundary_",
                "_flag_mask_",
                "_all_bits_",
                "_singles_mask_",
                "_inverted_",
                "_use_args_",
                "_member_type_",
                "_value_repr_",
                "_unhashable_values_",
            )
        },
    }
    if members and issubclass(made, enum.Flag):
        first, last = members[0], members[-1]
        described["operators"] = [
            repr(first | last),
            repr(~first),
            repr(first & last),
            repr(first ^ last),
            [m.name for m in first | last],
        ]
    for value in (12345677, 0, -3):
        try:
            described[f"of {value}"] = repr(made(value))
        except (ValueError, TypeError) as error:
            described[f"of {value}"] = type(error).__name__
    return described

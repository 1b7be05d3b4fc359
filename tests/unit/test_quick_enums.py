"""Enums made the quick way (jobdesk.ui.quick_enums) must be the enums the usual way makes."""

from __future__ import annotations

import enum
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobdesk.ui.quick_enums import _create_quickly, _usual_create, make_enums_quickly
from tests.enum_description import describe

# Run in a fresh interpreter, with or without the quick way: every enum of
# every class of QtCore, QtGui and QtWidgets, described as a JSON object.
DESCRIBE_EVERY_PYSIDE6_ENUM = """
import enum, json, sys
from tests.enum_description import describe
if sys.argv[1] == "quick":
    from jobdesk.ui.quick_enums import make_enums_quickly
    make_enums_quickly()
from PySide6 import QtCore, QtGui, QtWidgets
# Most classes, and their enums, are made on first use: from here on.
made_quickly = 0
simple_enum = enum._simple_enum
def counted(*args, **kwargs):
    global made_quickly
    made_quickly += 1
    return simple_enum(*args, **kwargs)
enum._simple_enum = counted
enums = {}
for module in (QtCore, QtGui, QtWidgets):
    for name in dir(module):
        holder = getattr(module, name)
        if isinstance(holder, type):
            for attribute, value in list(vars(holder).items()):
                if isinstance(value, enum.EnumType):
                    enums[f"{module.__name__}.{name}.{attribute}"] = describe(value)
print(json.dumps({"made_quickly": made_quickly, "enums": enums}, sort_keys=True, default=repr))
"""


def every_pyside6_enum(way: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", DESCRIBE_EVERY_PYSIDE6_ENUM, way],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    dumped: dict[str, Any] = json.loads(result.stdout)
    return dumped


def test_every_enum_of_qt_widgets_comes_out_the_same_either_way() -> None:
    usual, quick = every_pyside6_enum("usual"), every_pyside6_enum("quick")

    assert usual["made_quickly"] == 0
    assert quick["made_quickly"] >= 400  # all those made on first use took the quick way
    assert len(usual["enums"]) >= 600
    assert quick["enums"] == usual["enums"]


def test_installing_twice_keeps_one_quick_way() -> None:
    make_enums_quickly()
    make_enums_quickly()

    assert enum.EnumType._create_ is _create_quickly


KINDS = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
member_names = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,7}", fullmatch=True)
member_values = st.one_of(
    st.integers(min_value=-4, max_value=40), st.sampled_from([1 << 31, 1 << 40, 0x7FFFFFFF])
)


def made_or_refused(way: Any, kind: Any, pairs: Any, **options: Any) -> dict[str, Any] | str:
    try:
        return describe(way(kind, "Made", pairs, module=__name__, qualname="Made", **options))
    except (TypeError, ValueError) as error:
        return f"{type(error).__name__}: {error}"


@given(
    kind=st.sampled_from(KINDS),
    pairs=st.lists(st.tuples(member_names, member_values), max_size=12, unique_by=lambda p: p[0]),
    boundary=st.sampled_from([None, enum.KEEP, enum.STRICT, enum.CONFORM]),
)
def test_a_list_of_names_and_numbers_makes_the_same_enum(
    kind: Any, pairs: list[tuple[str, int]], boundary: Any
) -> None:
    # Aliases (one number, two names), zero, negative and wide numbers included.
    usual = made_or_refused(_usual_create, kind, pairs, boundary=boundary)
    quick = made_or_refused(_create_quickly, kind, pairs, boundary=boundary)

    assert quick == usual


@pytest.mark.parametrize(
    "names",
    [
        "Red Green Blue",
        ["Red", "Green"],
        {"Red": 1, "Green": 2},
        [("Red", 1), ("Red", 2)],  # a name twice: refused, as the usual way refuses it
        [("Red", "crimson")],  # not a number
        [("_sunder_", 1)],
        [("_private", 1)],
        [("mro", 1)],  # refused by the usual way
        [("", 1)],
        [("two words", 1)],
        [("name", 1), ("value", 2)],  # names of the members' own attributes
    ],
)
def test_anything_but_distinct_names_and_numbers_goes_the_usual_way(names: Any) -> None:
    usual = made_or_refused(_usual_create, enum.Enum, names)
    quick = made_or_refused(_create_quickly, enum.Enum, names)

    assert quick == usual

"""The sentence analysis' lazily computed parts (no database)."""

from __future__ import annotations

import pytest

from tracker.extract.context import computed_once


def test_computed_once_stores_the_value_under_its_own_name_and_does_not_keep_a_failure() -> None:
    calls: list[str] = []

    def count(self: object) -> int:
        calls.append("count")
        if len(calls) == 1:
            raise ValueError("first try fails")
        return len(calls)

    class Thing:
        total = computed_once(count)  # assigned under another name than the function's

    thing = Thing()
    with pytest.raises(ValueError):
        _ = thing.total
    assert thing.total == 2 and thing.total == 2  # computed again after the failure, then kept
    assert vars(thing) == {"total": 2}
    assert isinstance(Thing.total, computed_once)

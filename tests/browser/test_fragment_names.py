"""A fragment naming a property every JavaScript object has (``#node=__proto__``) is a node that is not there."""

from __future__ import annotations

import pytest

from tests.browser.conftest import load_view

NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]


@pytest.mark.parametrize("key", ["node", "item", "hide", "off"])
@pytest.mark.parametrize("name", NAMES)
def test_an_inherited_name_in_the_fragment_is_ignored(open_page, key, name):
    loaded = open_page(load_view("small"), fragment=f"#{key}={name}")
    assert loaded.errors == []
    stats = loaded.evaluate("window.kgStats")
    assert stats["visibleNodes"] == stats["nodes"]  # nothing focused, hidden or broken
    assert loaded.evaluate("window.kgNetwork.getSelectedNodes()") == []

"""Word lists as prefix-tree regexes: one character test per branch instead of one per word."""
from __future__ import annotations

import re
from typing import Sequence


def trie_pattern(words: Sequence[str]) -> str:
    """An alternation shaped as a prefix tree: the engine tests one character per branch
    instead of every word at every position (longest word first at each branch)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(trie) or "(?!)"

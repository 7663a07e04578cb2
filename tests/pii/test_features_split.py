"""The one-pass chunk split of ``features.tokens`` gives the chunks and the gaps between them
exactly as ``findall`` and ``split`` of the chunk pattern do."""
from __future__ import annotations

import pytest

from flexorch_beam.pii import features


@pytest.mark.parametrize("text", [
    "", " ", "word", " lead", "trail ", "two  spaces", "a \n\nb", "tab\tand\u00a0nbsp",
    "\n\n start and end \n", "x \u2028 y\u3000z", "  \t  ",
])
def test_one_split_gives_the_chunks_and_the_gaps(text):
    parts = features._CHUNK_SPLIT.split(text)
    assert parts[1::2] == features._CHUNK.findall(text)
    assert parts[::2] == features._CHUNK.split(text)
    assert "".join(parts) == text

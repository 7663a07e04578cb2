"""The tagger's token rows for a text, tokenized exactly as spaCy's tokenizer does, cached per
whitespace-separated chunk.

Why: spaCy's tokenizer splits a text at whitespace first and tokenizes each chunk on its own
(``Tokenizer._tokenize_affixes``), and the model's first layers (hash embeddings + mixer) read
a token's own text only (NORM, PREFIX, SUFFIX, SHAPE). So a chunk's tokens and their mixer
rows are a function of the chunk: computed once, by spaCy's own tokenizer and the model's own
layers, and reused for every later occurrence. Building a spaCy Doc per text (and a lexeme
for every new word, which spaCy keeps for the life of the process) was half the model's cost.

Bounded: at most MAX_ROWS cached rows and MAX_CHUNKS chunks; past either, the cache and the
tokenizer's vocabulary start afresh (the tokenizer is reloaded from the model's files). The
cache holds chunks of recent documents in this process's memory only, as spaCy's own string
store did; nothing is written or logged.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import numpy as np

MAX_ROWS = 50_000  # x width 64 x 4 bytes: 12.8 MB
MAX_CHUNKS = 50_000
# str.isspace() runs (spaCy's split), checked equal to \s over every code point by a test
_CHUNK = re.compile(r"\S+|\s+")


class ChunkFeatures:
    """Tokens and mixer rows of texts, through a cache keyed by whitespace-separated chunk."""

    def __init__(self, path: Path, lang: str, columns: list[int],
                 embed: Callable[[np.ndarray], np.ndarray]) -> None:
        from spacy.attrs import IDX, LENGTH

        self.path = Path(path)
        self.lang = lang
        self.columns = list(columns)
        self.embed = embed  # attribute ids (tokens x columns) -> mixer rows (tokens x width)
        self._offset_attrs = [IDX, LENGTH]
        self.rows: np.ndarray | None = None
        self.reset()

    def reset(self) -> None:
        """Forget every cached chunk; a fresh tokenizer (its vocabulary grows with each new
        word it sees)."""
        import spacy

        nlp = spacy.blank(self.lang)
        nlp.vocab.from_disk(self.path / "vocab")
        nlp.tokenizer.from_disk(self.path / "tokenizer")
        self.tokenizer = nlp.tokenizer
        self.cache: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {}
        self.used = 0

    def tokens(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(mixer rows, token starts, token ends, token is whitespace) of ``text``."""
        chunks = []  # (chunk, offset, is space)
        for m in _CHUNK.finditer(text):
            chunk, start = m.group(), m.start()
            if chunk[0].isspace():
                if chunk[0] == " ":  # one space after a word belongs to that word
                    if len(chunk) == 1 or start == 0:
                        if start == 0:  # spaCy keeps a leading space as a token
                            chunks.append((chunk, start, True))
                        continue
                    chunk, start = chunk[1:], start + 1
                chunks.append((chunk, start, True))
            else:
                chunks.append((chunk, start, False))
        if len(self.cache) + len(chunks) > MAX_CHUNKS or \
                self.rows is not None and self.used + len(text) > len(self.rows):
            self.reset()
        missing = {c for c, _, _ in chunks if c not in self.cache}
        if missing:
            self._add(missing, len(text))
        cache = self.cache
        rows: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        counts: list[int] = []
        spaces: list[bool] = []
        for chunk, start, is_space in chunks:
            index, begin, end = cache[chunk]
            rows.extend(index)
            starts.extend(begin)
            ends.extend(end)
            counts.append(len(index))
        offsets = np.repeat(np.fromiter((s for _, s, _ in chunks), dtype=np.int64, count=len(chunks)),
                            counts)
        spaces = np.repeat(np.fromiter((w for _, _, w in chunks), dtype=bool, count=len(chunks)),
                           counts)
        if not rows or self.rows is None:
            matrix = np.zeros((0, 0), dtype=np.float32)
        else:
            matrix = self.rows[np.asarray(rows, dtype=np.int64)]
        return (matrix, np.asarray(starts, dtype=np.int64) + offsets,
                np.asarray(ends, dtype=np.int64) + offsets, spaces)

    def _add(self, missing: set[str], text_length: int) -> None:
        """Tokenize and embed the chunks not cached: words in one spaCy call (joined by single
        spaces, which spaCy splits on first, so each chunk tokenizes as it would alone),
        whitespace runs one by one (a space inside one would change it)."""
        words = sorted(c for c in missing if not c[0].isspace())
        docs = [(" ".join(words), words)] if words else []
        docs += [(c, [c]) for c in sorted(missing) if c[0].isspace()]
        for joined, parts in docs:
            doc = self.tokenizer(joined)
            if not len(doc):
                for part in parts:
                    self.cache[part] = ((), (), ())
                continue
            ids = doc.to_array(self.columns)
            where = doc.to_array(self._offset_attrs).astype(np.int64).reshape(len(doc), 2)
            embedded = self.embed(ids)
            self._store(embedded, text_length)
            first = self.used - len(embedded)
            bases = np.cumsum([0] + [len(p) + 1 for p in parts[:-1]])
            owner = np.searchsorted(bases, where[:, 0], side="right") - 1
            cut = np.searchsorted(owner, np.arange(len(parts) + 1), side="left")
            for k, part in enumerate(parts):
                a, b = int(cut[k]), int(cut[k + 1])
                starts = where[a:b, 0] - bases[k]
                self.cache[part] = (tuple(range(first + a, first + b)), tuple(starts.tolist()),
                                    tuple((starts + where[a:b, 1]).tolist()))

    def _store(self, embedded: np.ndarray, text_length: int) -> None:
        if self.rows is None or self.rows.shape[1] != embedded.shape[1] or \
                len(self.rows) < max(MAX_ROWS, 2 * text_length):
            rows = np.zeros((max(MAX_ROWS, 2 * text_length), embedded.shape[1]), dtype=np.float32)
            if self.rows is not None and self.rows.shape[1] == embedded.shape[1]:
                rows[: self.used] = self.rows[: self.used]
            self.rows = rows
        self.rows[self.used : self.used + len(embedded)] = embedded
        self.used += len(embedded)

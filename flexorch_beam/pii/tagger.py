"""The project's own PERSON/ADDRESS model (EN/TR/DE), run as plain numpy over a document.

Why: a statistical model finds names and addresses written in running prose, which cue and
gazetteer rules cannot; but a spaCy pipeline call costs milliseconds of framework overhead
per text, more than all of the detector's rules together. The model is therefore a token
tagger (IOB tags over spaCy's multi-language tokenizer) whose forward pass - four hash
embeddings, a maxout mixer, a residual window-CNN, a linear output - is a handful of numpy
operations over every token of the document at once.

The weights ship in ``data/ner_model`` (a spaCy pipeline directory: blank ``xx`` tokenizer +
``tagger``), trained by ``training/pii_ner/train.py`` on sentences from the project's own
templates filled with Faker values (see ``data/ner_model/README.md``). spaCy loads the files
and tokenizes; thinc's hash function maps features to rows, so the forward pass is the one the
model was trained with (a test compares it with spaCy's own prediction). Nothing is
downloaded; no text is logged.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "data" / "ner_model"
Span = tuple[str, int, int, float]
_lock = threading.Lock()


def _maxout(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``W``: (inputs, 3 * outputs) with the three pieces in blocks; see :func:`_flat`."""
    Y = X @ W
    Y += b
    n = W.shape[1] // 3
    return np.maximum(np.maximum(Y[:, :n], Y[:, n : 2 * n]), Y[:, 2 * n :])


def _flat(W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """thinc's Maxout weights (outputs, pieces, inputs) as one contiguous input-major matrix
    whose columns hold piece 0 of every output, then piece 1, then piece 2."""
    n_out, pieces, n_in = W.shape
    if pieces != 3:
        raise ValueError("the model's maxout layers have 3 pieces")
    flat = W.transpose(1, 0, 2).reshape(pieces * n_out, n_in).T
    return np.ascontiguousarray(flat), np.ascontiguousarray(b.T.reshape(-1))


def _layernorm(X: np.ndarray, G: np.ndarray, b: np.ndarray) -> np.ndarray:
    X = X - X.mean(axis=1, keepdims=True)
    scale = G / np.sqrt(np.einsum("ij,ij->i", X, X) / X.shape[1] + 1e-08)[:, None]
    X *= scale
    X += b
    return X


def _window(X: np.ndarray) -> np.ndarray:
    """[previous, this, next] token vectors side by side (zeros past either end)."""
    n, width = X.shape
    out = np.zeros((n, 3 * width), dtype=X.dtype)
    out[1:, :width] = X[:-1]
    out[:, width : 2 * width] = X
    out[:-1, 2 * width :] = X[1:]
    return out


@lru_cache(maxsize=1)
def _blas():  # noqa: ANN202 - threadpoolctl.ThreadpoolController
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_blas_thread():  # noqa: ANN202 - a context manager
    """BLAS on one thread for the forward pass: its matrices are small (tokens x 192), and
    OpenBLAS's worker threads, woken for a few dozen rows, stall for tens of milliseconds on
    a busy machine (measured: 1.4 ms vs 46 ms per sentence under load)."""
    return _blas().limit(limits=1, user_api="blas")


def _in_order(node):  # noqa: ANN001, ANN202 - thinc.Model
    """The model's layers depth first, in the order the forward pass runs them (thinc's
    ``walk`` is breadth first, which interleaves the residual blocks' layers)."""
    yield node
    for layer in node.layers:
        yield from _in_order(layer)


class Tagger:
    """The tokenizer, the weights and the labels of a trained ``tagger`` pipeline."""

    def __init__(self, path: Path = MODEL_DIR) -> None:
        import spacy
        from spacy.attrs import IDS
        from thinc.api import NumpyOps

        nlp = spacy.load(path)
        self.nlp = nlp
        self.tokenizer = nlp.tokenizer
        pipe = nlp.get_pipe("tagger")
        self.labels = tuple(pipe.labels)
        for label in self.labels:  # the shipped string store is empty (no training words)
            nlp.vocab.strings.add(label)
        self._hash = NumpyOps().hash
        nodes = list(_in_order(pipe.model))
        embed_node = next(n for n in nodes if n.name == "extract_features")
        self.columns = [IDS[c] if isinstance(c, str) else c for c in embed_node.attrs["columns"]]
        self.embeds = [(n.get_param("E"), int(n.attrs["seed"]), int(n.attrs["column"]))
                       for n in nodes if n.name == "hashembed"]
        maxouts = [_flat(n.get_param("W"), n.get_param("b")) for n in nodes if n.name == "maxout"]
        norms = [(n.get_param("G"), n.get_param("b")) for n in nodes if n.name == "layernorm"]
        self.mixer = maxouts[0] + norms[0]
        self.encoders = [m + g for m, g in zip(maxouts[1:], norms[1:])]
        soft = next(n for n in nodes if n.name == "softmax")
        self.output = (np.ascontiguousarray(soft.get_param("W").T), soft.get_param("b"))

    def scores(self, doc) -> np.ndarray:  # noqa: ANN001 - spacy.tokens.Doc
        """Per-token label scores (before softmax) for a tokenized text."""
        ids = doc.to_array(self.columns).astype("uint64").reshape(len(doc), -1)
        parts = []
        for table, seed, column in self.embeds:
            keys = self._hash(np.ascontiguousarray(ids[:, column]), seed) % table.shape[0]
            parts.append(table[keys].sum(axis=1))
        W, b, G, gb = self.mixer
        X = _layernorm(_maxout(np.concatenate(parts, axis=1), W, b), G, gb)
        # thinc runs the encoder on the tokens between `depth` rows of zeros either side
        # (its receptive field); the residual blocks change those rows too, so they are kept
        pad = np.zeros((len(self.encoders), X.shape[1]), dtype=X.dtype)
        X = np.concatenate([pad, X, pad])
        for W, b, G, gb in self.encoders:
            X = X + _layernorm(_maxout(_window(X), W, b), G, gb)
        X = X[len(pad) : len(X) - len(pad)]
        W, b = self.output
        return X @ W + b

    def spans(self, text: str) -> list[Span]:
        """(label, start, end, probability) of the entities the tags spell out in ``text``;
        the probability is the least sure of its tokens' (softmax of the tag scores)."""
        doc = self.tokenizer(text)
        if not len(doc):
            return []
        with _one_blas_thread():
            scores = self.scores(doc)
        top = scores.max(axis=1, keepdims=True)
        logp = scores - top - np.log(np.exp(scores - top).sum(axis=1, keepdims=True))
        tags = self._repair(logp, logp.argmax(axis=1))
        sure = np.exp(logp[np.arange(len(tags)), tags])
        out: list[list] = []
        current: list | None = None
        for token, tag, p in zip(doc, tags, sure):
            label = self.labels[tag]
            if label == "O" or token.is_space:
                current = None
                continue
            kind, _, entity = label.partition("-")
            if kind == "I" and current is not None and current[0] == entity:
                current[2] = token.idx + len(token.text)
                current[3] = min(current[3], float(p))
                continue
            current = [entity, token.idx, token.idx + len(token.text), float(p)]
            out.append(current)
        return [(label, start, end, p) for label, start, end, p in out]


    def _repair(self, logp: np.ndarray, tags: np.ndarray) -> np.ndarray:
        """Make the IOB sequence valid where an I- tag follows a token outside its entity:
        either that token opens the entity (B-) or the I- does, whichever costs the model
        less probability (one step of Viterbi, only where the greedy tags break)."""
        labels = self.labels
        inside = {i: labels.index("B-" + lab[2:]) for i, lab in enumerate(labels)
                  if lab.startswith("I-") and "B-" + lab[2:] in labels}
        outside = labels.index("O") if "O" in labels else -1
        for i in np.flatnonzero(np.isin(tags, list(inside))):
            begin = inside[tags[i]]
            if i > 0 and tags[i - 1] in (begin, tags[i]):
                continue
            if i > 0 and tags[i - 1] == outside and \
                    logp[i - 1, outside] - logp[i - 1, begin] < logp[i, tags[i]] - logp[i, begin]:
                tags[i - 1] = begin  # "Oluwaseun" (O, barely) before "Adeyemi" (I-PERSON)
            else:
                tags[i] = begin
        return tags


@lru_cache(maxsize=1)
def model() -> Tagger | None:
    """The shipped model, loaded once per process; None when its files are missing."""
    if not (MODEL_DIR / "config.cfg").exists():
        return None
    return Tagger(MODEL_DIR)


def spans(text: str) -> list[Span]:
    tagger = model()
    if tagger is None:
        return []
    with _lock:  # the tokenizer's caches are shared
        return tagger.spans(text)

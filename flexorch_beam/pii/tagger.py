"""The project's own PERSON/ADDRESS model (EN/TR/DE), run as plain numpy over a document.

Why: a statistical model finds names and addresses written in running prose, which cue and
gazetteer rules cannot; but a spaCy pipeline call costs milliseconds of framework overhead
per text, more than all of the detector's rules together. The model is therefore a token
tagger (IOB tags over spaCy's multi-language tokenizer) whose forward pass - four hash
embeddings, a maxout mixer, a residual window-CNN, a linear output - is a handful of numpy
operations over every token of the document at once.

The weights ship in ``data/ner_model`` (a spaCy pipeline directory: blank ``xx`` tokenizer +
``tagger``), trained by ``training/pii_ner/train.py`` on sentences from the project's own
templates filled with Faker values (see ``data/ner_model/README.md``). spaCy loads the files;
every width, depth, window, feature, seed and table size is read from the loaded model, so a
retrained model of the same family loads as it is. thinc's hash function maps features to
rows, so the forward pass is the one the model was trained with (a test compares it with
spaCy's own prediction). Nothing is downloaded; no text is logged.

Speed (``features.py``): the embedding and the mixer depend on a token's own text only, so
their output is cached per whitespace-separated chunk of text (spaCy tokenizes those one by
one too); spaCy's tokenizer runs only on chunks not seen recently.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from flexorch_beam.pii.features import ChunkFeatures

MODEL_DIR = Path(__file__).resolve().parent / "data" / "ner_model"
Span = tuple[str, int, int, float]
_lock = threading.Lock()
EMBED_BLOCK = 4096  # tokens per block of the embedding and mixer


def _flat(W: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """thinc's Maxout weights (outputs, pieces, inputs) as one contiguous input-major matrix
    whose columns hold piece 0 of every output, then piece 1, ...; and the piece count."""
    n_out, pieces, n_in = W.shape
    flat = W.transpose(1, 0, 2).reshape(pieces * n_out, n_in).T
    return np.ascontiguousarray(flat), np.ascontiguousarray(b.T.reshape(-1)), pieces


def _maxout(Y: np.ndarray, pieces: int) -> np.ndarray:
    """The largest of the ``pieces`` column blocks of ``Y`` (a new array)."""
    n = Y.shape[1] // pieces
    out = np.maximum(Y[:, :n], Y[:, n : 2 * n]) if pieces > 1 else Y[:, :n].copy()
    for k in range(2, pieces):
        np.maximum(out, Y[:, k * n : (k + 1) * n], out=out)
    return out


def _layernorm(X: np.ndarray, G: np.ndarray, b: np.ndarray) -> np.ndarray:
    """thinc's LayerNorm, in place on ``X`` (a fresh array)."""
    X -= np.add.reduce(X, axis=1, keepdims=True) * (1.0 / X.shape[1])
    var = np.einsum("ij,ij->i", X, X)
    var *= 1.0 / X.shape[1]
    var += 1e-08
    np.sqrt(var, out=var)
    X /= var[:, None]
    X *= G
    X += b
    return X


@lru_cache(maxsize=1)
def _blas() -> tuple:
    from threadpoolctl import ThreadpoolController

    return tuple(c for c in ThreadpoolController().lib_controllers if c.user_api == "blas")


class _OneBlasThread:
    """BLAS on one thread for the forward pass: its matrices are small (tokens x 192), and
    OpenBLAS's worker threads, woken for a few dozen rows, stall for tens of milliseconds on
    a busy machine (measured: 1.4 ms vs 46 ms per sentence under load). The libraries'
    own setters are called directly: threadpoolctl's ``limit`` costs ~15 us a call."""

    def __enter__(self) -> None:
        self.before = [(c, c.get_num_threads()) for c in _blas()]
        for c, n in self.before:
            if n != 1:
                c.set_num_threads(1)

    def __exit__(self, *exc: object) -> None:
        for c, n in self.before:
            if n != 1:
                c.set_num_threads(n)


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
        names = [n.name for n in nodes]
        for unsupported in ("staticvectors", "charembed", "lstm"):
            if any(unsupported in name for name in names):
                raise ValueError(f"the numpy forward pass has no {unsupported} layer")
        embed_node = next(n for n in nodes if n.name == "extract_features")
        self.columns = [IDS[c] if isinstance(c, str) else c for c in embed_node.attrs["columns"]]
        self.embeds = [(n.get_param("E"), int(n.attrs["seed"]), int(n.attrs["column"]))
                       for n in nodes if n.name == "hashembed"]
        maxouts = [_flat(n.get_param("W"), n.get_param("b")) for n in nodes if n.name == "maxout"]
        norms = [(n.get_param("G"), n.get_param("b")) for n in nodes if n.name == "layernorm"]
        windows = [int(n.attrs["window_size"]) for n in nodes if n.name == "expand_window"]
        if len(maxouts) != len(windows) + 1 or len(norms) != len(maxouts):
            raise ValueError("expected a maxout+layernorm mixer and window-CNN residual blocks")
        self.mixer = maxouts[0] + norms[0]
        self.width = width = int(norms[0][0].shape[0])
        # Each residual block reads [previous w, this, next w] tokens side by side: with the
        # token rows in one C-ordered matrix, that is 2w+1 consecutive rows, i.e. a strided
        # view (copied into one contiguous matrix per block, see encode). Each row ends with a
        # column of ones that carries the bias (on the middle token's block only, so the zero
        # rows past either end add nothing); layernorm's centring is a product with (I - 1/n) and its gain is scaled by
        # sqrt(n) to take the sum of squares as is.
        self.encoders = []
        for (W, b, pieces), (G, gb), w in zip(maxouts[1:], norms[1:], windows):
            tall = np.zeros(((2 * w + 1) * (width + 1), W.shape[1]), dtype=W.dtype)
            for k in range(2 * w + 1):
                tall[k * (width + 1) : k * (width + 1) + width] = W[k * width : (k + 1) * width]
            tall[w * (width + 1) + width] = b  # the bias on the middle token's ones column
            n_out = G.shape[0]
            center = (np.eye(n_out) - 1.0 / n_out).astype(W.dtype)
            self.encoders.append((tall, pieces, w, center, (G * np.sqrt(n_out)).astype(W.dtype),
                                  gb, np.asarray(n_out * 1e-08, dtype=W.dtype)))
        self.window = max(windows, default=0)
        # tokens either side whose rows reach a token's scores (depth x window): a token
        # with this many of its text's tokens either side is scored as within a longer text
        self.reach = sum(windows)
        # thinc runs the encoder on the tokens between `pad` rows of zeros either side (its
        # receptive field: depth x window); the residual blocks change those rows too
        encoder_node = next(n for n in nodes if n.name.startswith("with_array(residual"))
        self.pad = int(encoder_node.attrs.get("pad", sum(windows)))
        soft = next(n for n in nodes if n.name == "softmax")
        if soft.attrs.get("softmax_temperature", 1.0) != 1.0:
            raise ValueError("the output layer's temperature must be 1")
        Wout, bout = soft.get_param("W"), soft.get_param("b")
        self.output = np.ascontiguousarray(np.vstack([Wout.T, bout[None, :]]))
        outside = self.labels.index("O") if "O" in self.labels else -1
        self._outside = outside
        begin = {i: self.labels.index("B-" + lab[2:]) for i, lab in enumerate(self.labels)
                 if lab.startswith("I-") and "B-" + lab[2:] in self.labels}
        self._begin_of = begin
        self._is_inside = np.zeros(len(self.labels), dtype=bool)
        self._is_inside[list(begin)] = True
        self.features = ChunkFeatures(path, nlp.lang, self.columns, self.embed_rows)

    # -- the forward pass ------------------------------------------------------------------
    def embed_rows(self, ids: np.ndarray) -> np.ndarray:
        """Mixer output (tokens x width) for the tokens' attribute ids (tokens x columns), in
        blocks of EMBED_BLOCK tokens: a new chunk batch can hold tens of thousands of tokens,
        and temporaries that large cost more in page faults and cache misses than in
        arithmetic (measured: the mixer product of 100,000 rows at once took 2.5x the time of
        five blocks of 20,000)."""
        ids = ids.astype("uint64", copy=False).reshape(len(ids), -1)
        if len(ids) <= EMBED_BLOCK:
            return self._embed_block(ids)
        out = np.empty((len(ids), self.width), dtype=self.mixer[0].dtype)
        for start in range(0, len(ids), EMBED_BLOCK):
            out[start : start + EMBED_BLOCK] = self._embed_block(ids[start : start + EMBED_BLOCK])
        return out

    def _embed_block(self, ids: np.ndarray) -> np.ndarray:
        W, b, pieces, G, gb = self.mixer
        X = np.empty((len(ids), W.shape[0]), dtype=W.dtype)
        at = 0
        for table, seed, column in self.embeds:
            keys = self._hash(np.ascontiguousarray(ids[:, column]), seed) % table.shape[0]
            # the hashed rows added one by one, in thinc's order (a sum over the middle axis
            # of a (tokens x hashes x width) gather is twice as slow)
            part = X[:, at : at + table.shape[1]]
            part[:] = table[keys[:, 0]]
            for k in range(1, keys.shape[1]):
                part += table[keys[:, k]]
            at += table.shape[1]
        Y = X @ W
        Y += b
        return _layernorm(_maxout(Y, pieces), G, gb)

    def encode(self, X: np.ndarray) -> np.ndarray:
        """Label scores (before softmax) from the mixer rows of a text's tokens."""
        n, width, pad, w = len(X), self.width, self.pad, self.window
        # thinc's padding rows, then w zero rows either side for "past the end" (its window
        # fills zeros there); the ones column carries the biases
        H = np.zeros((n + 2 * pad + 2 * w, width + 1), dtype=X.dtype)
        H[:, width] = 1.0
        first = w + pad  # row of the first token
        H[first : first + n, :width] = X
        row = H.strides[0]
        need = pad  # padding rows (either side) whose values the remaining layers still read
        # one set of work matrices for every block, sized for the first (widest) one: a
        # fresh array per operation cost ~10% in allocation and page faults (same numbers)
        most = n + 2 * max(pad - self.encoders[0][2], 0) if self.encoders else n
        spread = np.empty((most, max((e[0].shape[0] for e in self.encoders), default=0)), dtype=X.dtype)
        mixed = np.empty((most, max((e[0].shape[1] for e in self.encoders), default=0)), dtype=X.dtype)
        best, scaled = np.empty((most, width), dtype=X.dtype), np.empty((most, width), dtype=X.dtype)
        for tall, pieces, window, center, gain, bias, eps in self.encoders:
            out = need - window  # a padding row beyond the later layers' reach is not read
            rows = n + 2 * out
            windows = np.ndarray((rows, (2 * window + 1) * (width + 1)), dtype=H.dtype, buffer=H,
                                 offset=(first - out - window) * row, strides=(row, H.itemsize))
            # copied to one contiguous matrix first: BLAS multiplies it faster than the
            # overlapping view (measured 12 vs 16 ms for 20,000 tokens), same numbers
            flat = spread[:rows, : windows.shape[1]]
            np.copyto(flat, windows)
            Z = np.matmul(flat, tall, out=mixed[:rows, : tall.shape[1]])
            k = Z.shape[1] // pieces
            M = best[:rows]
            if pieces > 1:
                np.maximum(Z[:, :k], Z[:, k : 2 * k], out=M)
            else:
                M[:] = Z[:, :k]
            for piece in range(2, pieces):
                np.maximum(M, Z[:, piece * k : (piece + 1) * k], out=M)
            C = np.matmul(M, center, out=scaled[:rows])
            q = np.einsum("ij,ij->i", C, C)
            q += eps
            np.sqrt(q, out=q)
            C *= np.divide(gain, q[:, None], out=M)
            C += bias
            H[first - out : first + n + out, :width] += C
            need = out
        return H[first : first + n] @ self.output

    def scores(self, doc) -> np.ndarray:  # noqa: ANN001 - spacy.tokens.Doc
        """Per-token label scores (before softmax) for a tokenized text (spaCy's own Doc)."""
        if not len(doc):
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.encode(self.embed_rows(doc.to_array(self.columns)))

    def text_scores(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(scores, token starts, token ends, token is space) for ``text``, tokenized as
        spaCy's tokenizer does but through the chunk cache."""
        rows, starts, ends, space = self.features.tokens(text)
        if not len(rows):
            return np.zeros((0, len(self.labels)), dtype=np.float32), starts, ends, space
        return self.encode(rows), starts, ends, space

    # -- decoding --------------------------------------------------------------------------
    def spans(self, text: str) -> list[Span]:
        """(label, start, end, probability) of the entities the tags spell out in ``text``;
        the probability is the least sure of its tokens' (softmax of the tag scores)."""
        with _OneBlasThread():
            scores, starts, ends, space = self.text_scores(text)
        if not len(scores):
            return []
        return self.decode(scores, starts, ends, space)

    def decode(self, scores: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               space: np.ndarray) -> list[Span]:
        """Entities from per-token scores and the tokens' offsets."""
        top = scores.max(axis=1, keepdims=True)
        shifted = scores - top
        logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        tags = self._repair(logp, logp.argmax(axis=1))
        keep = np.flatnonzero((tags != self._outside) & ~space)
        if not len(keep):
            return []
        sure = np.exp(logp[keep, tags[keep]])
        out: list[list] = []
        current: list | None = None
        previous = -2
        for i, tag, p in zip(keep.tolist(), tags[keep].tolist(), sure.tolist()):
            if i != previous + 1:
                current = None  # an O or space token came between
            previous = i
            kind, _, entity = self.labels[tag].partition("-")
            if kind == "I" and current is not None and current[0] == entity:
                current[2] = int(ends[i])
                current[3] = min(current[3], p)
                continue
            current = [entity, int(starts[i]), int(ends[i]), p]
            out.append(current)
        return [(label, start, end, p) for label, start, end, p in out]

    def _repair(self, logp: np.ndarray, tags: np.ndarray) -> np.ndarray:
        """Make the IOB sequence valid where an I- tag follows a token outside its entity:
        either that token opens the entity (B-) or the I- does, whichever costs the model
        less probability (one step of Viterbi, only where the greedy tags break)."""
        outside = self._outside
        for i in np.flatnonzero(self._is_inside[tags]).tolist():
            begin = self._begin_of[tags[i]]
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
    with _lock:  # the chunk cache and the tokenizer's caches are shared
        return tagger.spans(text)

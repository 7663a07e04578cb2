"""Format id -> extractor, and the one function the Extract step calls."""
from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping

from flexorch_beam import codes, formats
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import ExtractOptions
from flexorch_beam.extract.result import ExtractResult
from flexorch_beam.record import RecordWarning
from flexorch_beam.usable_text import BINARY_MARKER, strip_blobs

Extractor = Callable[[bytes, ExtractOptions], ExtractResult]


class _Extractors(MutableMapping[str, Extractor]):
    """Format id -> extractor, read from :data:`flexorch_beam.formats.FORMATS` and imported
    on first use (so no extractor module is imported by the registry itself: extractors
    that read documents inside documents import the registry without a cycle). Setting a
    key overrides the table (tests); deleting it falls back to the table."""

    def __init__(self) -> None:
        self._loaded: dict[str, Extractor] = {}

    def __getitem__(self, fmt: str) -> Extractor:
        if fmt not in self._loaded:
            declared = formats.get(fmt)
            if declared is None or declared.extractor is None:
                raise KeyError(fmt)
            self._loaded[fmt] = declared.load_extractor()
        return self._loaded[fmt]

    def __setitem__(self, fmt: str, extractor: Extractor) -> None:
        self._loaded[fmt] = extractor

    def __delitem__(self, fmt: str) -> None:
        del self._loaded[fmt]

    def __iter__(self) -> Iterator[str]:
        declared = [f.id for f in formats.FORMATS if f.extractor is not None]
        return iter(declared + [fmt for fmt in self._loaded if fmt not in declared])

    def __len__(self) -> int:
        return sum(1 for _ in self)


EXTRACTORS: MutableMapping[str, Extractor] = _Extractors()


def run_extractor(extractor: Extractor, content: bytes, fmt: str, config: ExtractOptions) -> ExtractResult:
    """Call an extractor; a library blowing up on a malformed file is that file's fault."""
    try:
        return extractor(content, config)
    except ProcessingError:
        raise
    except MemoryError:
        raise ProcessingError(
            codes.UNPROCESSABLE, f"{fmt} file needs more memory than the per-document cap"
        ) from None
    except RecursionError:
        raise ProcessingError(codes.UNPROCESSABLE, f"{fmt} file is nested too deeply") from None
    except Exception as error:  # noqa: BLE001 - parsers raise anything on hostile input
        raise ProcessingError(
            codes.CORRUPT_FILE, f"{fmt} parser failed on this file ({type(error).__name__})"
        ) from None


def drop_binary(result: ExtractResult) -> ExtractResult:
    """Embedded binary (base64, hex, ``data:`` URIs) never reaches ``text``; removed before
    the size cut, so a blob cannot push the document's own text out of the kept window."""
    stripped = strip_blobs(result.text)
    if not stripped.blobs:
        return result
    warning = RecordWarning(
        codes.BINARY_REMOVED,
        "text",
        f"{stripped.blobs} embedded binary run(s), {stripped.removed_chars} characters, "
        "left out of the text",
    )
    if not stripped.text.replace(BINARY_MARKER, "").strip():
        raise ProcessingError(
            codes.UNPROCESSABLE,
            f"file holds only embedded binary ({stripped.removed_chars} characters), no text",
        )
    return result.with_text(stripped.text, warning)


def extract_content(content: bytes, fmt: str, config: ExtractOptions) -> ExtractResult:
    """Extract text, then enforce the text-size limit with a TRUNCATED warning."""
    if not content:
        raise ProcessingError(codes.UNPROCESSABLE, "file is empty (0 bytes)")
    extractor = EXTRACTORS.get(fmt)
    declared = formats.get(fmt)
    if extractor is None and declared is not None and declared.early_failure is not None:
        raise ProcessingError(*declared.early_failure)
    if extractor is None:
        raise ProcessingError(
            codes.UNSUPPORTED_FILE, f"format '{fmt}' is not supported for extraction"
        )
    result = run_extractor(extractor, content, fmt, config)
    result = drop_binary(result)
    if not result.text.strip():
        raise ProcessingError(codes.UNPROCESSABLE, f"{fmt} file holds no extractable text")
    if len(result.text) > config.max_text_chars:
        warning = RecordWarning(
            codes.TRUNCATED,
            "text",
            f"text cut from {len(result.text)} to {config.max_text_chars} characters",
        )
        result = result.with_text(result.text[: config.max_text_chars], warning)
    return result

"""The DetectPII step on a record: findings on the raw text, masked text and fields."""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from typing import Optional, Sequence, Union

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import MASK_MODES, FieldsOptions, PIIOptions
from flexorch_beam.pii.catalog import select
from flexorch_beam.pii.mask import REDACTED, Masker, MaskKeyMissing, mask_key
from flexorch_beam.pii.occurrences import every_occurrence, occurrences_in
from flexorch_beam.pii.scan import Detector, Match, resolve_overlaps
from flexorch_beam.record import Record, PiiFinding, evolve

LOG = logging.getLogger("flexorch_beam.pii")
# What selects the detector: the PII step's options, or the fields step's (which share the
# PII types and jurisdictions to mask the LLM prompt with).
Selection = Union[PIIOptions, FieldsOptions]


@lru_cache(maxsize=16)
def detector_for(pii_types: tuple[str, ...] = (), jurisdictions: tuple[str, ...] = ()) -> Detector:
    """One compiled detector per catalog selection, shared by every document of a worker."""
    return Detector(select(tuple(pii_types), tuple(jurisdictions)))


def detect(text: str, config: Selection = PIIOptions()) -> list[Match]:
    """Findings for ``text`` under ``config``'s narrowing (the pure core of the step): what
    the detector finds, and every other occurrence of a found value (wrapped onto the next
    line, reformatted, or without the cue the detector needed), so masking leaves none."""
    matches = detector_for(tuple(config.pii_types), tuple(config.jurisdictions)).detect(text)
    return every_occurrence(text, matches)


def warm_up(config: Selection = PIIOptions()) -> None:
    """Run the detector once over a generated document holding a valid value of every type,
    so what it loads lazily (stdnum's OUI and bank tables, phone metadata per region, the
    name and place lists) is loaded at worker start-up rather than by whichever document
    first holds such a value. The document is made of generated values only."""
    from flexorch_beam.pii import ner
    from flexorch_beam.pii.labelled import generate

    ner.warm_up()  # the NER model (tens of MB), once per worker
    for document in generate(seed=0, docs=1, per_type=1):
        # a vendor MAC (Cisco's OUI) makes sure the OUI registry is among what gets loaded
        detect(document.text + "\nMAC: 00:00:0C:9F:F0:01\n", config)


def mask_text(text: str, config: Selection = PIIOptions()) -> str:
    """``text`` with every finding replaced by its ``[TYPE]`` placeholder, whatever the
    configured mask mode: for text that must leave the machine before this step runs (the
    fields step's LLM prompt). Placeholders need no key and carry no cross-document link."""
    return Masker("placeholder").mask_text(text, detect(text, config))


def check_config(config: PIIOptions) -> None:
    """Fail on the launcher, before any document is read: unknown types, modes, missing key."""
    select(tuple(config.pii_types), tuple(config.jurisdictions))
    if config.mask_mode not in MASK_MODES:
        raise ValueError(f"unknown mask mode {config.mask_mode!r} (choose from {', '.join(MASK_MODES)})")
    if config.mask:
        masker_for(config)


# --- file names and paths -------------------------------------------------------------------
_NAME_SPACES = str.maketrans({"_": " ", "+": " ", "/": "\n", "\\": "\n"})
_EXTENSION = re.compile(r"\.(?=[A-Za-z0-9]{1,5}$)", re.MULTILINE)


def name_texts(name: str) -> tuple[str, ...]:
    """A file name or path as text for the detector, same length and offsets: underscores
    and '+' as spaces, each path segment its own line, the extension's dot a space; and a
    second reading with every dot a space ("Jane.Doe.123-45-6789.pdf")."""
    spaced = _EXTENSION.sub(" ", name.translate(_NAME_SPACES))
    return (spaced, spaced.replace(".", " ")) if "." in spaced else (spaced,)


def name_matches(name: str, config: Selection, text: str = "",
                 text_matches: Sequence[Match] = ()) -> list[Match]:
    """Findings in a file name or path: what the detector finds in it, and the values found
    in the document's text wherever they occur in it."""
    found: list[Match] = []
    for reading in name_texts(name):
        found.extend(detector_for(tuple(config.pii_types), tuple(config.jurisdictions)).detect(reading))
        found.extend(occurrences_in(reading, text, text_matches))
    return resolve_overlaps(found)


def mask_names(record: Record, config: PIIOptions, masker: Optional[Masker] = None,
               text: str = "", text_matches: Sequence[Match] = ()) -> Record:
    """``file_name`` and ``source_uri`` with the PII in them masked (issue 17: privacy at the
    edges), unless masking is off or ``--keep-raw-text`` keeps the raw values. Also for
    records that failed before this step: their names reach the sinks all the same. A name
    that cannot be scanned is replaced whole: never a raw value by accident."""
    if not config.mask or config.keep_raw_text:
        return record
    try:
        masker = masker or masker_for(config)
        values = {}
        for field in ("file_name", "source_uri"):
            raw = getattr(record, field) or ""
            matches = name_matches(raw, config, text, text_matches) if raw else []
            values[field] = masker.mask_text(raw, matches) if matches else raw
        values["metadata"] = _mask_archive_names(record.metadata, config, masker, text,
                                                 text_matches)
    except Exception:  # noqa: BLE001 - one odd name must not leak or stop the job
        LOG.warning("pii: could not scan the name of %s; it is redacted", record.id)
        values = {"file_name": REDACTED, "source_uri": REDACTED,
                  "metadata": _mask_archive_names(record.metadata, None, None)}
    if all(values[key] == getattr(record, key) for key in values):
        return record
    return evolve(record, **values)


def _mask_archive_names(metadata: Optional[str], config: Optional[PIIOptions],
                        masker: Optional[Masker], text: str = "",
                        text_matches: Sequence[Match] = ()) -> Optional[str]:
    """An archive member's metadata names its archive (uri and member path, see
    sources.member_execution): masked like the record's own names (redacted when no masker)."""
    if not metadata or '"archive"' not in metadata:
        return metadata
    carried = json.loads(metadata)
    archive = carried.get("archive")
    if not isinstance(archive, dict):
        return metadata

    def mask(raw: str) -> str:
        if masker is None or config is None:
            return REDACTED
        matches = name_matches(raw, config, text, text_matches) if raw else []
        return masker.mask_text(raw, matches) if matches else raw

    archive["uri"] = mask(str(archive.get("uri", "")))
    archive["path"] = [mask(str(name)) for name in archive.get("path", ())]
    return json.dumps(carried, sort_keys=True, ensure_ascii=False)


def masker_for(config: PIIOptions) -> Masker:
    key = mask_key(config.mask_key_env) if config.mask_mode == "hash" else None
    return Masker(config.mask_mode, key)


def detect_pii_record(record: Record, config: PIIOptions) -> Record:
    """Set pii_findings/count/types, mask ``text`` (and fields) and keep raw text on request."""
    text = record.text
    if not text:
        named = mask_names(record, config)
        return evolve(record, pii_findings=(), pii_findings_count=0, pii_types=(),
                      privacy_applied=named.file_name != record.file_name,
                      raw_text=text if config.keep_raw_text else None,
                      file_name=named.file_name, source_uri=named.source_uri,
                      metadata=named.metadata)
    masker = None
    if config.mask:
        try:
            masker = masker_for(config)
        except MaskKeyMissing as error:
            raise ProcessingError(codes.INTERNAL_ERROR, str(error)) from None
    matches = detect(text, config)
    findings = tuple(PiiFinding(m.type, m.jurisdiction, m.start, m.end, m.score) for m in matches)
    types = tuple(sorted({m.type for m in matches}))
    masked_text, fields = text, record.fields
    if masker is not None and matches:
        masked_text = masker.mask_text(text, matches)
        if not config.keep_raw_text:
            fields = masker.mask_fields(record.fields, text, matches)
    named = mask_names(record, config, masker, text, matches) if masker is not None else record
    privacy_applied = (masked_text != text or fields != record.fields
                       or named.file_name != record.file_name)
    LOG.debug("pii on %s: %d finding(s) of %d type(s), masked=%s",
              record.id, len(findings), len(types), privacy_applied)
    return evolve(
        record,
        pii_findings=findings,
        pii_findings_count=len(findings),
        pii_types=types,
        privacy_applied=privacy_applied,
        text=masked_text,
        fields=fields,
        raw_text=text if config.keep_raw_text else None,
        file_name=named.file_name,
        source_uri=named.source_uri,
        metadata=named.metadata,
    )

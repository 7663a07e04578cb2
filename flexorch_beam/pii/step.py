"""The DetectPII step on a record: findings on the raw text, masked text and fields."""
from __future__ import annotations

import logging
from functools import lru_cache

from flexorch_beam import codes
from flexorch_beam.codes import ProcessingError
from flexorch_beam.config import MASK_MODES, ProcessingConfig
from flexorch_beam.pii.catalog import select
from flexorch_beam.pii.mask import Masker, MaskKeyMissing, mask_key
from flexorch_beam.pii.scan import Detector, Match
from flexorch_beam.record import Execution, PiiFinding, evolve

LOG = logging.getLogger("flexorch_beam.pii")


@lru_cache(maxsize=16)
def detector_for(pii_types: tuple[str, ...] = (), jurisdictions: tuple[str, ...] = ()) -> Detector:
    """One compiled detector per catalog selection, shared by every document of a worker."""
    return Detector(select(tuple(pii_types), tuple(jurisdictions)))


def detect(text: str, config: ProcessingConfig = ProcessingConfig()) -> list[Match]:
    """Findings for ``text`` under ``config``'s narrowing (the pure core of the step)."""
    return detector_for(tuple(config.pii_types), tuple(config.jurisdictions)).detect(text)


def warm_up(config: ProcessingConfig = ProcessingConfig()) -> None:
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


def mask_text(text: str, config: ProcessingConfig = ProcessingConfig()) -> str:
    """``text`` with every finding replaced by its ``[TYPE]`` placeholder, whatever the
    configured mask mode: for text that must leave the machine before this step runs (the
    fields step's LLM prompt). Placeholders need no key and carry no cross-document link."""
    return Masker("placeholder").mask_text(text, detect(text, config))


def check_config(config: ProcessingConfig) -> None:
    """Fail on the launcher, before any document is read: unknown types, modes, missing key."""
    select(tuple(config.pii_types), tuple(config.jurisdictions))
    if config.mask_mode not in MASK_MODES:
        raise ValueError(f"unknown mask mode {config.mask_mode!r} (choose from {', '.join(MASK_MODES)})")
    if config.mask:
        masker_for(config)


def masker_for(config: ProcessingConfig) -> Masker:
    key = mask_key(config.mask_key_env) if config.mask_mode == "hash" else None
    return Masker(config.mask_mode, key)


def detect_pii_execution(execution: Execution, config: ProcessingConfig) -> Execution:
    """Set pii_findings/count/types, mask ``text`` (and fields) and keep raw text on request."""
    text = execution.text
    if not text:
        return evolve(execution, pii_findings=(), pii_findings_count=0, pii_types=(),
                      privacy_applied=False, raw_text=text if config.keep_raw_text else None)
    masker = None
    if config.mask:
        try:
            masker = masker_for(config)
        except MaskKeyMissing as error:
            raise ProcessingError(codes.INTERNAL_ERROR, str(error)) from None
    matches = detect(text, config)
    findings = tuple(PiiFinding(m.type, m.jurisdiction, m.start, m.end, m.score) for m in matches)
    types = tuple(sorted({m.type for m in matches}))
    masked_text, fields = text, execution.fields
    if masker is not None and matches:
        masked_text = masker.mask_text(text, matches)
        if not config.keep_raw_text:
            fields = masker.mask_fields(execution.fields, text, matches)
    privacy_applied = masked_text != text or fields != execution.fields
    LOG.debug("pii on %s: %d finding(s) of %d type(s), masked=%s",
              execution.id, len(findings), len(types), privacy_applied)
    return evolve(
        execution,
        pii_findings=findings,
        pii_findings_count=len(findings),
        pii_types=types,
        privacy_applied=privacy_applied,
        text=masked_text,
        fields=fields,
        raw_text=text if config.keep_raw_text else None,
    )

"""The ExtractFields step: rules, cross-checks, optional LLM fallback, one tuple of fields.

Every field the document type defines is recorded, found or not (a missing one has
``value=None`` and confidence 0), so completeness is visible downstream and every record of a
type has the same field names.
"""
from __future__ import annotations

import logging

from flexorch_beam import codes
from flexorch_beam.config import FieldsOptions
from flexorch_beam.extract.words import Word
from flexorch_beam.fields import fallback
from flexorch_beam.fields.checks import cross_check
from flexorch_beam.fields.extract import extract_rules
from flexorch_beam.fields.specs import FIELD_KINDS
from flexorch_beam.llm import LlmError, client_from_config
from flexorch_beam.pii.step import mask_text
from flexorch_beam.record import Record, ExtractedField, RecordWarning, evolve

LOG = logging.getLogger("flexorch_beam")
LOW_CONFIDENCE_BELOW = 0.5
# Business documents state their fields in the first pages; bounding the text bounds the
# cost of the label scans on a huge text (a report mis-typed as a statement, say).
FIELD_CHARS = 300_000


STRUCTURED_CONFIDENCE = 0.97


def structured_values(structured: object, kinds: dict[str, str]) -> dict[str, tuple[str, float]]:
    """An e-document's own values for the fields of its type (read from its elements or
    segments in Extract, see :mod:`flexorch_beam.edoc`)."""
    fields = getattr(structured, "fields", {}) or {}
    return {name: (value, STRUCTURED_CONFIDENCE) for name, value in fields.items() if name in kinds and value}


def extract_fields_record(record: Record, config: FieldsOptions) -> Record:
    """Fields of the record's type; the transient ``structured`` reading and word boxes are
    dropped here. The ledger gets the methods the values came from (rule, structured, llm)."""
    result = _extract_fields(record, config)
    methods = tuple(sorted({found.method for found in result.fields}))
    if result.structured is None and not methods and not result.words:
        return result
    return evolve(result, structured=None, step_methods=methods, words=())


def _extract_fields(record: Record, config: FieldsOptions) -> Record:
    doc_type = record.doc_type or "other"
    kinds = FIELD_KINDS.get(doc_type, {})
    if not kinds:
        return record
    text = (record.text or "")[:FIELD_CHARS]
    words = tuple(Word(*word) for word in record.words)
    structured = record.structured
    if structured is not None and getattr(structured, "doc_type", None) == doc_type:
        # An e-document is its data: its elements decide. Only a hybrid (XML inside a PDF)
        # also has printed text worth reading for what the XML leaves out.
        rule_values = structured_values(structured, kinds)
        from_text = extract_rules(text, doc_type, record.language, record.format, words)\
            if record.format == "pdf" else {}
        merged = {**from_text, **rule_values}
        values, warnings = cross_check(doc_type, merged)
        methods = {name: "structured" if name in rule_values else "rule" for name in values}
        rule_values = merged
    else:
        rule_values = extract_rules(text, doc_type, record.language, record.format, words)
        values, warnings = cross_check(doc_type, rule_values)
        methods = {name: "rule" for name in values}

    client = client_from_config(config)
    if structured is not None and record.format != "pdf":
        client = None  # an e-document's absent element is an answer, not a gap to guess
    names = fallback.wanted(kinds, values) if client else []
    if client and names and text.strip():
        try:
            masked = fallback.mask_for_llm(mask_text(text, config))
            answers = fallback.ask(client, doc_type, kinds, names, masked, record.language)
        except LlmError as error:
            LOG.warning("llm fallback failed on %s: %s", record.id, error)
            answers = {}
            warnings.append(RecordWarning(codes.VALIDATION_SKIPPED, "llm", f"LLM fallback skipped: {error}"))
        if answers:
            # Merge into the raw rule values and check once, so no check runs twice.
            merged = dict(rule_values)
            for name, value in answers.items():
                merged[name] = (value, fallback.LLM_CONFIDENCE)
            before = methods
            values, warnings = cross_check(doc_type, merged)
            methods = {name: before.get(name, "rule") for name in values}
            methods.update({name: "llm" for name in answers})

    warned = {w.field for w in warnings}
    fields = []
    for name in kinds:
        if name in values:
            value, confidence = values[name]
            fields.append(ExtractedField(name, value, round(confidence, 3), methods[name]))
            if confidence < LOW_CONFIDENCE_BELOW and name not in warned:
                warnings.append(RecordWarning(codes.LOW_CONFIDENCE, name, f"{name} found with low confidence"))
        else:
            fields.append(ExtractedField(name, None, 0.0, "rule"))
    return evolve(
        record,
        fields=tuple(fields),
        warnings=tuple(record.warnings) + tuple(warnings),
    )

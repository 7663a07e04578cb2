"""The compliance report of a built dataset (GET /v1/datasets/{id}/compliance-report): what
PII was found and how it was masked, per type, jurisdiction and mask mode, under the privacy
profile the run recorded.

Built from the records' findings (type, jurisdiction, span: never a value) and the run's
``profile.json``. The mask mode is what the run recorded when it did (a privacy profile);
otherwise it is read off each record's published text, whose mask tokens have one shape per
mode (``[IBAN]``, ``<IBAN_1>``, ``[IBAN:0f3a…]``, ``[REDACTED]``). Rendered as JSON, a
self-contained HTML page, or a PDF (reportlab).
"""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from io import BytesIO
from typing import Any, Iterable, Optional

from flexorch_beam.pii.catalog import BY_ID
from flexorch_beam.pii.recognizer import JURISDICTIONS

MASK_MODES = ("placeholder", "indexed", "hash", "redact")
_TOKEN_SHAPES: dict[str, re.Pattern[str]] = {
    "hash": re.compile(r"\[[A-Z][A-Z0-9_]*:[0-9a-f]{16}\]"),
    "indexed": re.compile(r"<[A-Z][A-Z0-9_]*_\d+>"),
    "redact": re.compile(r"\[REDACTED\]"),
    "placeholder": re.compile(r"\[[A-Z][A-Z0-9_]*\]"),
}
# Jurisdiction -> the law a finding there falls under (the catalog's own wording per type
# is in each type row; this is the heading).
REGULATIONS: dict[str, str] = {
    "TR": "KVKK (Law No. 6698)",
    "EU": "GDPR (Regulation (EU) 2016/679) / UK GDPR",
    "US": "US federal and state privacy laws (GLBA, HIPAA, state SSN-protection laws)",
    "GLOBAL": "general personal data (KVKK, GDPR, US state privacy laws)",
}


def mask_mode_of(text: Optional[str]) -> Optional[str]:
    """The mask mode whose tokens appear in ``text`` (None when none do)."""
    if not text:
        return None
    for mode, shape in _TOKEN_SHAPES.items():
        if mode == "placeholder":
            found = [t for t in shape.findall(text) if t != "[REDACTED]"]
            if found:
                return mode
        elif shape.search(text):
            return mode
    return None


def recorded_profile(profile: dict) -> dict[str, Any]:
    """The privacy profile the run wrote to profile.json, in one shape.

    A run with ``--privacy-profile`` records it (a name, or an object with the name and its
    settings); a run without one records nothing and gets ``{"name": None}``."""
    value = profile.get("privacy_profile")
    if isinstance(value, dict):
        # {"name", "settings", "overridden", "in_force": {mask_mode, keep_raw_text, ...}}
        out = {k: v for k, v in value.items() if k != "in_force"}
        out.update(value.get("in_force") or {})
        out.setdefault("name", value.get("id") or value.get("profile"))
        return out
    if isinstance(value, str):
        out: dict[str, Any] = {"name": value}
        for key in ("mask_mode", "pii_types", "jurisdictions", "keep_raw_text"):
            if key in profile:
                out[key] = profile[key]
        return out
    out = {"name": None}
    for key in ("mask_mode", "pii_types", "jurisdictions", "keep_raw_text"):
        if key in profile:
            out[key] = profile[key]
    return out


def build_report(records: Iterable[dict], profile: dict, dataset: dict[str, Any],
                 generated_at: str) -> dict[str, Any]:
    """The report as a JSON-able dict. ``dataset``: id, name, privacy profile of its key."""
    declared = recorded_profile(profile)
    by_type: dict[str, dict[str, Any]] = {}
    docs_by_type: dict[str, set] = defaultdict(set)
    docs_by_place: dict[str, set] = defaultdict(set)
    findings_by_place: Counter = Counter()
    findings_by_mode: Counter = Counter()
    docs_by_mode: Counter = Counter()
    totals = Counter()
    for index, record in enumerate(records):
        totals["records"] += 1
        if record.get("status") != "completed":
            totals["failed"] += 1
            continue
        findings = record.get("pii_findings") or []
        if not findings:
            totals["clean"] += 1
            continue
        totals["with_pii"] += 1
        masked = bool(record.get("privacy_applied"))
        mode = (declared.get("mask_mode") if masked else None) or (
            mask_mode_of(record.get("text")) if masked else "none")
        mode = mode or "unknown"
        if masked:
            totals["masked"] += 1
        else:
            totals["unmasked_with_pii"] += 1
        docs_by_mode[mode] += 1
        doc = record.get("id") or index
        for finding in findings:
            pii_type = finding.get("type") or "UNKNOWN"
            place = finding.get("jurisdiction") or "GLOBAL"
            row = by_type.setdefault(pii_type, _type_row(pii_type, place))
            row["findings"] += 1
            row["masked_findings"] += 1 if masked else 0
            row["mask_modes"][mode] = row["mask_modes"].get(mode, 0) + 1
            docs_by_type[pii_type].add(doc)
            docs_by_place[place].add(doc)
            findings_by_place[place] += 1
            findings_by_mode[mode] += 1
            totals["findings"] += 1
    for pii_type, row in by_type.items():
        row["documents"] = len(docs_by_type[pii_type])
    jurisdictions = [
        {"jurisdiction": place, "regulation": REGULATIONS.get(place, ""),
         "findings": findings_by_place[place], "documents": len(docs_by_place[place])}
        for place in sorted(findings_by_place, key=_place_order)
    ]
    types = sorted(by_type.values(), key=lambda r: (_place_order(r["jurisdiction"]), -r["findings"], r["type"]))
    return {
        "dataset_id": str(dataset.get("id", "")),
        "dataset_name": dataset.get("name"),
        "generated_at": generated_at,
        "privacy_profile": {
            **declared,
            "key_profile": dataset.get("key_privacy_profile"),
            "raw_text_kept": bool(declared.get("keep_raw_text")) or dataset.get("key_privacy_profile") == "raw",
        },
        "documents": {
            "total": totals["records"], "failed": totals["failed"],
            "with_pii": totals["with_pii"], "masked": totals["masked"],
            "clean": totals["clean"], "unmasked_with_pii": totals["unmasked_with_pii"],
        },
        "findings_total": totals["findings"],
        "by_type": types,
        "by_jurisdiction": jurisdictions,
        "by_mask_mode": [
            {"mask_mode": mode, "findings": findings_by_mode[mode], "documents": docs_by_mode[mode]}
            for mode in sorted(findings_by_mode, key=_mode_order)
        ],
        "statement": _statement(totals, findings_by_mode),
        "notes": [
            "Counts come from the detector's findings (type, jurisdiction, span); no PII value is "
            "stored in the report.",
            "Masking covers the published text, extracted fields, file names and source URIs at "
            "every occurrence of a found value.",
        ],
    }


def _type_row(pii_type: str, place: str) -> dict[str, Any]:
    recognizer = BY_ID.get(pii_type)
    return {
        "type": pii_type,
        "name": recognizer.name if recognizer else pii_type,
        "jurisdiction": recognizer.jurisdiction if recognizer else place,
        "regulation": recognizer.regulation if recognizer else REGULATIONS.get(place, ""),
        "findings": 0, "masked_findings": 0, "documents": 0, "mask_modes": {},
    }


def _place_order(place: str) -> tuple[int, str]:
    return (JURISDICTIONS.index(place) if place in JURISDICTIONS else len(JURISDICTIONS), place)


def _mode_order(mode: str) -> tuple[int, str]:
    return (MASK_MODES.index(mode) if mode in MASK_MODES else len(MASK_MODES), mode)


def _statement(totals: Counter, modes: Counter) -> str:
    if not totals["findings"]:
        return "No personal data was detected in this dataset."
    text = (f"{totals['findings']} personal-data findings in {totals['with_pii']} of "
            f"{totals['records']} documents; {totals['masked']} documents masked")
    if totals["unmasked_with_pii"]:
        text += f", {totals['unmasked_with_pii']} documents with findings NOT masked (masking was off)"
    return text + "."


# --- renderings ----------------------------------------------------------------------------

def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _sections(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    docs = report["documents"]
    profile = report["privacy_profile"]
    return [
        ("Documents", ["total", "with PII", "masked", "clean", "failed", "with PII not masked"],
         [[docs["total"], docs["with_pii"], docs["masked"], docs["clean"], docs["failed"],
           docs["unmasked_with_pii"]]]),
        ("Privacy profile", ["profile", "mask mode", "jurisdictions", "raw text kept", "key profile"],
         [[profile.get("name") or "(none recorded)", profile.get("mask_mode") or "(read from the text)",
           ", ".join(profile.get("jurisdictions") or []) or "all",
           "yes" if profile.get("raw_text_kept") else "no", profile.get("key_profile") or ""]]),
        ("By jurisdiction", ["jurisdiction", "regulation", "findings", "documents"],
         [[j["jurisdiction"], j["regulation"], j["findings"], j["documents"]] for j in report["by_jurisdiction"]]),
        ("By PII type", ["type", "name", "jurisdiction", "regulation", "findings", "documents", "mask modes"],
         [[t["type"], t["name"], t["jurisdiction"], t["regulation"], t["findings"], t["documents"],
           ", ".join(f"{m}: {n}" for m, n in sorted(t["mask_modes"].items()))] for t in report["by_type"]]),
        ("By mask mode", ["mask mode", "findings", "documents"],
         [[m["mask_mode"], m["findings"], m["documents"]] for m in report["by_mask_mode"]]),
    ]


def render_html(report: dict[str, Any]) -> str:
    """One self-contained page (no script, no network)."""
    title = f"Compliance report: dataset {report['dataset_id']}"
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:2em}}"
        "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #bbb;"
        "padding:4px 8px;text-align:left}th{background:#eee}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{html.escape(report.get('dataset_name') or '')} &middot; generated "
        f"{html.escape(report['generated_at'])}</p>",
        f"<p><strong>{html.escape(report['statement'])}</strong></p>",
    ]
    for heading, headers, rows in _sections(report):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append(_table(headers, rows) if rows else "<p>none</p>")
    parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in report["notes"]) + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def render_pdf(report: dict[str, Any]) -> bytes:
    """The same sections as a PDF (reportlab, pure Python)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=f"Compliance report {report['dataset_id']}")
    story: list[Any] = [
        Paragraph(html.escape(f"Compliance report: dataset {report['dataset_id']}"), styles["Title"]),
        Paragraph(html.escape(f"Generated {report['generated_at']}"), styles["Normal"]),
        Paragraph(html.escape(report["statement"]), styles["Heading4"]),
    ]
    for heading, headers, rows in _sections(report):
        story.append(Paragraph(html.escape(heading), styles["Heading2"]))
        if not rows:
            story.append(Paragraph("none", styles["Normal"]))
            continue
        data = [[Paragraph(html.escape(str(c)), cell) for c in row] for row in [headers, *rows]]
        table = Table(data, repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story += [table, Spacer(1, 8)]
    document.build(story)
    return buffer.getvalue()

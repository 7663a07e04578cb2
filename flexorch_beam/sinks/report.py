"""report.html: one self-contained page (inline CSS and SVG, no script, no network) that shows
the dataset profile as charts: grades, quality histogram, doc types, PII types, failures,
languages and formats, with headline numbers on top."""

from __future__ import annotations

from html import escape
from typing import Sequence

GRADE_COLOURS = {"A": "#2e7d32", "B": "#7cb342", "C": "#f9a825", "D": "#c62828"}
_BAR = "#3f6fb5"
_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;background:#fafafa}
h1{font-size:1.6rem;margin-bottom:.2rem} .sub{color:#666;margin-top:0}
.tiles{display:flex;flex-wrap:wrap;gap:.8rem;margin:1.2rem 0}
.tile{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.7rem 1rem;min-width:130px}
.tile b{display:block;font-size:1.5rem} .tile span{color:#666;font-size:.85rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:1rem}
section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.8rem 1rem}
h2{font-size:1.05rem;margin:.2rem 0 .6rem} .empty{color:#888;font-style:italic}
svg text{font-size:12px;fill:#333}
table{border-collapse:collapse;font-size:.85rem} td,th{text-align:left;padding:.15rem .5rem;border-bottom:1px solid #eee}
"""


def hbar_chart(
    items: Sequence[tuple[str, int]], colours: dict | None = None, limit: int = 15
) -> str:
    """Horizontal bars, largest first as given; extra items fold into 'other'."""
    items = [(str(k), int(v)) for k, v in items]
    if len(items) > limit:
        rest = sum(v for _, v in items[limit - 1 :])
        items = items[: limit - 1] + [("other", rest)]
    if not items or not any(v for _, v in items):
        return '<p class="empty">none</p>'
    top = max(v for _, v in items)
    row_h, label_w, bar_w = 22, 170, 300
    height = row_h * len(items) + 4
    parts = [
        f'<svg role="img" width="{label_w + bar_w + 70}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value) in enumerate(items):
        y = i * row_h + 2
        width = 0 if top == 0 else max(1, round(bar_w * value / top)) if value else 0
        colour = (colours or {}).get(label, _BAR)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label[:26])}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{width}" height="{row_h - 6}" fill="{colour}" rx="2"><title>{escape(label)}: {value}</title></rect>'
        )
        parts.append(f'<text x="{label_w + width + 5}" y="{y + 15}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram_chart(bins: Sequence[dict]) -> str:
    """Vertical bars over the 0-100 quality scale, coloured by the grade each bin falls in."""
    if not any(b["count"] for b in bins):
        return '<p class="empty">no scored records</p>'
    top = max(b["count"] for b in bins)
    width, height, pad = 460, 180, 28
    bar_w = (width - pad) / len(bins)
    parts = [
        f'<svg role="img" width="{width}" height="{height + 34}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, b in enumerate(bins):
        h = 0 if not b["count"] else max(1, round((height - 20) * b["count"] / top))
        x = pad + i * bar_w
        # coloured by the grade of the bin's lower edge (80-90 straddles A's 85: shown as B)
        grade = (
            "A" if b["from"] >= 85 else "B" if b["from"] >= 65 else "C" if b["from"] >= 45 else "D"
        )
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{height - h}" width="{bar_w - 4:.1f}" height="{h}" fill="{GRADE_COLOURS[grade]}"><title>{b["from"]}-{b["to"]}: {b["count"]}</title></rect>'
        )
        if b["count"]:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - h - 4}" text-anchor="middle">{b["count"]}</text>'
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height + 16}" text-anchor="middle">{b["from"]}</text>'
        )
    parts.append(
        f'<text x="{pad + (width - pad) / 2:.0f}" y="{height + 32}" text-anchor="middle">quality score</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def slowest_table(documents: Sequence[dict]) -> str:
    """The slowest records, with the step that took longest on each (from their ledgers)."""
    if not documents:
        return '<p class="empty">no records</p>'

    def step(doc: dict) -> str:
        if not doc.get("slowest_step"):
            return "–"
        return f"{doc['slowest_step']} ({doc.get('slowest_step_ms') or 0:,} ms)"

    rows = "".join(
        f"<tr><td>{escape(str(doc.get('file_name') or doc.get('id')))}</td>"
        f"<td>{escape(str(doc.get('status') or ''))}</td><td>{doc['processing_ms']:,}</td>"
        f"<td>{escape(step(doc))}</td></tr>"
        for doc in documents)
    return ("<table><tr><th>document</th><th>status</th><th>ms</th><th>slowest step</th></tr>"
            f"{rows}</table>")


def _tile(value, label: str) -> str:  # noqa: ANN001
    return f'<div class="tile"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def render_report(profile: dict, run_id: str = "") -> str:
    avg = profile.get("avg_quality_score")
    tiles = "".join(
        [
            _tile(profile["record_count"], "documents"),
            _tile(profile["completed_count"], "completed"),
            _tile(profile["failed_count"], "failed"),
            _tile(profile["dataset_count"], "in the dataset"),
            _tile(profile["rejected_count"], "rejected"),
            _tile(f"{profile['total_tokens']:,}", "tokens (estimated)"),
            _tile("–" if avg is None else f"{avg:.1f}", "average quality"),
            _tile(profile["duplicate_count"], "exact duplicates"),
            _tile(profile["near_duplicate_count"], "near-duplicates"),
            _tile(profile["docs_with_pii"], "documents with PII"),
            _tile(profile.get("feedback_positive_count", 0), "positive feedback"),
            _tile(profile.get("feedback_negative_count", 0), "negative feedback"),
            _tile(profile.get("training_count", 0), "fine-tuning examples"),
        ]
    )
    sections = [
        _section(
            "Quality grades", hbar_chart(list(profile["grade_counts"].items()), GRADE_COLOURS)
        ),
        _section("Quality score histogram", histogram_chart(profile["quality_histogram"])),
        _section("Document types", hbar_chart(list(profile["doc_type_counts"].items()))),
        _section(
            "PII findings by type", hbar_chart(list(profile["pii_type_count"].items()), limit=25)
        ),
        _section("Failures by code", hbar_chart(list(profile["failure_counts"].items()))),
        _section("Rejected from the dataset", hbar_chart(list(profile["reject_counts"].items()))),
        _section("Time per step (total ms)", hbar_chart(
            [(name, step["total_ms"]) for name, step in profile.get("step_ms", {}).items()])),
        _section("Slowest documents", slowest_table(profile.get("slowest_documents", []))),
        _section("Languages", hbar_chart(list(profile["language_counts"].items()))),
        _section("Formats", hbar_chart(list(profile["format_counts"].items()))),
        _section(
            "Feedback by code",
            hbar_chart(list((profile.get("feedback_code_counts") or {}).items())),
        ),
        _section(
            "Left out of fine-tuning (no confident target)",
            hbar_chart(list((profile.get("finetune_skipped") or {}).items())),
        ),
    ]
    min_grade = profile.get("min_grade")
    privacy = (profile.get("privacy_profile") or {}).get("name")
    subtitle = f"run {escape(run_id)}" + (
        f" · --min-grade {escape(min_grade)}" if min_grade else ""
    ) + (f" · --privacy-profile {escape(privacy)}" if privacy else "")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>flexorch_beam dataset report</title><style>{_STYLE}</style></head><body>"
        f'<h1>Dataset report</h1><p class="sub">{subtitle}</p>'
        f"<div class=\"tiles\">{tiles}</div><div class=\"grid\">{''.join(sections)}</div>"
        "</body></html>\n"
    )

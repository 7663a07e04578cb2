"""EML: the document sent by e-mail (stdlib ``email``): plain + HTML alternative bodies
and the document itself attached as a PDF. MIME boundaries and the Message-ID are
derived from the spec, so the bytes are reproducible."""
from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from .content import derive_seed
from .model import DocSpec
from .pdf import render_pdf
from .text import render_lines
from .web import render_html_body

GREETING = {"tr": "Sayın {name},\n\n{title} belgeniz ektedir ve aşağıda bilgilerinize sunulmuştur.\n",
            "de": "Guten Tag {name},\n\nanbei erhalten Sie {title}. Die Angaben finden Sie auch unten.\n",
            "en": "Dear {name},\n\nplease find your {title} attached and summarised below.\n"}
SIGN_OFF = {"tr": "Saygılarımızla", "de": "Mit freundlichen Grüßen", "en": "Kind regards"}


def render_eml(spec: DocSpec) -> bytes:
    """An RFC 5322 message with multipart/alternative body and a PDF attachment."""
    m = spec.data["mail"]
    msg = EmailMessage()
    when = dt.datetime(spec.doc_date.year, spec.doc_date.month, spec.doc_date.day, 10, 15,
                       tzinfo=dt.timezone(dt.timedelta(hours={"tr": 3, "de": 1, "en": -5}[spec.language])))
    token = f"{derive_seed('mail', spec.name, spec.index):016x}"
    domain = m["from"].split("@", 1)[1]
    msg["From"] = formataddr((m["from_name"], m["from"]))
    msg["To"] = formataddr((m["to_name"], m["to"]))
    msg["Subject"] = m["subject"]
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{token}@{domain}>"
    msg["Content-Language"] = spec.language
    intro = GREETING[spec.language].format(name=m["to_name"], title=spec.title)
    plain = intro + "\n" + "\n".join(render_lines(spec)).rstrip() + f"\n\n{SIGN_OFF[spec.language]}\n{m['from_name']}\n"
    msg.set_content(plain)
    html_intro = "".join(f"<p>{line}</p>" for line in intro.strip().split("\n\n"))
    msg.add_alternative(f'<html lang="{spec.language}"><head><meta charset="utf-8"></head><body>{html_intro}'
                        f"{render_html_body(spec)}<p>{SIGN_OFF[spec.language]}<br>{m['from_name']}</p></body></html>",
                        subtype="html")
    msg.add_attachment(render_pdf(spec), maintype="application", subtype="pdf", filename=f"{spec.name}.pdf")
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"==={token}_{i}===")
    return msg.as_bytes(policy=SMTP)

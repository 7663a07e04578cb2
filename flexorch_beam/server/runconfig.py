"""What a job's upload settings mean for the Beam job: the flags of `flexorch run`.

``locale`` is a hint for PII detection (the SDK's ``und`` = every detector):
``tr`` -> TR + GLOBAL, an EU language (de, fr, nl, es, it, pl, pt, ...) -> EU + GLOBAL,
``en-US``/``us`` -> US + GLOBAL, ``en`` -> EU + US + GLOBAL, anything else every jurisdiction.
``pipeline_config`` may set only the documented keys below; anything else is a
VALIDATION_ERROR before anything is stored.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from flexorch_beam.config import GRADES, MASK_MODES
from flexorch_beam.jsontext import json_object

_LOCALE = re.compile(r"^(und|[A-Za-z]{2,3}([-_][A-Za-z]{2})?)$")
_EU = {"de", "fr", "nl", "es", "it", "pl", "pt", "da", "sv", "fi", "el", "cs", "sk", "hu", "ro",
       "bg", "hr", "sl", "et", "lv", "lt", "ga", "mt"}

# pipeline_config key -> (flag, check)
CONFIG_KEYS: dict[str, str] = {
    "mask_mode": "--mask-mode",
    "pii_types": "--pii-types",
    "jurisdictions": "--jurisdictions",
    "ocr_langs": "--ocr-langs",
    "min_grade": "",  # applied when a dataset is built from the execution
}


def check_locale(locale: str) -> str:
    if not _LOCALE.match(locale or ""):
        raise ValueError("locale must be 'und' or a language tag like 'tr' or 'en-US'")
    return locale.lower().replace("_", "-")


def jurisdictions(locale: str) -> str:
    """'' = every jurisdiction (the job's default)."""
    language, _, region = locale.partition("-")
    if language == "tr":
        return "TR,GLOBAL"
    if language in _EU:
        return "EU,GLOBAL"
    if language == "us" or (language == "en" and region == "us"):
        return "US,GLOBAL"
    if language == "en":
        return "EU,US,GLOBAL"
    return ""


def parse_pipeline_config(text: str | None) -> dict[str, Any]:
    """The upload's pipeline_config JSON, checked; raises ValueError naming the problem."""
    if text is None or text.strip() == "":
        return {}
    value = json_object(text, "pipeline_config")
    unknown = sorted(set(value) - set(CONFIG_KEYS))
    if unknown:
        raise ValueError(f"pipeline_config keys not supported: {unknown}; known: {sorted(CONFIG_KEYS)}")
    for key, item in value.items():
        if not isinstance(item, str):
            raise ValueError(f"pipeline_config.{key} must be a string")
    if "mask_mode" in value and value["mask_mode"] not in MASK_MODES:
        raise ValueError(f"pipeline_config.mask_mode must be one of {list(MASK_MODES)}")
    if "min_grade" in value and value["min_grade"] not in GRADES:
        raise ValueError(f"pipeline_config.min_grade must be one of {list(GRADES)}")
    return value


def job_flags(locale: str, config: dict[str, Any], keep_raw_text: bool) -> list[str]:
    flags: list[str] = []
    if "jurisdictions" not in config and jurisdictions(locale):
        flags += ["--jurisdictions", jurisdictions(locale)]
    for key, flag in CONFIG_KEYS.items():
        if flag and key in config:
            flags += [flag, config[key]]
    if keep_raw_text:
        flags.append("--keep-raw-text")
    return flags


def signature(locale: str, config: dict[str, Any], keep_raw_text: bool) -> str:
    """Jobs with equal flags may share one pipeline run."""
    flags = job_flags(locale, config, keep_raw_text)
    return hashlib.sha256(json.dumps(flags).encode()).hexdigest()[:32]

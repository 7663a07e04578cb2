"""FlexOrchOptions: every flag of the job, with help text, as Beam PipelineOptions.

The flags are not written here: each is a field of its capability's options object
(flexorch_beam/config.py) with its flag metadata, and :func:`add_flags` generates the parser
from them; :func:`to_config` builds each capability's options from the parsed flags.

Because these are PipelineOptions, the same flags work on DirectRunner, PortableRunner,
Flink and Dataflow (and in a Flex Template's parameters).
"""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import re
import shutil
import subprocess
import time
from functools import lru_cache
from typing import Optional, Sequence

from apache_beam.options.pipeline_options import PipelineOptions, _BeamArgumentParser

from flexorch_beam.config import (
    CAPABILITIES,
    MIN_MASK_KEY_BYTES,
    Flag,
    FlagError,
    PIIOptions,
    ProcessingConfig,
    csv_values,
    flags,
)
from flexorch_beam.privacy_profiles import ProfileError, apply_profile

__all__ = ["FlagError", "FlexOrchOptions", "MIN_MASK_KEY_BYTES", "add_flags", "check_flags",
           "check_mask_key", "check_ocr_langs", "flag_specs", "given_flags", "to_config"]
_csv = csv_values


def flag_specs() -> list[tuple[type, "dataclasses.Field", Flag]]:
    """Every flag of the job: (options class, field, flag), in --help order. The parser
    below and the Flex Template metadata are generated from this one list."""
    return [(options, item, spec) for options in CAPABILITIES for item, spec in flags(options)]


def add_flags(parser, grouped: bool = False) -> None:  # noqa: ANN001 - an argparse parser
    """Every flag on ``parser``; ``grouped``: one argument group per capability (--help)."""
    groups: dict = {}
    for options, item, spec in flag_specs():
        target = parser
        if grouped:
            if options not in groups:
                groups[options] = parser.add_argument_group(
                    f"{options.CAPABILITY} ({options.__name__})")
            target = groups[options]
        target.add_argument(*spec.option_strings, **spec.argparse_kwargs(item.default))


class FlexOrchOptions(PipelineOptions):
    """Every flag of the job, generated from the options objects of flexorch_beam/config.py."""

    @classmethod
    def _add_argparse_args(cls, parser) -> None:  # noqa: ANN001 - Beam's signature
        add_flags(parser)


def parts_from_flags(flex: "FlexOrchOptions") -> dict[str, dict]:
    """capability -> its settings as the parsed flags give them (before any profile)."""
    parts: dict[str, dict] = {}
    for options, item, spec in flag_specs():
        parsed = getattr(flex, spec.parameter, None)
        parts.setdefault(options.CAPABILITY, {})[item.name] = spec.value(parsed, item.default)
    return parts


def to_config(options: PipelineOptions) -> ProcessingConfig:
    """Every capability's options from the flags (each checks itself: FlagError)."""
    flex = options.view_as(FlexOrchOptions)
    parts = parts_from_flags(flex)
    parts["run"]["run_id"] = flex.run_id or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    parts["input"]["exclude_paths"] = (flex.output,) if flex.output else ()
    if parts["output"]["formats"] == ():
        parts["output"]["formats"] = ("jsonl", "parquet")
    built = {}
    for capability in CAPABILITIES:
        name = capability.CAPABILITY
        if name != "pii":
            built[name] = capability(**parts[name])
    built["pii"] = _privacy_part(options, flex, parts["pii"])
    return ProcessingConfig(**built)


# The PII settings a privacy profile sets and an explicit flag overrides: parameter (dest) ->
# PIIOptions field.
_PRIVACY_FLAGS = {"pii_types": "pii_types", "jurisdictions": "jurisdictions",
                  "mask_mode": "mask_mode", "keep_raw_text": "keep_raw_text", "no_mask": "mask"}


def given_flags(options: PipelineOptions) -> set[str]:
    """The FlexOrchOptions dests the command line named explicitly (a default is not
    given, even when the value equals it): argv parsed again with every default removed."""
    flags = getattr(options, "_flags", None) or []  # Beam keeps the argv it was built from
    parser = _BeamArgumentParser(allow_abbrev=False)
    FlexOrchOptions._add_argparse_args(parser)  # noqa: SLF001 - Beam's documented hook
    for action in parser._actions:  # noqa: SLF001
        action.default = argparse.SUPPRESS
    known, _unknown = parser.parse_known_args(list(flags))
    return set(vars(known))


def _privacy_part(options: PipelineOptions, flex: "FlexOrchOptions", flagged: dict) -> PIIOptions:
    """The PII options: the explicit flags over the named profile over the defaults."""
    given = given_flags(options) if flex.privacy_profile else set(_PRIVACY_FLAGS)
    values = {field: flagged[field] for dest, field in _PRIVACY_FLAGS.items() if dest in given}
    try:
        settings = apply_profile(flex.privacy_profile, values)
    except ProfileError as error:
        raise FlagError(str(error)) from None
    return PIIOptions(**{**flagged, **settings})


def check_flags(argv: Sequence[str]) -> None:
    """Parse ``argv`` the way Beam does, but strictly: an unknown flag (a typo like
    ``--fomats``) or a value of the wrong type is a FlagError, not a warning."""
    parser = _StrictParser(allow_abbrev=False)
    for cls in {str(c): c for c in PipelineOptions.__subclasses__()}.values():
        cls._add_argparse_args(parser)  # noqa: SLF001 - Beam's documented hook
    _known, unknown = parser.parse_known_args(list(argv))
    if not unknown:
        return
    first = unknown[0]
    if not first.startswith("-"):
        raise FlagError(f"unexpected argument {first!r} (flags take the form --name value)")
    name = first.split("=", 1)[0]
    close = difflib.get_close_matches(name, _flag_names(parser), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else "; see --help"
    raise FlagError(f"unknown flag {name}{hint}")


def _flag_names(parser) -> list[str]:  # noqa: ANN001
    return [name for action in parser._actions for name in action.option_strings]  # noqa: SLF001


class _StrictParser(_BeamArgumentParser):
    _TYPE_NAMES = {"invalid _switch value": "expected true or false, got",
                   "invalid _tri_state value": "expected auto, true or false, got"}

    def error(self, message: str) -> None:  # type: ignore[override]
        for internal, readable in self._TYPE_NAMES.items():
            message = message.replace(internal + ":", readable)
        raise FlagError(message.replace("argument ", "", 1))


_LANG = re.compile(r"^[A-Za-z0-9_]+$")


@lru_cache(maxsize=1)
def tesseract_languages() -> Optional[frozenset[str]]:
    """Languages ``tesseract --list-langs`` reports; None when tesseract is not installed
    here (a launcher without OCR: the workers' image is checked by its own build)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listing = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (listing.stdout or listing.stderr).splitlines()
    return frozenset(line.strip() for line in lines[1:] if _LANG.match(line.strip()))


def check_ocr_langs(langs: str) -> None:
    """Every '+'-joined language is one tesseract has (FlagError otherwise); ``auto`` (the
    default: each page's language decides, see extract/ocr.py) is always valid."""
    if langs == "auto":
        return
    parts = langs.split("+")
    if not all(_LANG.match(part) for part in parts):
        raise FlagError(f"--ocr-langs must be tesseract codes joined by '+', got {langs!r}")
    known = tesseract_languages()
    if known is None:
        return
    missing = [part for part in parts if part not in known]
    if missing:
        raise FlagError(
            f"--ocr-langs: tesseract has no {', '.join(missing)} here; installed: "
            f"{'+'.join(sorted(known))}"
        )


def check_mask_key(config: "PIIOptions") -> None:
    """With --mask-mode hash the key must be at least MIN_MASK_KEY_BYTES bytes: a short key
    makes the HMAC tokens guessable. The key itself is never printed."""
    if config.mask_mode != "hash":
        return
    key = os.environ.get(config.mask_key_env, "")
    needed = max(MIN_MASK_KEY_BYTES, config.min_mask_key_bytes)
    if key and len(key.encode("utf-8")) < needed:
        profile = f" under --privacy-profile {config.privacy_profile}" \
            if needed > MIN_MASK_KEY_BYTES else ""
        raise FlagError(
            f"the key in ${config.mask_key_env} is {len(key.encode('utf-8'))} bytes; "
            f"--mask-mode hash needs at least {needed}{profile}"
        )

"""Named privacy profiles (``--privacy-profile kvkk|gdpr|us|strict``): ONE declarative table.

A profile is a set of defaults for the PII flags: which PII types and jurisdictions are
detected, how they are masked, whether raw text may be kept, and how long the HMAC key of
``--mask-mode hash`` must be. Flags the user gives explicitly override the profile's values
(recorded in ``profile.json`` as ``overridden``), except that a profile whose ``raw_text`` is
``forbidden`` refuses ``--keep-raw-text`` and ``--no-mask`` outright: its point is that no
raw PII leaves the job. Pure, and a leaf: no Beam import, nothing of the package imported;
``options.to_config`` applies a profile, ``sinks/profile.py`` records it in ``profile.json``
and ``privacy_profiles_table.py`` renders this table for the README.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

RAW_TEXT_OFF = "off"  # not kept unless --keep-raw-text is given
RAW_TEXT_FORBIDDEN = "forbidden"  # --keep-raw-text and --no-mask are refused


@dataclass(frozen=True)
class PrivacyProfile:
    id: str
    law: str  # the legal basis, for the README table
    jurisdictions: tuple[str, ...]  # catalog jurisdictions detected (empty: all)
    pii_types: tuple[str, ...] = ()  # catalog ids detected (empty: every type of the jurisdictions)
    mask_mode: str = "placeholder"
    raw_text: str = RAW_TEXT_OFF  # or RAW_TEXT_FORBIDDEN
    min_mask_key_bytes: int = 16  # the HMAC key length --mask-mode hash needs under this profile

    def settings(self) -> dict:
        """The values the profile sets, as ``profile.json`` records them."""
        return {
            "jurisdictions": list(self.jurisdictions),
            "pii_types": list(self.pii_types),
            "mask_mode": self.mask_mode,
            "keep_raw_text": False,
            "raw_text": self.raw_text,
            "min_mask_key_bytes": self.min_mask_key_bytes,
        }


PROFILES: tuple[PrivacyProfile, ...] = (
    PrivacyProfile(
        id="kvkk",
        law="Turkey, KVKK (Law No. 6698 on the Protection of Personal Data): personal data "
        "(Art. 3) incl. the special categories of Art. 6 (health, biometric, religion, ...); "
        "anonymisation before further use (Art. 7, Regulation on Erasure, Destruction or "
        "Anonymisation)",
        jurisdictions=("TR", "GLOBAL"),
    ),
    PrivacyProfile(
        id="gdpr",
        law="EU/EEA and UK GDPR (Regulation (EU) 2016/679): personal data (Art. 4(1)) incl. "
        "national identification numbers (Art. 87) and the special categories of Art. 9 "
        "(health, biometric, genetic, religion, ...); anonymised data is out of scope "
        "(Recital 26), pseudonymised data is not (Art. 4(5))",
        jurisdictions=("EU", "GLOBAL"),
    ),
    PrivacyProfile(
        id="us",
        law="US identifiers: GLBA (nonpublic personal information of financial customers: "
        "SSN, account and routing numbers) and HIPAA's Safe Harbor de-identification "
        "(45 CFR 164.514(b)(2): names, addresses, dates of birth, phone numbers, e-mail, "
        "SSN, health plan beneficiary numbers such as the MBI, IP addresses, device ids ...); "
        "state privacy and SSN-protection laws",
        jurisdictions=("US", "GLOBAL"),
    ),
    PrivacyProfile(
        id="strict",
        law="All of the above at once, for data that leaves the organisation: every "
        "identifier of every jurisdiction, masked without a trace of its type or value",
        jurisdictions=(),
        mask_mode="redact",
        raw_text=RAW_TEXT_FORBIDDEN,
        min_mask_key_bytes=32,
    ),
)
BY_ID: dict[str, PrivacyProfile] = {p.id: p for p in PROFILES}
if len(BY_ID) != len(PROFILES):
    raise RuntimeError("two privacy profiles share an id")

# PIIOptions fields a profile sets, and the flag that overrides each.
PROFILE_FLAGS: dict[str, str] = {
    "pii_types": "--pii-types",
    "jurisdictions": "--jurisdictions",
    "mask_mode": "--mask-mode",
    "keep_raw_text": "--keep-raw-text",
}


class ProfileError(ValueError):
    """An unknown profile, or a flag the profile refuses (exit 2 on the command line)."""


def get_profile(name: str) -> PrivacyProfile:
    profile = BY_ID.get(name.strip().lower())
    if profile is None:
        raise ProfileError(
            f"unknown --privacy-profile {name!r}; choose from {', '.join(BY_ID)}"
        )
    return profile


def apply_profile(name: Optional[str], given: dict) -> dict:
    """The PIIOptions values for the PII settings: ``given`` holds the values of the
    flags the user gave explicitly (config field -> value, plus ``mask`` when --no-mask was
    given); the profile fills in the rest. Returns the fields to set, with
    ``privacy_profile``, ``privacy_overrides`` and ``min_mask_key_bytes``."""
    if not name:
        return dict(given)
    profile = get_profile(name)
    if profile.raw_text == RAW_TEXT_FORBIDDEN:
        if given.get("keep_raw_text"):
            raise ProfileError(f"--privacy-profile {profile.id} refuses --keep-raw-text")
        if given.get("mask") is False:
            raise ProfileError(f"--privacy-profile {profile.id} refuses --no-mask")
    values = {
        "pii_types": profile.pii_types,
        "jurisdictions": profile.jurisdictions,
        "mask_mode": profile.mask_mode,
        "keep_raw_text": False,
    }
    overridden = [
        PROFILE_FLAGS[key] for key in PROFILE_FLAGS
        if key in given and given[key] != values[key]
    ]
    if given.get("mask") is False:
        overridden.append("--no-mask")
    values.update(given)
    values.update(
        privacy_profile=profile.id,
        privacy_overrides=tuple(overridden),
        min_mask_key_bytes=profile.min_mask_key_bytes,
    )
    return values

"""--privacy-profile: one declarative table, explicit flags over it, recorded in profile.json."""
import ast
import json
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from flexorch_beam import cli, privacy_profiles
from flexorch_beam.options import FlagError, check_mask_key, to_config
from flexorch_beam.pii.catalog import select
from flexorch_beam.pii.step import detect, masker_for
from flexorch_beam.privacy_profiles import BY_ID, PROFILES, ProfileError, apply_profile
from flexorch_beam.privacy_profiles_table import END, START, render_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
# A valid T.C. Kimlik No, a valid US SSN, an e-mail and a valid German Steuer-IdNr.
TEXT = ("TC Kimlik No: 10000000146. SSN: 536-22-8726. Mail: ayse@example.com. "
        "Steuer-IdNr 86095742719")


def _config(*argv):
    return to_config(PipelineOptions(list(argv)))


def _masked(config):
    return masker_for(config.pii).mask_text(TEXT, detect(TEXT, config.pii))


def test_module_is_pure():
    tree = ast.parse(Path(privacy_profiles.__file__).read_text())
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [m for m in imported if m and m.startswith("apache_beam")]
    # A leaf: config.py reads the profile ids, so the table imports nothing of the package.
    assert not [m for m in imported if m and m.startswith("flexorch_beam")]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.id)
def test_each_profile_sets_its_declared_values(profile):
    config = _config("--privacy-profile", profile.id)
    assert config.pii.privacy_profile == profile.id
    assert config.pii.jurisdictions == profile.jurisdictions
    assert config.pii.pii_types == profile.pii_types
    assert config.pii.mask_mode == profile.mask_mode
    assert config.pii.keep_raw_text is False and config.pii.mask is True
    assert config.pii.min_mask_key_bytes == profile.min_mask_key_bytes
    assert config.pii.privacy_overrides == ()
    assert select(config.pii.pii_types, config.pii.jurisdictions)  # names real catalog types


def test_profiles_detect_their_laws_identifiers():
    assert _masked(_config("--privacy-profile", "kvkk")) == (
        "TC Kimlik No: [TR_TCKN]. SSN: 536-22-8726. Mail: [EMAIL]. Steuer-IdNr 86095742719")
    assert _masked(_config("--privacy-profile", "us")) == (
        "TC Kimlik No: 10000000146. SSN: [US_SSN]. Mail: [EMAIL]. Steuer-IdNr 86095742719")
    assert _masked(_config("--privacy-profile", "gdpr")) == (
        "TC Kimlik No: 10000000146. SSN: 536-22-8726. Mail: [EMAIL]. Steuer-IdNr [DE_STEUER_ID]")
    strict = _masked(_config("--privacy-profile", "strict"))
    assert strict.count("[REDACTED]") == 4 and "[EMAIL]" not in strict


def test_explicit_flags_override_even_when_they_name_the_default():
    # placeholder is --mask-mode's default: only the command line tells it was given.
    config = _config("--privacy-profile", "strict", "--mask-mode", "placeholder",
                     "--jurisdictions=TR,GLOBAL")
    assert config.pii.mask_mode == "placeholder"
    assert config.pii.jurisdictions == ("TR", "GLOBAL")
    assert config.pii.privacy_overrides == ("--jurisdictions", "--mask-mode")
    same = _config("--privacy_profile=kvkk", "--mask_mode", "placeholder", "--keep-raw-text")
    assert same.pii.mask_mode == "placeholder" and same.pii.keep_raw_text is True
    assert same.pii.privacy_overrides == ("--keep-raw-text",)  # placeholder is kvkk's own value


def test_without_a_profile_nothing_changes():
    config = _config("--mask-mode", "indexed")
    assert (config.pii.privacy_profile, config.pii.jurisdictions, config.pii.mask_mode) == (None, (), "indexed")
    assert config.pii.min_mask_key_bytes == 16


def test_strict_refuses_raw_text():
    for flag in ("--keep-raw-text", "--no-mask", "--keep_raw_text=true"):
        with pytest.raises(FlagError, match="strict refuses"):
            _config("--privacy-profile", "strict", flag)
    assert _config("--privacy-profile", "strict", "--keep_raw_text=false").pii.keep_raw_text is False


def test_unknown_profile_is_refused():
    with pytest.raises(ProfileError, match="kvkk, gdpr, us, strict"):
        apply_profile("hipaa", {})


@pytest.mark.parametrize("argv", [["--privacy-profile", "hipaa"],
                                  ["--privacy-profile", "strict", "--keep-raw-text"]])
def test_bad_profile_exits_2_and_nothing_runs(tmp_path, capsys, argv):
    (tmp_path / "a.txt").write_text("hello")
    out = tmp_path / "out"
    assert cli.run(["--input", f"{tmp_path}/*.txt", "--output", str(out), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "privacy" in err
    assert not out.exists()


def test_strict_wants_a_longer_hash_key(monkeypatch):
    monkeypatch.setenv("FLEXORCH_MASK_KEY", "k" * 20)
    check_mask_key(_config("--privacy-profile", "gdpr", "--mask-mode", "hash").pii)
    with pytest.raises(FlagError, match="at least 32 under --privacy-profile strict"):
        check_mask_key(_config("--privacy-profile", "strict", "--mask-mode", "hash").pii)
    monkeypatch.setenv("FLEXORCH_MASK_KEY", "k" * 32)
    check_mask_key(_config("--privacy-profile", "strict", "--mask-mode", "hash").pii)


def test_readme_table_is_the_rendered_one():
    text = README.read_text(encoding="utf-8")
    section = text.partition(START)[2].partition(END)[0]
    assert section.strip("\n") + "\n" == render_markdown()
    for legal in ("KVKK", "Art. 9", "GLBA", "HIPAA"):
        assert legal in section


def test_profile_json_records_the_profile_in_force(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "letter.txt").write_text(f"Dear customer,\n{TEXT}\n")
    out = tmp_path / "out"
    code = cli.run(["--input", f"{tmp_path}/in/*.txt", "--output", str(out), "--no_sandbox",
                    "--run_id", "profiled", "--formats", "jsonl", "--privacy-profile", "kvkk",
                    "--mask-mode", "indexed"])
    assert code == 0
    profile = json.loads((out / "profile.json").read_text())
    record = profile["privacy_profile"]
    assert record["name"] == "kvkk"
    assert record["settings"] == BY_ID["kvkk"].settings()
    assert record["overridden"] == ["--mask-mode"]
    assert record["in_force"]["mask_mode"] == "indexed"
    assert record["in_force"]["jurisdictions"] == ["TR", "GLOBAL"]
    row = json.loads(next((out / "jsonl").glob("*.jsonl")).read_text().splitlines()[0])
    assert "10000000146" not in row["text"] and "<TR_TCKN_1>" in row["text"]
    assert "536-22-8726" in row["text"]  # a US identifier is not KVKK's to mask
    assert set(row["pii_types"]) >= {"TR_TCKN", "EMAIL"} and "US_SSN" not in row["pii_types"]


def test_report_names_the_profile_and_the_finetune_skips():
    from flexorch_beam.config import ProcessingConfig
    from flexorch_beam.sinks.profile import privacy_profile_entry, profile_rows
    from flexorch_beam.sinks.report import render_report

    config = ProcessingConfig(privacy_profile="gdpr", finetune_format="chat")
    row = {"status": "completed", "text": "x", "sha256": "a", "fields": []}
    profile = profile_rows([row], config=config.output,
                           privacy=privacy_profile_entry(config.pii))
    assert profile["finetune_skipped"] == {"NO_FIELDS": 1} and profile["training_count"] == 0
    html = render_report(profile, "r")
    assert "--privacy-profile gdpr" in html and "NO_FIELDS" in html

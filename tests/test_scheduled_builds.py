"""README "Scheduled corpus builds", tested by running it: the nightly script the cron line and
the systemd timer start (twice: the second night extracts only the new files), the Dataflow
Flex Template launch it prints (its parameters against the template metadata), the systemd
units, and the Airflow DAG loaded by Airflow's DagBag (when the `airflow` extra is installed)."""
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "deploy" / "flexorch-nightly.sh"
UNITS = REPO / "deploy" / "systemd"


def _night(inbox, datasets, day, **extra):
    env = {**os.environ, "FLEXORCH_INBOX": str(inbox), "FLEXORCH_DATASETS": str(datasets),
           "FLEXORCH_DAY": day, "FLEXORCH_PYTHON": sys.executable, **extra}
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True,
                          timeout=600)


def _rows(folder):
    return {row["file_name"]: row for part in sorted(glob.glob(f"{folder}/parquet/*.parquet"))
            for row in pq.read_table(part).to_pylist()}


def test_second_night_processes_only_new_files(tmp_path):
    inbox, datasets = tmp_path / "inbox", tmp_path / "datasets"
    (inbox / "march").mkdir(parents=True)
    (inbox / "march" / "a.txt").write_text("Invoice INV-1, total 10.00 EUR, due in thirty days.")
    (inbox / "b.txt").write_text("Receipt from the corner shop, total 3.20 EUR, paid by card.")
    first = _night(inbox, datasets, "20261201")
    assert first.returncode == 0, first.stderr[-2000:]
    night1 = _rows(datasets / "20261201")
    assert sorted(night1) == ["a.txt", "b.txt"] and not any(r["is_duplicate"] for r in night1.values())

    (inbox / "c.txt").write_text("Purchase order PO-7 for twelve chairs, delivery in May.")
    second = _night(inbox, datasets, "20261202")
    assert second.returncode == 0, second.stderr[-2000:]
    night2 = _rows(datasets / "20261202")
    assert sorted(night2) == ["a.txt", "b.txt", "c.txt"]
    assert not night2["c.txt"]["is_duplicate"] and night2["c.txt"]["run_id"] == "20261202"
    for name in ("a.txt", "b.txt"):  # not extracted again: completed from night 1
        assert night2[name]["is_duplicate"]
        assert night2[name]["original_job_id"] == night1[name]["id"]
        assert night2[name]["text"] == night1[name]["text"]
    summary = re.search(r"^duplicates\s+(\d+)\s*$", second.stdout, re.M)  # end-of-run table
    assert summary and int(summary.group(1)) == 2, second.stdout
    assert json.loads((datasets / "20261202" / "_SUCCESS").read_text())["run_id"] == "20261202"


def test_the_script_refuses_missing_settings(tmp_path):
    done = subprocess.run(["bash", str(SCRIPT)], env={"PATH": os.environ["PATH"]},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "FLEXORCH_INBOX" in done.stderr


def _template_parameters():
    metadata = json.loads((REPO / "templates" / "flex_template_metadata.json").read_text())
    return {item["name"]: item for item in metadata["parameters"]}


def test_dataflow_launch_matches_the_flex_template(tmp_path):
    from apache_beam.options.pipeline_options import PipelineOptions

    from flexorch_beam.options import to_config

    env = {"FLEXORCH_RUNNER": "dataflow", "FLEXORCH_DRY_RUN": "1",
           "FLEXORCH_TEMPLATE": "gs://bucket/templates/flexorch.json",
           "FLEXORCH_REGION": "europe-west1", "FLEXORCH_TEMP": "gs://bucket/tmp",
           "FLEXORCH_IMAGE": "europe-west1-docker.pkg.dev/p/flexorch/worker:0.1.0"}
    done = _night("gs://bucket/inbox", "gs://bucket/dataset", "20261203", **env)
    assert done.returncode == 0, done.stderr
    argv = shlex.split(done.stdout)
    assert argv[:5] == ["gcloud", "dataflow", "flex-template", "run", "flexorch-20261203"]
    flags = dict(zip(argv[5::2], argv[6::2]))
    assert flags["--template-file-gcs-location"] == env["FLEXORCH_TEMPLATE"]
    raw = flags["--parameters"]
    assert raw.startswith("^;^")  # gcloud's delimiter escape: values hold commas
    parameters = dict(item.split("=", 1) for item in raw[3:].split(";"))
    known = _template_parameters()
    beam_launcher_options = {"sdk_container_image", "sdk_location"}
    assert set(parameters) - beam_launcher_options <= set(known)
    for name, value in parameters.items():
        for pattern in known.get(name, {}).get("regexes", []):
            assert re.fullmatch(pattern, value), (name, value)
    # the launcher passes each parameter as --name=value to run.py
    config = to_config(PipelineOptions([f"--{k}={v}" for k, v in parameters.items()]))
    assert config.run.run_id == "20261203" and config.dedup.history == ("gs://bucket/dataset/*/parquet/*.parquet",)
    assert parameters["output"] == "gs://bucket/dataset/20261203"
    assert "parquet" in config.output.formats  # the next night's --history reads it


def test_systemd_units_start_the_script_nightly():
    service = (UNITS / "flexorch-nightly.service").read_text()
    timer = (UNITS / "flexorch-nightly.timer").read_text()
    exec_start = re.search(r"^ExecStart=(\S+)", service, re.M).group(1)
    assert exec_start.endswith("/deploy/flexorch-nightly.sh")
    assert re.search(r"^Type=oneshot$", service, re.M)
    assert re.search(r"^EnvironmentFile=", service, re.M)
    calendar = re.search(r"^OnCalendar=(.+)$", timer, re.M).group(1)
    assert re.search(r"^Persistent=true$", timer, re.M)
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed: the calendar expression is not checked")
    checked = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "02:00:00 UTC" in checked.stdout


def test_readme_cron_line_runs_the_script():
    readme = (REPO / "README.md").read_text()
    lines = [line for line in readme.splitlines() if "flexorch-nightly.sh" in line
             and re.match(r"^[0-9*]+ [0-9*]+ \* \* \* ", line)]
    assert lines, "README has no cron line for deploy/flexorch-nightly.sh"
    assert "flock -n" in lines[0]  # a night still running is not started twice


def test_airflow_dag_loads_in_dagbag(tmp_path, monkeypatch):
    pytest.importorskip("airflow.providers.apache.beam", reason="the airflow extra is not installed "
                        "(pip install -e '.[airflow]', ~2.5 min, ~145 packages)")
    pytest.importorskip("airflow.providers.google", reason="the airflow extra is not installed")
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path))
    from airflow.dag_processing.dagbag import DagBag
    from airflow.providers.apache.beam.operators.beam import BeamRunPythonPipelineOperator

    bag = DagBag(dag_folder=str(REPO / "deploy" / "airflow"))
    assert bag.import_errors == {}
    dag = bag.dags["flexorch_nightly_corpus_build"]
    task = dag.get_task("flexorch_corpus_build")
    assert isinstance(task, BeamRunPythonPipelineOperator)
    assert dag.max_active_runs == 1
    options = task.pipeline_options
    assert options["run_id"] == "{{ ds_nodash }}"
    assert options["output"].endswith("/{{ ds_nodash }}")
    assert options["history"].endswith("/*/parquet/*.parquet")
    assert "parquet" in options["formats"].split(",")

"""Airflow DAG: the nightly incremental corpus build (README "Scheduled corpus builds").

One run per day: documents in INBOX become DATASETS/<ds_nodash>, with every earlier day's
Parquet as --history (only new files are extracted; feedback on earlier days is honoured).
Install with the `airflow` extra (`pip install 'flexorch_beam[airflow]'`, which brings
apache-airflow-providers-apache-beam) where the scheduler's workers run, and set the Airflow
Variables `flexorch_inbox`, `flexorch_datasets` and `flexorch_run_py` (the path of this
repository's run.py). The worker runs the job with the DirectRunner; for Dataflow add
`runner="DataflowRunner"` and a `dataflow_config` (apache-airflow-providers-google) as the
README shows.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.beam.operators.beam import BeamRunPythonPipelineOperator

INBOX = "{{ var.value.get('flexorch_inbox', '/data/inbox') }}"
DATASETS = "{{ var.value.get('flexorch_datasets', '/data/datasets') }}"

with DAG(
    dag_id="flexorch_nightly_corpus_build",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # nights run one after the other: each reads the earlier ones
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["flexorch"],
) as dag:
    build_corpus = BeamRunPythonPipelineOperator(
        task_id="flexorch_corpus_build",
        runner="DirectRunner",
        py_file="{{ var.value.get('flexorch_run_py', '/opt/flexorch/run.py') }}",
        py_interpreter="python3",
        pipeline_options={
            "input": INBOX + "/**",
            "output": DATASETS + "/{{ ds_nodash }}",
            "history": DATASETS + "/*/parquet/*.parquet",
            "run_id": "{{ ds_nodash }}",  # a retry of the same day replaces that day
            "formats": "jsonl,parquet",
            "progress": "false",
        },
    )

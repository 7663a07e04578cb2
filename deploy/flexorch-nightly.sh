#!/usr/bin/env bash
# Nightly incremental corpus build (README "Scheduled corpus builds").
#
# Each night builds DATASETS/<day> from everything in INBOX, with every earlier night's
# Parquet as --history: documents an earlier night already processed (same sha256) become
# duplicate records of that night's job and are not extracted again; only new files are.
# Feedback recorded on earlier nights' datasets (`flexorch feedback`) is honoured too (the
# tables beside the --history datasets are read). A rerun of the same day replaces that day.
#
# Settings (environment; cron line or systemd EnvironmentFile):
#   FLEXORCH_INBOX      documents folder or bucket URL (required)
#   FLEXORCH_DATASETS   folder or bucket URL holding one dataset per day (required)
#   FLEXORCH_FORMATS    sinks (default jsonl,parquet; parquet is needed for --history)
#   FLEXORCH_PYTHON     the venv's python (default: python3)
#   FLEXORCH_DAY        the run's day, YYYYMMDD (default: today, UTC)
#   FLEXORCH_RUNNER     local (default: this machine, DirectRunner) or dataflow (launch the
#                       Flex Template: FLEXORCH_TEMPLATE, FLEXORCH_REGION, FLEXORCH_TEMP,
#                       FLEXORCH_IMAGE, and gcloud on PATH)
#   FLEXORCH_DRY_RUN=1  print the command instead of running it
# Extra arguments are passed to `flexorch run` (local) or as more gcloud flags (dataflow).
set -euo pipefail

: "${FLEXORCH_INBOX:?set FLEXORCH_INBOX to the documents folder}"
: "${FLEXORCH_DATASETS:?set FLEXORCH_DATASETS to the folder of the daily datasets}"
day="${FLEXORCH_DAY:-$(date -u +%Y%m%d)}"
formats="${FLEXORCH_FORMATS:-jsonl,parquet}"
inbox="${FLEXORCH_INBOX%/}"
datasets="${FLEXORCH_DATASETS%/}"

case "${FLEXORCH_RUNNER:-local}" in
  local)
    command=("${FLEXORCH_PYTHON:-python3}" -m flexorch_beam.commands run
      --input "$inbox/**" --output "$datasets/$day"
      --history "$datasets/*/parquet/*.parquet" --run_id "$day"
      --formats "$formats" --progress=false "$@")
    ;;
  dataflow)
    : "${FLEXORCH_TEMPLATE:?set FLEXORCH_TEMPLATE to gs://.../flexorch.json}"
    : "${FLEXORCH_REGION:?set FLEXORCH_REGION}"
    : "${FLEXORCH_TEMP:?set FLEXORCH_TEMP to a gs:// temp folder}"
    : "${FLEXORCH_IMAGE:?set FLEXORCH_IMAGE to the worker image}"
    parameters="^;^input=$inbox/**;output=$datasets/$day"
    parameters+=";history=$datasets/*/parquet/*.parquet;run_id=$day;formats=$formats"
    parameters+=";sdk_container_image=$FLEXORCH_IMAGE;sdk_location=container"
    command=(gcloud dataflow flex-template run "flexorch-$day" --region "$FLEXORCH_REGION"
      --template-file-gcs-location "$FLEXORCH_TEMPLATE" --temp-location "$FLEXORCH_TEMP"
      --parameters "$parameters" "$@")
    ;;
  *)
    echo "FLEXORCH_RUNNER must be local or dataflow" >&2
    exit 2
    ;;
esac

if [[ "${FLEXORCH_DRY_RUN:-}" == 1 ]]; then
  printf '%q ' "${command[@]}"
  echo
  exit 0
fi
exec "${command[@]}"

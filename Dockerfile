# Custom SDK container for Dataflow / Flink / any portable runner, and the Dataflow Flex
# Template launcher (one image for both). The base tag must be the Beam version and the
# Python minor version the job is launched with (tests/runners/test_dockerfile.py checks it).
#
#   docker build -t REGION-docker.pkg.dev/PROJECT/REPO/flexorch:0.1.0 .
#   docker push REGION-docker.pkg.dev/PROJECT/REPO/flexorch:0.1.0
#   python run.py ... --runner DataflowRunner --sdk_container_image REGION-docker.pkg.dev/PROJECT/REPO/flexorch:0.1.0
FROM apache/beam_python3.11_sdk:2.77.0

# The Flex Template launcher binary, so this image can also start the job (template spec:
# templates/build_flex_template.py). Harmless for plain SDK-worker use.
COPY --from=gcr.io/dataflow-templates-base/python311-template-launcher-base:latest \
     /opt/google/dataflow/python_template_launcher /opt/google/dataflow/python_template_launcher

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# tesseract with OSD (orientation, script) and the languages of `make system`; DejaVu fonts;
# antiword and catdoc (legacy Word .doc) and PostgreSQL (for `flexorch serve --database-url`
# on this image) as in `make system`.
# Versions come with the base image's Debian release, pinned by the base tag.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-osd tesseract-ocr-eng tesseract-ocr-tur tesseract-ocr-deu \
      tesseract-ocr-fra tesseract-ocr-nld tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-pol \
      tesseract-ocr-por tesseract-ocr-msa tesseract-ocr-rus tesseract-ocr-ell tesseract-ocr-ara tesseract-ocr-heb \
      tesseract-ocr-chi-sim tesseract-ocr-jpn tesseract-ocr-kor fonts-dejavu-core \
      antiword catdoc postgresql \
 && rm -rf /var/lib/apt/lists/*

# Parallelism belongs to Beam workers: one OpenMP thread per tesseract (see DESIGN.md).
# Two glibc malloc arenas: the SDK harness's threads otherwise each grow their own arena;
# measured on a DirectRunner worker, 16x corpus: level 305 -> 300 MiB, end-of-run peak
# 346 -> 326 MiB (bench/RESULTS.md). pyarrow on the system allocator: its default jemalloc
# pool kept the Parquet writer's freed buffers (flexorch_beam/worker_memory.py, which the
# CLI applies to local workers).
ENV OMP_THREAD_LIMIT=1 \
    MALLOC_ARENA_MAX=2 \
    ARROW_DEFAULT_MEMORY_POOL=system \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /opt/flexorch
COPY pyproject.toml README.md run.py ./
COPY flexorch_beam ./flexorch_beam
COPY templates ./templates

# Keep the base image's Beam: a different Beam on the workers than on the launcher breaks
# the job. Then check the package imports and the OCR languages are there.
RUN echo "apache-beam==2.77.0" > /tmp/constraints.txt \
 && pip install --constraint /tmp/constraints.txt . \
 && python -c "import flexorch_beam.pipeline, flexorch_beam.cli" \
 && for lang in osd eng tur deu fra nld spa ita pol por rus ell ara heb chi_sim jpn kor; do tesseract --list-langs 2>/dev/null | grep -qx "$lang" || exit 1; done

ENV FLEX_TEMPLATE_PYTHON_PY_FILE=/opt/flexorch/run.py

# Workers start through Beam's boot binary (the base image's entrypoint).
ENTRYPOINT ["/opt/apache/beam/boot"]

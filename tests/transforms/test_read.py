"""ReadDocuments with TestPipeline: globs and manifests become one record per file."""
import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.sources import SourceFile
from flexorch_beam.transforms.read import ReadDocuments

CONFIG = ProcessingConfig(run_id="t")


def test_overlapping_globs_give_one_record_per_file(tmp_path):
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.txt").write_text("beta")
    with TestPipeline() as p:
        records = p | ReadDocuments([f"{tmp_path}/*.txt", f"{tmp_path}/**", f"{tmp_path}/a.txt"],
                                    config=CONFIG)
        # Records leave Read hashed and sniffed, without their bytes (Extract reads again).
        names = records | beam.Map(lambda e: (e.file_name, e.status, e.content, e.size_bytes))
        assert_that(names, equal_to([("a.txt", "completed", None, 5), ("b.txt", "completed", None, 4)]))


def test_manifest_entries_and_globs_together(tmp_path):
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "blob").write_bytes(b"x")
    manifest = [
        SourceFile(uri=str(tmp_path / "blob"), file_name="orig.txt", metadata='{"k":1}'),
        SourceFile(uri=str(tmp_path / "gone"), file_name="gone.pdf"),
    ]
    with TestPipeline() as p:
        records = p | ReadDocuments([f"{tmp_path}/*.txt"], manifest, CONFIG)
        summary = records | beam.Map(lambda e: (e.file_name, e.failure_reason, e.metadata))
        assert_that(
            summary,
            equal_to([("a.txt", None, None), ("orig.txt", None, '{"k":1}'),
                      ("gone.pdf", codes.READ_ERROR, None)]),
        )

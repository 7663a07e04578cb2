"""Fingerprints and duplicate bookkeeping (the pure part of dedup)."""
from flexorch_beam import codes
from flexorch_beam.config import ProcessingConfig
from flexorch_beam.dedup import (
    Original,
    band_keys,
    choose_original,
    complete_duplicate,
    complete_duplicates,
    exact_decisions,
    exact_duplicates_of,
    mark_duplicate,
    minhash,
    near_duplicate_pairs,
    near_duplicates_of,
    normalise_text,
    similarity,
)
from flexorch_beam.record import Record, ExtractedField, QualityComponents

WORDS = (
    "the supplier shall deliver the goods described in the annex to the buyer at the agreed "
    "place within thirty days of the order and the buyer shall pay the agreed price within "
    "fourteen days of receiving a correct invoice for the delivered goods and services"
).split()


def test_choose_original_is_smallest_uri():
    assert choose_original([("/b.pdf", "job_2"), ("/a.pdf", "job_9"), ("/c", "job_1")]) == (
        "/a.pdf", "job_9")


def test_mark_duplicate_drops_bytes_and_says_why():
    e = Record(id="job_d", document_id="doc_1", source_uri="/b", file_name="b", content=b"x")
    marked = mark_duplicate(e, Original("job_o"))
    assert marked.is_duplicate and marked.original_job_id == "job_o" and marked.content is None
    assert marked.processing_summary == "exact duplicate of job_o; not processed again"
    earlier = mark_duplicate(e, Original("job_o", from_history=True))
    assert "earlier run" in earlier.processing_summary


def test_complete_duplicate_copies_results_keeps_identity():
    original = Record(
        id="job_o", document_id="doc_1", source_uri="/a", file_name="a.pdf", doc_type="invoice",
        fields=(ExtractedField("total_amount", "1.00", 0.9, "rule"),), text="masked",
        raw_text="raw", quality_score=90.0, quality_grade="A",
        quality_components=QualityComponents(1, 0, None, 1), token_count=3, run_id="r1",
        processing_summary="Extracted 6 characters.",
    )
    duplicate = mark_duplicate(
        Record(id="job_d", document_id="doc_1", source_uri="/b", file_name="b.pdf",
                  run_id="r2", metadata='{"k":1}'),
        Original("job_o"),
    )
    done = complete_duplicate(duplicate, original, ProcessingConfig().dedup)
    assert (done.id, done.source_uri, done.file_name, done.run_id, done.metadata) == (
        "job_d", "/b", "b.pdf", "r2", '{"k":1}')
    assert (done.doc_type, done.fields, done.text, done.quality_grade, done.token_count) == (
        "invoice", original.fields, "masked", "A", 3)
    assert done.raw_text is None  # not kept in this run
    assert done.is_duplicate and done.processing_summary.startswith("exact duplicate of job_o")
    kept = complete_duplicate(duplicate, original, ProcessingConfig(keep_raw_text=True).dedup)
    assert kept.raw_text == "raw"


def test_duplicate_of_a_failed_original_fails_the_same_way_and_a_missing_one_is_said():
    failed = Record(id="job_o", document_id="d", source_uri="/a", file_name="a",
                       status=codes.STATUS_FAILED, failure_reason=codes.CORRUPT_FILE,
                       processing_summary="PDF structure is broken")
    duplicate = mark_duplicate(Record(id="job_d", document_id="d", source_uri="/b",
                                         file_name="b"), Original("job_o"))
    done = complete_duplicate(duplicate, failed, ProcessingConfig().dedup)
    assert done.failed and done.failure_reason == codes.CORRUPT_FILE
    assert "the original failed: PDF structure is broken" in done.processing_summary
    lost = complete_duplicate(duplicate, None, ProcessingConfig().dedup)
    assert lost.failed and lost.failure_reason == codes.INTERNAL_ERROR
    assert "not found" in lost.processing_summary


def test_normalisation_ignores_case_punctuation_and_width():
    assert normalise_text("Total:  １２ EUR — PAID!") == ["total", "12", "eur", "paid"]


def test_minhash_similarity_tracks_edits():
    text = " ".join(WORDS)
    same = minhash(text.upper().replace(" the ", "  the\n"))
    base = minhash(text)
    assert base == same  # normalisation makes these the same text
    one_word = minhash(text.replace("thirty", "forty"))
    rewritten = minhash(" ".join(reversed(WORDS)))
    assert similarity(base, one_word) >= 0.75
    assert similarity(base, rewritten) < 0.2
    assert minhash("too short to judge") is None


def test_near_duplicate_pairs_point_later_to_earlier_only_above_threshold():
    text = " ".join(WORDS * 2)
    sig_a = minhash(text)
    sig_b = minhash(text + " signed")
    sig_c = minhash(" ".join(reversed(WORDS * 2)))
    assert len(list(band_keys(sig_a))) == 16
    pairs = list(near_duplicate_pairs([("/b", "job_b", sig_b), ("/a", "job_a", sig_a),
                                       ("/c", "job_c", sig_c)]))
    assert pairs == [("job_b", ("/a", "job_a"))]


def test_a_bucket_of_copies_gives_one_pair_per_later_member_pointing_at_the_earliest():
    text = " ".join(WORDS * 2)
    members = [(f"/doc_{i:03d}", f"job_{i:03d}", minhash(f"{text} copy")) for i in range(60)]
    pairs = list(near_duplicate_pairs(reversed(members)))
    assert len(pairs) == 59  # not 60 * 59 / 2
    assert {earlier for _later, earlier in pairs} == {("/doc_000", "job_000")}


def test_signatures_are_compact_bytes_and_compare_as_before():
    signature = minhash(" ".join(WORDS * 2))
    assert isinstance(signature, bytes) and len(signature) == 128 * 4
    assert similarity(signature, signature) == 1.0
    assert all(len(digest) == 16 for _band, digest in band_keys(signature))


def test_exact_decisions_keep_the_smallest_uri_unless_an_earlier_run_has_it():
    copies = [("/b", "job_b"), ("/a", "job_a"), ("/c", "job_c")]
    assert dict(exact_decisions(copies)) == {"job_b": Original("job_a"), "job_c": Original("job_a")}
    assert dict(exact_decisions(copies, "job_old")) == {
        job: Original("job_old", from_history=True) for job in ("job_a", "job_b", "job_c")}
    assert list(exact_decisions([], "job_old")) == []


def test_in_memory_decisions_match_the_per_group_ones():
    def rec(job, uri, sha, text=None, status=codes.STATUS_COMPLETED):
        return Record(id=job, document_id="d", source_uri=uri, file_name=uri, sha256=sha,
                         text=text, status=status)
    text = " ".join(WORDS * 2)
    records = [rec("j1", "/b", "s1"), rec("j2", "/a", "s1"), rec("j3", "/c", "s2"),
               rec("j4", "/d", "s1", status=codes.STATUS_FAILED)]
    assert exact_duplicates_of(records) == {"j1": Original("j2")}
    near = [rec("n1", "/x", "t1", text), rec("n2", "/w", "t2", text + " extra"),
            rec("n3", "/v", "t3", "short text")]
    assert near_duplicates_of(near) == {"n1": "n2"}


def test_complete_duplicates_take_the_earliest_original_and_say_when_none_is_found():
    config = ProcessingConfig()
    late = Record(id="job_o", document_id="d", source_uri="/a", file_name="a", doc_type="receipt",
                     created_at="2026-02-01")
    early = Record(id="job_o", document_id="d", source_uri="/a", file_name="a", doc_type="invoice",
                      created_at="2026-01-01")
    dup = mark_duplicate(Record(id="job_d", document_id="d", source_uri="/b", file_name="b"),
                         Original("job_o"))
    (done,) = complete_duplicates([dup], [late, early], config.dedup)
    assert done.doc_type == "invoice" and done.id == "job_d"
    (lost,) = complete_duplicates([dup], [], config.dedup)
    assert lost.failed and "not found" in lost.processing_summary

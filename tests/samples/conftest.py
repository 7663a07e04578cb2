"""A 42-document corpus (covers every doc type, language and format) generated once per session."""
from __future__ import annotations

import pytest

from flexorch_samples import generate_corpus

COUNT, SEED = 42, 11


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("samples_corpus")
    records = generate_corpus(root, COUNT, SEED)
    return root, records

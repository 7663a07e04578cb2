"""The shipped place-name list: well-formed, and a place covering a first name ends a name."""
from flexorch_beam.pii.places import MAX_WORDS, place_names, place_run
from flexorch_beam.pii.recognizer import normalize_context


def test_the_list_is_folded_multi_word_and_holds_the_places_documents_name():
    names = place_names()
    assert len(names) > 2000
    assert all(name == normalize_context(name) for name in names)
    assert all(2 <= len(name.split(" ")) <= MAX_WORDS for name in names)
    for place in ("el segundo", "beverly hills", "san luis obispo", "west virginia",
                  "northern mariana islands", "new york city", "frankfurt am main"):
        assert place in names, place


def test_place_run_covers_or_cuts():
    words = "boeing company el segundo".split()
    assert place_run(words, 2, 4) == (True, 2)  # "El" is inside "El Segundo"
    words = "forever san luis obispo".split()
    assert place_run(words, 2, 4) == (True, 2)  # "Luis" starts no name here
    words = "adam smith santa maria".split()
    assert place_run(words, 0, 4) == (False, 2)  # the name stops before "Santa Maria"
    words = "virginia woolf".split()
    assert place_run(words, 0, 2) == (False, 2)

"""The offline token estimator follows BPE tokenizers' shape (words, digit triples, scripts)."""
from flexorch_beam.tokens import estimate_tokens


def test_empty_and_none_cost_nothing():
    assert estimate_tokens(None) == 0 and estimate_tokens("") == 0


def test_common_words_are_one_token_each_with_their_space():
    assert estimate_tokens("the total amount is due") == 5


def test_numbers_cost_one_token_per_three_digits():
    assert estimate_tokens("123456789") == 3
    assert estimate_tokens("1234") == 2


def test_long_and_accented_words_cost_more():
    assert estimate_tokens("internationalization") > estimate_tokens("nation")
    assert estimate_tokens("Gesamtbetrag") < estimate_tokens("Geşamtbetrağ")


def test_cjk_costs_about_a_token_per_character():
    assert estimate_tokens("請求書の合計金額") == 8


def test_estimate_grows_with_text_and_is_deterministic():
    text = "Invoice INV-2024-0001 total 1,428.00 EUR, payable within 30 days.\n"
    assert estimate_tokens(text * 10) > 9 * estimate_tokens(text)
    assert estimate_tokens(text) == estimate_tokens(text)

"""GB 32100-2015: the unified social credit code and its check character."""

from hypothesis import given
from hypothesis import strategies as st
from park_shared.identifiers import (
    ALPHABET,
    check_character,
    credit_code_problem,
    is_credit_code,
)

bodies = st.tuples(
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9),
).map("".join)


def code_of(body: str) -> str:
    return body + check_character(body)


def test_published_codes_are_valid() -> None:
    for code in ("91350100M000100Y43", "91440300708461136T", "9144030071526726XG"):
        assert is_credit_code(code), code


def test_a_wrong_check_character_is_named() -> None:
    assert credit_code_problem("91350100M000100Y44") == "the check character is '4', expected '3'"


def test_length_alphabet_and_division_code_are_checked() -> None:
    assert "18 characters" in (credit_code_problem("91350100M000100Y4") or "")
    assert "not allowed" in (credit_code_problem("91350100M000100I43") or "")
    assert "not allowed" in (credit_code_problem("91350100m000100Y43") or "")
    assert "division" in (credit_code_problem("9135A100M000100Y43") or "")


@given(bodies)
def test_a_computed_check_character_makes_a_valid_code(body: str) -> None:
    assert is_credit_code(code_of(body))


@given(bodies, st.integers(0, 17), st.sampled_from(ALPHABET))
def test_any_single_changed_character_is_detected(body: str, position: int, replacement: str) -> None:
    code = code_of(body)
    changed = code[:position] + replacement + code[position + 1 :]
    assert is_credit_code(changed) == (changed == code)


@given(bodies, st.integers(0, 15))
def test_swapping_two_neighbours_is_detected(body: str, position: int) -> None:
    code = code_of(body)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    assert is_credit_code(swapped) == (swapped == code)

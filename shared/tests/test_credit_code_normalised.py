"""GB 32100-2015 unified social credit codes as a form gives them (trimmed, any case): the check
character catches every single substitution and every adjacent transposition in the body."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from park_shared.identifiers import (
    ALPHABET,
    InvalidCreditCode,
    check_character,
    normalise_credit_code,
)

bodies = st.builds(
    lambda head, division, tail: head + division + tail,
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text("0123456789", min_size=6, max_size=6),  # the administrative division code
    st.text(ALPHABET, min_size=9, max_size=9),
)


def test_published_sample_codes_are_valid() -> None:
    # codes printed on Chinese business licences / in the standard's examples
    for code in ("91350100M000100Y43", "911100001000013492"):
        assert normalise_credit_code(code) == code


@settings(deadline=None)
@given(bodies)
def test_a_code_with_its_check_character_is_valid(body: str) -> None:
    code = body + check_character(body)
    assert normalise_credit_code(code) == code
    assert normalise_credit_code(f"  {code.lower()} ") == code


@settings(deadline=None)
@given(bodies, st.integers(0, 17), st.sampled_from(ALPHABET))
def test_any_single_substitution_is_refused(body: str, at: int, char: str) -> None:
    code = body + check_character(body)
    changed = code[:at] + char + code[at + 1 :]
    if changed != code:
        with pytest.raises(InvalidCreditCode):
            normalise_credit_code(changed)


@settings(deadline=None)
@given(bodies, st.integers(0, 15))
def test_any_adjacent_transposition_in_the_body_is_refused(body: str, at: int) -> None:
    code = body + check_character(body)
    swapped = code[:at] + code[at + 1] + code[at] + code[at + 2 :]
    if swapped != code:
        with pytest.raises(InvalidCreditCode):
            normalise_credit_code(swapped)


@settings(deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30).filter(lambda s: len(s) != 18))
def test_a_wrong_length_is_refused(text: str) -> None:
    with pytest.raises(InvalidCreditCode, match="18 characters"):
        normalise_credit_code(text)


@pytest.mark.parametrize("bad", ["I", "O", "Z", "S", "V", "-", "中"])
def test_characters_outside_the_alphabet_are_refused(bad: str) -> None:
    body = "91350100M000100Y4"
    with pytest.raises(InvalidCreditCode, match="not allowed"):
        normalise_credit_code(bad + body)

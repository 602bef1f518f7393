"""The unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
31-letter alphabet (digits and capitals without I, O, Z, S, V); the 18th is a check
character over the first 17, weighted by 3^i mod 31."""

from __future__ import annotations

__all__ = ["ALPHABET", "WEIGHTS", "InvalidCreditCode", "check_character", "normalise_credit_code"]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUES = {c: i for i, c in enumerate(ALPHABET)}


class InvalidCreditCode(ValueError):
    """The text is not a valid unified social credit code; the message says why."""


def check_character(body: str) -> str:
    """The check character for the first 17 characters `body` (all from ALPHABET)."""
    if len(body) != LENGTH - 1 or any(c not in _VALUES for c in body):
        raise InvalidCreditCode("the code body must be 17 characters from the GB 32100 alphabet")
    total = sum(_VALUES[c] * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(text: str) -> str:
    """The code in canonical form (trimmed, upper case) or InvalidCreditCode."""
    code = text.strip().upper()
    if len(code) != LENGTH:
        raise InvalidCreditCode(f"a credit code has {LENGTH} characters, not {len(code)}")
    bad = sorted({c for c in code if c not in _VALUES})
    if bad:
        raise InvalidCreditCode(f"characters not allowed in a credit code: {''.join(bad)}")
    expected = check_character(code[:-1])
    if code[-1] != expected:
        raise InvalidCreditCode(f"the check character is {code[-1]}, it should be {expected}")
    return code

"""The national identifiers the zone's services read, checked the same way everywhere (pure).

The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
31-character alphabet (digits and capitals without I, O, S, V, Z); characters 3-8 are the
administrative division code (digits); the 18th is a check character over the first 17,
C18 = 31 - (Σ Ci×Wi mod 31), 31 → 0. The resident identity number (GB 11643): 17 digits and an
ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

__all__ = [
    "ALPHABET",
    "WEIGHTS",
    "InvalidCreditCode",
    "check_character",
    "credit_code_problem",
    "identity_check_character",
    "is_credit_code",
    "is_identity_number",
    "normalise_credit_code",
]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUES = {c: i for i, c in enumerate(ALPHABET)}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


class InvalidCreditCode(ValueError):
    """The text is not a valid unified social credit code; the message says why."""


def check_character(body: str) -> str:
    """The check character for the first 17 characters `body` (all from ALPHABET)."""
    if len(body) != LENGTH - 1 or any(c not in _VALUES for c in body):
        raise InvalidCreditCode("the code body must be 17 characters from the GB 32100 alphabet")
    total = sum(_VALUES[c] * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why `code` (as given: no trimming, no case change) is not a credit code, or None."""
    if len(code) != LENGTH:
        return f"a unified social credit code has {LENGTH} characters, not {len(code)}"
    bad = sorted({c for c in code if c not in _VALUES})
    if bad:
        return f"characters not allowed in a unified social credit code: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "characters 3-8 (the administrative division code) must be digits"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"the check character is {code[17]!r}, expected {expected!r}"
    return None


def normalise_credit_code(text: str) -> str:
    """The code in canonical form (trimmed, upper case), or InvalidCreditCode saying why."""
    code = text.strip().upper()
    problem = credit_code_problem(code)
    if problem is not None:
        raise InvalidCreditCode(problem)
    return code


def is_credit_code(value: str) -> bool:
    return credit_code_problem(value.strip().upper()) is None


def identity_check_character(body: str) -> str:
    """The MOD 11-2 check character of a resident identity number's 17 digits."""
    if len(body) != 17 or not body.isdigit():
        raise ValueError("an identity number's body is 17 digits")
    return _ID_CHECK[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def is_identity_number(value: str) -> bool:
    """A resident identity number: 17 digits and the MOD 11-2 check character (X in any case)."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    return value[17].upper() == identity_check_character(value[:17])

"""The unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a
31-character alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17."""

from __future__ import annotations

__all__ = ["ALPHABET", "WEIGHTS", "check_character", "credit_code_problem", "is_valid_credit_code"]

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def check_character(body: str) -> str:
    """The check character for the first 17 characters: C18 = 31 - (Σ Ci×Wi mod 31), 31 → 0."""
    if len(body) != LENGTH - 1:
        raise ValueError(f"the body must be {LENGTH - 1} characters, not {len(body)}")
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid credit code, or None when it is."""
    if len(code) != LENGTH:
        return f"a unified social credit code has {LENGTH} characters, not {len(code)}"
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return f"characters not allowed in a unified social credit code: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "characters 3-8 (the administrative division code) must be digits"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"the check character is {code[17]!r}, expected {expected!r}"
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_problem(code) is None

"""Check digits of the two national identifiers an investor gives (pure)."""

from __future__ import annotations

__all__ = ["is_credit_code", "is_identity_number"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def is_identity_number(value: str) -> bool:
    """A resident identity number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return value[17].upper() == _ID_CHECK[total % 11]


def is_credit_code(value: str) -> bool:
    """A unified social credit code (GB 32100): 18 characters with a MOD 31 check character."""
    code = value.upper()
    if len(code) != 18 or any(c not in _CC_CHARS for c in code):
        return False
    total = sum(_CC_CHARS.index(c) * w for c, w in zip(code[:17], _CC_WEIGHTS, strict=True))
    return code[17] == _CC_CHARS[(31 - total % 31) % 31]

"""The company-name normaliser that flags possible duplicates: width and case folded,
punctuation and spaces dropped, company-form suffixes (有限公司, Co., Ltd. ...) removed."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_company_name"]

CHINESE_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "公司")
ENGLISH_FORMS = frozenset(
    {"co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "plc", "gmbh"}
)
_SEPARATORS = re.compile(r"[\s.,;:'\"()\[\]{}<>·、，。；：“”‘’（）【】《》\-_/]+")


def normalise_company_name(name: str) -> str:
    """The name's comparable form; idempotent: applying it twice changes nothing more."""
    current = name
    while True:
        reduced = _reduce_once(current)
        if reduced == current:
            return reduced
        current = reduced


def _reduce_once(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    tokens = [t for t in _SEPARATORS.split(folded) if t]
    while tokens and tokens[-1] in ENGLISH_FORMS:
        tokens.pop()
    joined = "".join(tokens)
    for form in CHINESE_FORMS:
        if joined.endswith(form):
            return joined[: -len(form)]
    return joined

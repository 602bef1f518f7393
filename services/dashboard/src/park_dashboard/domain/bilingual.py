"""Texts written in both languages in one string, as the demo writes them: the Chinese first,
then the English ("北园 North Park"). Each page shows one language: the Chinese part on the
Chinese page, the English part on the English page; a text in one language only (a company's
registered name, a name without translation) is shown as it is on both. static/i18n.js `tr`
splits the same way."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["pick", "split"]

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef][)\]]*")
"""A Chinese character (or full-width sign), with the closing brackets right after it."""
_LATIN = re.compile(r"[A-Za-z]")


def split(text: str) -> tuple[str, str]:
    """(Chinese, English): cut after the last Chinese character when English follows."""
    last = max((m.end() for m in _CJK.finditer(text)), default=0)
    zh, en = text[:last].strip(), text[last:].strip()
    if not zh or not _LATIN.search(en):
        return text, text
    return zh, en


def pick(text: str | None, lang: Literal["zh", "en"]) -> str:
    if not text:
        return ""
    zh, en = split(text)
    return zh if lang == "zh" else en

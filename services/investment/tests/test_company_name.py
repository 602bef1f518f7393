"""The company-name normaliser: company forms, spaces, width and case folded away."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from park_investment.domain.company_name import normalise_company_name

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c not in "公司有限责任股份")
chinese = st.text(alphabet=HAN, min_size=1, max_size=12)
latin_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=10), min_size=1, max_size=4
)
FORMS_CN = ["有限公司", "有限责任公司", "股份有限公司", "公司", ""]
FORMS_EN = ["Co., Ltd.", "Co. Ltd", "Company Limited", "Ltd.", "Inc.", "Corp.", "LLC", ""]


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text)


def test_examples() -> None:
    assert normalise_company_name("华为技术有限公司") == "华为技术"
    assert normalise_company_name(" 华为 技术 有限责任公司 ") == "华为技术"
    assert normalise_company_name("ＡＢＣ Trading Co., Ltd.") == "abctrading"
    assert normalise_company_name("abc trading company limited") == "abctrading"
    assert normalise_company_name("Costco Co., Ltd.") == "costco"  # words, not letters, are forms
    assert normalise_company_name("有限公司") == ""


@settings(deadline=None)
@given(st.text(max_size=40))
def test_idempotent(name: str) -> None:
    once = normalise_company_name(name)
    assert normalise_company_name(once) == once


@settings(deadline=None)
@given(chinese, st.sampled_from(FORMS_CN), st.sampled_from(FORMS_CN))
def test_chinese_company_forms_do_not_matter(base: str, form_a: str, form_b: str) -> None:
    assert normalise_company_name(base + form_a) == normalise_company_name(base + form_b)


@settings(deadline=None)
@given(latin_words, st.sampled_from(FORMS_EN), st.sampled_from(FORMS_EN))
def test_english_company_forms_do_not_matter(words: list[str], form_a: str, form_b: str) -> None:
    base = " ".join(w for w in words)
    a, b = normalise_company_name(f"{base} {form_a}"), normalise_company_name(f"{base} {form_b}")
    assert a == b == normalise_company_name(base)


@settings(deadline=None)
@given(latin_words, st.sampled_from(FORMS_EN))
def test_width_and_case_do_not_matter(words: list[str], form: str) -> None:
    name = " ".join(words) + " " + form
    assert normalise_company_name(fullwidth(name.upper())) == normalise_company_name(name.lower())


@settings(deadline=None)
@given(chinese, st.lists(st.integers(0, 12), max_size=4), st.sampled_from(FORMS_CN))
def test_spaces_in_a_chinese_name_do_not_matter(base: str, cuts: list[int], form: str) -> None:
    spaced = base
    for cut in sorted(set(cuts), reverse=True):
        spaced = spaced[:cut] + " \u3000" + spaced[cut:]
    assert normalise_company_name(spaced + form) == normalise_company_name(base)


@settings(deadline=None)
@given(chinese, chinese)
def test_different_names_stay_different(a: str, b: str) -> None:
    if unicodedata.normalize("NFKC", a) != unicodedata.normalize("NFKC", b):
        assert normalise_company_name(a + "有限公司") != normalise_company_name(b + "有限公司")

"""One language per page: a text written in both ("北园 North Park") is split; a name in one
language only stays whole."""

from __future__ import annotations

import pytest
from park_dashboard.domain.bilingual import pick, split


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("北园 North Park", "北园", "North Park"),
        ("2026年第一期股份募集 Share offering 2026-I", "2026年第一期股份募集", "Share offering 2026-I"),
        ("投诉: 晒图等了三天 a complaint: blueprint copies took three days", "投诉: 晒图等了三天",
         "a complaint: blueprint copies took three days"),
        ("新材料产业优惠政策(2025修订) New materials policy (2025 revision)", "新材料产业优惠政策(2025修订)",
         "New materials policy (2025 revision)"),
        ("晒图 5 套 five blueprint copies", "晒图 5 套", "five blueprint copies"),
        ("瑞拓精密机械有限公司", "瑞拓精密机械有限公司", "瑞拓精密机械有限公司"),
        ("Harbour Robotics Ltd", "Harbour Robotics Ltd", "Harbour Robotics Ltd"),
        ("《土地管理法》 2019", "《土地管理法》 2019", "《土地管理法》 2019"),
    ],
)  # fmt: skip
def test_split(text: str, zh: str, en: str) -> None:
    assert split(text) == (zh, en)
    assert (pick(text, "zh"), pick(text, "en")) == (zh, en)


def test_nothing_is_empty() -> None:
    assert pick(None, "en") == pick("", "zh") == ""

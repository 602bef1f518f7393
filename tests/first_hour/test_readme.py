"""The README says what the commands and scripts do: the Kafka version the tests fetch, how
FerretDB is built, what needs the network and root, the font Chinese text needs, and every
`./dev` and `parkctl` command it names exists."""

from __future__ import annotations

import re
from pathlib import Path

from parkctl.app import app
from typer.main import get_command

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
LOCAL = ROOT / "deploy" / "local"


def _script_value(script: str, pattern: str) -> str:
    found = re.search(pattern, (LOCAL / script).read_text())
    assert found, (script, pattern)
    return found.group(1)


def test_the_kafka_version_is_the_one_the_tests_fetch() -> None:
    fetched = _script_value("fetch-kafka.sh", r'KAFKA_VERSION="\$\{KAFKA_VERSION:-([\d.]+)\}"')
    named = re.findall(r"Kafka (\d+\.\d+(?:\.\d+)?)", README)
    assert named and set(named) == {fetched}, named


def test_ferretdb_is_described_as_its_script_builds_it() -> None:
    script = (LOCAL / "fetch-ferretdb.sh").read_text()
    commands = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    assert "go install" not in commands
    assert "go install" not in README
    version = _script_value("fetch-ferretdb.sh", r'FERRETDB_VERSION="(v[\d.]+)"')
    built = "(built from the Go module proxy by `deploy/local/fetch-ferretdb.sh`)"
    assert f"FerretDB\n{version} {built}" in README


def test_network_and_root_are_stated() -> None:
    text = " ".join(README.split())
    assert "network access to the Python package index" in text
    assert "Its first run needs network access to Maven Central and to the Go module proxy" in text
    assert "which needs root (or `sudo`)" in text


def test_the_chromium_install_line_brings_the_font_the_browser_script_installs() -> None:
    font = _script_value("ensure-chromium.sh", r"need\+=\((fonts-[\w-]+)\)")
    line = next(x for x in README.splitlines() if "apt-get install" in x and "chromium" in x)
    assert font in line.split() or f"{font}`." in line.split(), line
    assert f"apt-get install -y {font}" in (LOCAL / "doctor.sh").read_text()


def test_every_dev_and_parkctl_command_named_exists() -> None:
    parkctl = set(get_command(app).commands)  # type: ignore[attr-defined]
    dev = (ROOT / "dev").read_text()
    own = set(re.findall(r"^  ([\w|-]+)\)", dev, re.MULTILINE))
    own = {name for names in own for name in names.split("|")}
    for command in set(re.findall(r"\./dev ([a-z]\w*)", README)):
        assert command in own or command in parkctl, f"./dev {command}"
    for command in set(re.findall(r"`parkctl (\w+)", README)):
        assert command in parkctl, f"parkctl {command}"
    table = set(re.findall(r"^\| `parkctl (\w+)", README, re.MULTILINE))
    assert table == parkctl, "the README's parkctl table lists every command"

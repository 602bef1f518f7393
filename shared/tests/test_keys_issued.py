"""A deployment's keyring: keys production accepts, issued once, public documents apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from park_shared.auth import mint_token, verify_token
from park_shared.keys import DEV_KID_PREFIX, KeyRing, dev_signing_key, issue_keys
from park_shared.keys_cli import main


def test_issued_keys_verify_in_production_and_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["issue", str(tmp_path / "keys"), "--mounted-at", "/run/k"])
    jwks = json.loads(capsys.readouterr().out)
    assert jwks["inv"] == "/run/k/inv.jwks.json"
    public = {d: str(tmp_path / "keys" / "public" / f"{d}.jwks.json") for d in jwks}
    assert not list((tmp_path / "keys" / "public").glob("*.pem"))  # no private key where services look
    key = dev_signing_key("inv", tmp_path / "keys")  # parkctl signs with the issued key
    assert not key.kid.startswith(DEV_KID_PREFIX)
    production = KeyRing(public, allow_development=False)
    production.refuse_development_keys()
    principal = verify_token(mint_token(key, ["inv.officer"], "alice"), production)
    assert principal.department == "inv"
    again = issue_keys(tmp_path / "keys")
    assert {k.kid for k in again} == {k.kid for k in issue_keys(tmp_path / "keys")}
    assert key.kid in {k.kid for k in again}


def test_a_development_keyring_is_not_turned_into_a_deployments(tmp_path: Path) -> None:
    dev_signing_key("hq", tmp_path)
    with pytest.raises(ValueError, match="development key of hq"):
        issue_keys(tmp_path)

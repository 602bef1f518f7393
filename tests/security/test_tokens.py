"""Department tokens: each department signs with its own key, services verify with public keys
only. Every bad token is a 401 naming its reason; a token signed with headquarters' key that
claims investment is refused by every investment route; keys rotate without a restart."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from park_shared.auth import CLOCK_SKEW_SECONDS, MAX_TTL_SECONDS, Unauthenticated, mint_token, verify_token
from park_shared.keys import KeyRing, SigningKey, dev_signing_key, public_jwk
from park_shared.testing.apps import dev_key

from .conftest import Running, fill, started

ROLES = ["inv.officer", "inv.finance"]


def claims(issuer: str = "inv", **more: object) -> dict[str, object]:
    now = int(time.time())
    base: dict[str, object] = {
        "iss": issuer,
        "dept": issuer,
        "sub": "mallory",
        "roles": ROLES,
        "aud": "investment",
        "jti": "jti-0123456789",
        "iat": now,
        "exp": now + 600,
    }
    return {**base, **more}


def signed(key: SigningKey, body: dict[str, object]) -> str:
    return jwt.encode(body, key.private_key, algorithm="EdDSA", headers={"kid": key.kid})


@pytest.fixture
def keys(tmp_path: Path) -> KeyRing:
    for department in ("hq", "inv"):
        dev_signing_key(department, tmp_path)
    return KeyRing.from_settings(None, tmp_path, production=False)


def refusal(token: str, keys: KeyRing, revoked: frozenset[str] = frozenset()) -> str:
    with pytest.raises(Unauthenticated) as refused:
        verify_token(token, keys, revoked=revoked.__contains__)
    return str(refused.value)


def test_a_departments_token_verifies_with_its_public_key(keys: KeyRing, tmp_path: Path) -> None:
    token = mint_token(dev_signing_key("inv", tmp_path), ROLES, "alice")
    who = verify_token(token, keys)
    assert (who.department, who.subject, who.audience) == ("inv", "alice", ("investment",))
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": who_kid(tmp_path, "inv"), "typ": "JWT"}


def who_kid(keys_dir: Path, department: str) -> str:
    (key,) = json.loads((keys_dir / f"{department}.jwks.json").read_text())["keys"]
    assert set(key) == {"kty", "crv", "x", "kid", "alg", "use"}  # public only: no "d"
    return str(key["kid"])


def test_every_bad_token_is_refused_naming_the_reason(keys: KeyRing, tmp_path: Path) -> None:
    hq, inv = dev_signing_key("hq", tmp_path), dev_signing_key("inv", tmp_path)
    stranger = SigningKey("inv", "inv-2026", Ed25519PrivateKey.generate())
    public_pem = inv.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","kid":"' + inv.kid.encode() + b'"}').rstrip(b"=")
    payload = base64.urlsafe_b64encode(json.dumps(claims()).encode()).rstrip(b"=")
    mac = hmac.new(public_pem, header + b"." + payload, hashlib.sha256).digest()
    hs256_with_public_key = (
        header + b"." + payload + b"." + base64.urlsafe_b64encode(mac).rstrip(b"=")
    ).decode()
    now = int(time.time())
    cases = {
        "the key of department 'hq', not 'inv'": signed(hq, claims()),
        "unknown to issuer 'inv'": signed(stranger, claims()),
        "the issuer 'hq' does not match the department claimed ('inv')": signed(hq, claims("hq", dept="inv")),
        "expired": signed(inv, claims(exp=now - 30)),
        "has been revoked": signed(inv, claims(jti="revoked-jti-1")),
        "algorithm 'none' is refused": jwt.encode(claims(), None, algorithm="none"),
        "algorithm 'HS256' is refused": hs256_with_public_key,
        "not a known department": signed(inv, claims("acme", dept="acme")),
        f"longer than {MAX_TTL_SECONDS // 3600} hours": signed(inv, claims(exp=now + MAX_TTL_SECONDS + 60)),
        "names no key": jwt.encode(claims(), inv.private_key, algorithm="EdDSA"),
        "signature does not verify": signed(
            SigningKey("inv", inv.kid, Ed25519PrivateKey.generate()), claims()
        ),
        "it is malformed": "garbage",
    }
    wrong = {
        reason: said
        for reason, token in cases.items()
        if reason not in (said := refusal(token, keys, frozenset({"revoked-jti-1"})))
    }
    assert wrong == {}


def test_an_issuer_clock_a_little_ahead_is_tolerated_and_a_future_token_is_not(
    keys: KeyRing, tmp_path: Path
) -> None:
    """Clocks of separate machines differ by seconds: a token issued up to CLOCK_SKEW_SECONDS
    ahead of this clock verifies; one issued further in the future is refused, saying why."""
    inv = dev_signing_key("inv", tmp_path)
    now = int(time.time())
    ahead = signed(inv, claims(iat=now + CLOCK_SKEW_SECONDS - 10, exp=now + 600, jti="jti-ahead"))
    assert verify_token(ahead, keys).subject == "mallory"
    future = signed(inv, claims(iat=now + CLOCK_SKEW_SECONDS + 60, exp=now + 900, jti="jti-future"))
    assert "in the future (iat)" in refusal(future, keys)


def test_production_refuses_development_keys(tmp_path: Path) -> None:
    token = mint_token(dev_signing_key("inv", tmp_path), ROLES, "alice")
    production = KeyRing.from_settings(None, tmp_path, production=True)
    assert "development key" in refusal(token, production)
    with pytest.raises(ValueError, match="development keys are refused"):
        production.refuse_development_keys()


def test_a_rotated_key_verifies_without_a_restart_and_a_withdrawn_one_stops(tmp_path: Path) -> None:
    jwks = tmp_path / "inv.jwks.json"
    old = SigningKey("inv", "inv-2026-01", Ed25519PrivateKey.generate())
    new = SigningKey("inv", "inv-2026-02", Ed25519PrivateKey.generate())
    jwks.write_text(json.dumps({"keys": [public_jwk(old.private_key.public_key(), old.kid)]}))
    keys = KeyRing({"inv": str(jwks)}, allow_development=False, max_age=0)
    assert verify_token(mint_token(old, ROLES, "a"), keys).subject == "a"
    jwks.write_text(json.dumps({"keys": [public_jwk(new.private_key.public_key(), new.kid)]}))
    assert verify_token(mint_token(new, ROLES, "b"), keys).subject == "b"
    assert "unknown to issuer 'inv'" in refusal(mint_token(old, ROLES, "a"), keys)


async def test_a_token_signed_with_hqs_key_claiming_investment_is_refused_by_every_investment_route(
    tmp_path: Path,
) -> None:
    hq = dev_key("hq")
    forged = signed(hq, claims(roles=["inv.officer", "inv.finance"]))
    async with started("investment", tmp_path) as investment:
        refused = await _every_protected_route(investment, forged)
    assert refused and all(
        status == 401 and "key of department 'hq'" in said for status, said in refused.values()
    )


async def _every_protected_route(running: Running, token: str) -> dict[str, tuple[int, str]]:
    answers: dict[str, tuple[int, str]] = {}
    for path, item in running.app.openapi()["paths"].items():
        for method, op in item.items():
            if "public" in path.split("/") or not op.get("security"):
                continue
            response = await running.client.request(
                method.upper(), fill(path, op), json={}, headers={"Authorization": f"Bearer {token}"}
            )
            answers[f"{method.upper()} {path}"] = (response.status_code, response.json().get("detail", ""))
    assert len(answers) > 20, answers
    return answers


def test_a_token_verified_once_is_not_decoded_again_but_still_checked(
    keys: KeyRing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = mint_token(dev_signing_key("inv", tmp_path), ROLES, "alice")
    first = verify_token(token, keys)
    decoded: list[str] = []
    real_decode = jwt.decode

    def counted(*args: object, **kwargs: object) -> object:
        decoded.append("decode")
        return real_decode(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jwt, "decode", counted)
    assert verify_token(token, keys) == first and decoded == []
    # revocation is checked every time
    assert "has been revoked" in refusal(token, keys, frozenset({first.token_id}))
    # a ring that does not trust the key refuses it with its own reason
    production = KeyRing.from_settings(None, tmp_path, production=True)
    assert "development key" in refusal(token, production)
    # once past its expiry the token goes the whole way again
    monkeypatch.setattr(time, "time", lambda: first.expires_at + 1.0)
    decoded.clear()
    verify_token(token, keys)
    assert decoded

"""A token verified once is answered from what its first verification found: the same
principal as a verification from scratch, and refused as that one is once revoked or expired."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from park_shared import auth
from park_shared.auth import Principal, Unauthenticated, mint_token, verify_token
from park_shared.keys import KeyRing, dev_signing_key


def from_scratch(token: str, keys: KeyRing, revoked: frozenset[str] = frozenset()) -> Principal | str:
    """The answer of a first verification (nothing kept), or the refusal's reason."""
    kept = dict(auth._verified)  # the tokens verified so far
    auth._verified.clear()
    try:
        return verify_token(token, keys, revoked=revoked.__contains__)
    except Unauthenticated as refused:
        return str(refused)
    finally:
        auth._verified.clear()
        auth._verified.update(kept)


def again(token: str, keys: KeyRing, revoked: frozenset[str] = frozenset()) -> Principal | str:
    try:
        return verify_token(token, keys, revoked=revoked.__contains__)
    except Unauthenticated as refused:
        return str(refused)


def test_a_token_seen_again_is_answered_as_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = KeyRing.from_settings(None, tmp_path, production=False)
    key = dev_signing_key("inv", tmp_path)
    tokens = [
        mint_token(key, ["inv.officer", "inv.finance"], "alice", extra={"level": 3}),
        mint_token(key, ["inv.officer"], "bob", audience="investment", ttl_seconds=60),
    ]
    for token in tokens:
        first = verify_token(token, keys)
        assert token in auth._verified  # the second call takes the kept answer
        assert again(token, keys) == from_scratch(token, keys) == first
        revoked = frozenset({first.token_id})
        assert (
            again(token, keys, revoked)
            == from_scratch(token, keys, revoked)
            == (f"the token {first.token_id} has been revoked")
        )
        assert again(token, keys) == first  # a revocation lifted (the list changed) is seen too
    expires = verify_token(tokens[1], keys).expires_at
    monkeypatch.setattr(time, "time", lambda: expires + 1.0)
    assert again(tokens[1], keys) == from_scratch(tokens[1], keys)

"""Department signing keys: each department (issuer) signs its tokens with its own Ed25519 key;
services hold only public keys, one JWKS document per issuer.

Where the public keys come from (`PARK_JWKS`): a JSON object issuer -> a JWKS file path or an
http(s) URL, e.g. ``{"hq": "/run/keys/hq.jwks.json", "inv": "https://idp/inv/jwks.json"}``.
Unset (development and tests): ``<PARK_KEYS_DIR>/<dept>.jwks.json`` for every department that
has one. A document is read again when a token names a kid it does not hold (at most once per
`REFRESH_SECONDS` per issuer) and at the latest every `MAX_AGE_SECONDS`, so a rotated key is
used without a restart, and a key withdrawn from it stops verifying.

Development keys (`dev_signing_key`): generated on first use under PARK_KEYS_DIR as
``<dept>.key.pem`` (mode 600) beside the public ``<dept>.jwks.json``; their kid starts with
``dev-``, and PARK_ENV=production refuses them (`KeyRing.refuse_development_keys`).

A deployment's keys (`issue_keys`, ``python -m park_shared.keys_cli issue DIR``): the same files, plus
``<dept>.kid`` naming a kid without the ``dev-`` prefix; the public documents are also copied to
``DIR/public/`` (what the services mount). `dev_signing_key` signs with such a key when a
keyring directory holds one, so `parkctl` speaks to a deployment with PARK_KEYS_DIR=DIR."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "DEPARTMENTS",
    "DEV_KID_PREFIX",
    "KeyRing",
    "SigningKey",
    "dev_signing_key",
    "issue_keys",
    "public_jwk",
]

DEPARTMENTS = ("hq", "sc", "ic", "inv", "dash")
DEV_KID_PREFIX = "dev-"
REFRESH_SECONDS = 1.0
MAX_AGE_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class SigningKey:
    issuer: str
    kid: str
    private_key: Ed25519PrivateKey


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_jwk(public: Ed25519PublicKey, kid: str) -> dict[str, str]:
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64(_raw(public)), "kid": kid, "alg": "EdDSA", "use": "sig"}


def _write_once(path: Path, data: bytes, mode: int) -> None:
    """Writes `path` unless it exists (of two racing writers one wins, whole)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


def dev_signing_key(department: str, keys_dir: Path) -> SigningKey:
    """The department's development key under `keys_dir`, made (with its JWKS) on first use."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    private_path = keys_dir / f"{department}.key.pem"
    if not private_path.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _write_once(private_path, pem, 0o600)
    loaded = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{private_path} is not an Ed25519 key")
    issued = keys_dir / f"{department}.kid"
    digest = hashlib.sha256(_raw(loaded.public_key())).hexdigest()[:16]
    kid = issued.read_text().strip() if issued.exists() else DEV_KID_PREFIX + f"{department}-" + digest
    jwks_path = keys_dir / f"{department}.jwks.json"
    current = json.loads(jwks_path.read_text()) if jwks_path.exists() else {"keys": []}
    if kid not in {k.get("kid") for k in current["keys"]}:
        current["keys"].append(public_jwk(loaded.public_key(), kid))
        temporary = jwks_path.with_name(f".{jwks_path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(current, indent=2))
        temporary.replace(jwks_path)
    return SigningKey(department, kid, loaded)


def issue_keys(keys_dir: Path, departments: tuple[str, ...] = DEPARTMENTS) -> list[SigningKey]:
    """A deployment's keyring: each department's key (kept, if already issued) with a kid that
    production accepts, its JWKS beside it and copied to ``keys_dir/public``."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    (keys_dir / "public").mkdir(exist_ok=True)
    issued = []
    for department in departments:
        kid_path = keys_dir / f"{department}.kid"
        if not kid_path.exists():
            if (keys_dir / f"{department}.key.pem").exists():
                held = f"{keys_dir} holds a development key of {department}"
                raise ValueError(f"{held}: issue a deployment's keys into a new folder")
            _write_once(kid_path, f"{department}-{os.urandom(8).hex()}\n".encode(), 0o644)
        key = dev_signing_key(department, keys_dir)
        public = keys_dir / "public" / f"{department}.jwks.json"
        public.write_text((keys_dir / f"{department}.jwks.json").read_text())
        issued.append(key)
    return issued


@dataclass
class _Issuer:
    source: str
    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    loaded_at: float = float("-inf")


class KeyRing:
    """The public keys of every issuer, read from their JWKS documents, cached, refreshed."""

    def __init__(
        self, sources: Mapping[str, str], *, allow_development: bool = True, max_age: float = MAX_AGE_SECONDS
    ) -> None:
        self._issuers = {issuer: _Issuer(source) for issuer, source in sources.items()}
        self._max_age = max_age
        self.allow_development = allow_development
        """False in production: a development key (kid ``dev-...``) verifies nothing."""

    @classmethod
    def from_settings(cls, jwks: Mapping[str, str] | None, keys_dir: Path, *, production: bool) -> KeyRing:
        sources = jwks or {d: str(keys_dir / f"{d}.jwks.json") for d in DEPARTMENTS}
        return cls(sources, allow_development=not production)

    @property
    def issuers(self) -> list[str]:
        return list(self._issuers)

    def key(self, issuer: str, kid: str) -> Ed25519PublicKey | None:
        """The issuer's key `kid`; its document is read again when `kid` is not in it."""
        known = self._issuers.get(issuer)
        if known is None or (kid.startswith(DEV_KID_PREFIX) and not self.allow_development):
            return None
        now = time.monotonic()
        stale = now - known.loaded_at > self._max_age
        if stale or (kid not in known.keys and now - known.loaded_at > REFRESH_SECONDS):
            self._load(known, now)
        return known.keys.get(kid)

    def owner_of(self, kid: str) -> str | None:
        """The issuer holding `kid` among those already loaded (to name a borrowed key)."""
        for issuer, known in self._issuers.items():
            if not known.keys:
                self.key(issuer, kid)
            if kid in known.keys:
                return issuer
        return None

    def development_kids(self) -> list[str]:
        for issuer in self._issuers:
            self.key(issuer, "")
        return [kid for i in self._issuers.values() for kid in i.keys if kid.startswith(DEV_KID_PREFIX)]

    def refuse_development_keys(self) -> None:
        """Production: a JWKS holding a development key (kid ``dev-...``) is refused."""
        found = self.development_kids()
        if found:
            raise ValueError(f"development keys are refused in production: {', '.join(found)}")

    @staticmethod
    def _load(known: _Issuer, now: float) -> None:
        known.loaded_at = now
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            known.keys = _parse(_read(known.source))


def _read(source: str) -> Any:
    if source.startswith(("https://", "http://")):
        with urllib.request.urlopen(source, timeout=5) as response:
            return json.loads(response.read())
    return json.loads(Path(source).read_text())


def _parse(document: Any) -> dict[str, Ed25519PublicKey]:
    keys: dict[str, Ed25519PublicKey] = {}
    for jwk in document["keys"]:
        if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519" and isinstance(jwk.get("kid"), str):
            raw = base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))
            keys[jwk["kid"]] = Ed25519PublicKey.from_public_bytes(raw)
    return keys

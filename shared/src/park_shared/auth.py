"""Department auth: tokens (JWT, EdDSA) each department signs with its own key, verified by
every service with the departments' public keys only (park_shared.keys).

A token's header names its key (`kid`); its claims: `iss` the department that signed it, `dept`
the same department, `roles`, `aud` the service it is for, `sub`, `jti` (for revocation), `iat`
and `exp` (at most MAX_TTL_SECONDS apart). Every refusal is a 401 naming the reason.

A token that verified is remembered by this process (its text, the key ring and key that verified
it, its claims; at most VERIFIED_KEPT tokens): the same token again skips decoding and the
signature check (~0.3 ms, the largest part of a request's auth) while its key is still the one
its ring holds for its `kid` and it has not expired; its revocation and claims are checked every
time. Anything else goes the whole way again, so every refusal keeps its reason."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from park_shared.errors import DomainError
from park_shared.handler import CommandContext
from park_shared.keys import DEV_KID_PREFIX, KeyRing, SigningKey

__all__ = [
    "ALGORITHM",
    "MAX_TTL_SECONDS",
    "SERVICE_OF",
    "Principal",
    "TokenError",
    "Unauthenticated",
    "mint_token",
    "verify_token",
]

ALGORITHM = "EdDSA"
MAX_TTL_SECONDS = 12 * 3600
SERVICE_OF = {
    "hq": "headquarters",
    "sc": "service-center",
    "ic": "industrial-co",
    "inv": "investment",
    "dash": "dashboard",
}
"""The service a department's tokens are for by default (their `aud`)."""


class Unauthenticated(DomainError):
    status = 401
    title = "Unauthenticated"


TokenError = Unauthenticated


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    department: str
    roles: frozenset[str]
    level: int = 0
    audience: tuple[str, ...] = ()
    token_id: str = ""
    expires_at: int = 0

    @property
    def actor(self) -> str:
        return f"{self.department}:{','.join(sorted(self.roles))}:{self.subject}"

    def context(self) -> CommandContext:
        """The context of a command this principal sends: its actor names them in the events."""
        return CommandContext(actor=self.actor)


def mint_token(
    key: SigningKey,
    roles: list[str],
    subject: str,
    *,
    audience: str | None = None,
    ttl_seconds: int = 3600,
    extra: dict[str, object] | None = None,
) -> str:
    """A token of `key`'s department, for `audience` (default: the department's service)."""
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": key.issuer,
        "dept": key.issuer,
        "sub": subject,
        "roles": sorted(roles),
        "aud": audience or SERVICE_OF.get(key.issuer, key.issuer),
        "jti": uuid.uuid4().hex,
        "iat": now,
        "exp": now + ttl_seconds,
        **(extra or {}),
    }
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})


def verify_token(token: str, keys: KeyRing, *, revoked: Callable[[str], bool] = lambda _: False) -> Principal:
    """The token's principal, its signature, issuer, key, expiry and revocation checked. The
    audience is left to the caller (a token of another department is a 403 there, not a 401)."""
    kept = _verified.get(token)
    if kept is not None:
        ring, kept_issuer, kept_kid, kept_key, principal = kept
        current = ring is keys and keys.key(kept_issuer, kept_kid) is kept_key
        if current and time.time() < principal.expires_at:
            # its claims were checked when it was verified (lifetime, issued-at, roles: none
            # of which a later moment changes); its revocation can come at any time
            if revoked(principal.token_id):
                raise Unauthenticated(f"the token {principal.token_id} has been revoked")
            return principal
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise Unauthenticated(
            "the token is not valid: it is malformed (a token is header.payload.signature, base64url)"
        ) from None
    alg = header.get("alg")
    if alg != ALGORITHM:
        raise Unauthenticated(f"the token's algorithm {alg!r} is refused: tokens are signed with {ALGORITHM}")
    issuer, dept = unverified.get("iss"), unverified.get("dept")
    if not isinstance(issuer, str) or issuer not in keys.issuers:
        raise Unauthenticated(f"the token's issuer {issuer!r} is not a known department")
    if dept != issuer:
        raise Unauthenticated(f"the issuer {issuer!r} does not match the department claimed ({dept!r})")
    kid = header.get("kid")
    if not isinstance(kid, str):
        raise Unauthenticated("the token names no key (kid)")
    if kid.startswith(DEV_KID_PREFIX) and not keys.allow_development:
        raise Unauthenticated(f"the token is signed with a development key ({kid}): refused in production")
    public = keys.key(issuer, kid)
    if public is None:
        owner = keys.owner_of(kid)
        if owner is not None:
            raise Unauthenticated(f"the token is signed with the key of department {owner!r}, not {issuer!r}")
        raise Unauthenticated(f"the token's key (kid {kid!r}) is unknown to issuer {issuer!r}")
    try:
        claims = jwt.decode(
            token,
            public,
            algorithms=[ALGORITHM],
            issuer=issuer,
            # iat is checked in _principal, with CLOCK_SKEW_SECONDS for an issuer's clock ahead of ours
            options={
                "require": ["exp", "iat", "sub", "aud", "jti", "iss"],
                "verify_aud": False,
                "verify_iat": False,
            },
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired") from None
    except jwt.InvalidSignatureError:
        raise Unauthenticated(f"the token's signature does not verify with the key of {issuer!r}") from None
    except jwt.PyJWTError as bad:
        raise Unauthenticated(f"the token is not valid: {bad}") from None
    principal = _principal(claims, revoked)
    if len(_verified) >= VERIFIED_KEPT:
        _verified.clear()
    _verified[token] = (keys, issuer, kid, public, principal)
    return principal


VERIFIED_KEPT = 4096
CLOCK_SKEW_SECONDS = 60  # how far ahead of this process's clock an issuer's may be (iat)
_verified: dict[str, tuple[KeyRing, str, str, Ed25519PublicKey, Principal]] = {}
"""Tokens verified (by the key ring, issuer, key id and key that verified them) with their
principal: a token seen again is answered with it while it has not expired, the ring still
holds that key, and it is not revoked."""


def _principal(claims: dict[str, object], revoked: Callable[[str], bool]) -> Principal:
    issued, expires, jti = claims["iat"], claims["exp"], str(claims["jti"])
    if not isinstance(issued, int) or not isinstance(expires, int) or expires - issued > MAX_TTL_SECONDS:
        raise Unauthenticated(f"the token lives longer than {MAX_TTL_SECONDS // 3600} hours")
    if issued > time.time() + CLOCK_SKEW_SECONDS:
        raise Unauthenticated(
            f"the token is not valid: issued more than {CLOCK_SKEW_SECONDS} s in the future (iat)"
        )
    if revoked(jti):
        raise Unauthenticated(f"the token {jti} has been revoked")
    roles, aud = claims.get("roles"), claims["aud"]
    if not isinstance(roles, list):
        raise Unauthenticated("the token carries no roles")
    level = claims.get("level", 0)
    return Principal(
        str(claims["sub"]),
        str(claims["dept"]),
        frozenset(str(r) for r in roles),
        level if isinstance(level, int) else 0,
        tuple(aud) if isinstance(aud, list) else (str(aud),),
        jti,
        expires,
    )

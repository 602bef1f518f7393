"""Department auth: signed tokens (JWT, HS256) carrying the department and roles."""

from __future__ import annotations

import time
from dataclasses import dataclass

import jwt

from park_shared.errors import DomainError

__all__ = ["Principal", "TokenError", "Unauthenticated", "mint_token", "verify_token"]

ALGORITHM = "HS256"


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

    @property
    def actor(self) -> str:
        return f"{self.department}:{','.join(sorted(self.roles))}:{self.subject}"


def mint_token(
    secret: str,
    department: str,
    roles: list[str],
    subject: str,
    *,
    audience: str = "park",
    ttl_seconds: int = 8 * 3600,
    extra: dict[str, object] | None = None,
) -> str:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": subject,
        "dept": department,
        "roles": sorted(roles),
        "aud": audience,
        "iat": now,
        "exp": now + ttl_seconds,
        **(extra or {}),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(token: str, secret: str, *, audience: str = "park") -> Principal:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=audience,
            options={"require": ["exp", "sub", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired") from None
    except jwt.InvalidAudienceError:
        raise Unauthenticated("the token is not for this audience") from None
    except jwt.PyJWTError as bad:
        malformed = isinstance(bad, jwt.DecodeError) and not isinstance(bad, jwt.InvalidSignatureError)
        reason = "it is malformed (a token is header.payload.signature, base64url)" if malformed else bad
        raise Unauthenticated(f"the token is not valid: {reason}") from None
    dept, roles = claims.get("dept"), claims.get("roles")
    if not isinstance(dept, str) or not isinstance(roles, list):
        raise Unauthenticated("the token carries no department or roles")
    level = claims.get("level", 0)
    return Principal(
        str(claims["sub"]),
        dept,
        frozenset(str(r) for r in roles),
        level if isinstance(level, int) else 0,
    )

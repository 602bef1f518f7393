"""FastAPI dependencies that verify a department token and the roles a route needs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from park_shared.auth import Principal, Unauthenticated, verify_token
from park_shared.errors import Forbidden

__all__ = ["requires"]

_bearer = HTTPBearer(auto_error=False, description="A department token (parkctl token).")

Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def requires(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency: a valid token of this service's department, for this service, holding one
    of `roles`. Another department's valid token is a 403 naming it; any other refusal a 401."""

    async def principal(request: Request, credentials: Credentials) -> Principal:
        if credentials is None:
            raise Unauthenticated("a bearer token is required")
        runtime = request.app.state.runtime
        who = verify_token(credentials.credentials, runtime.keys, revoked=runtime.revocations.is_revoked)
        if who.department != runtime.department:
            raise Forbidden(
                f"department {who.department!r} may not act on {runtime.service}",
                department=who.department,
            )
        if runtime.service not in who.audience:
            raise Unauthenticated(f"the token is for {', '.join(who.audience)}, not {runtime.service}")
        if roles and not who.roles.intersection(roles):
            raise Forbidden(
                f"this needs the role {' or '.join(roles)}",
                missing_role=list(roles),
            )
        return who

    return principal

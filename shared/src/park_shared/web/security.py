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
    """A dependency: a valid token of this service's department holding one of `roles`."""

    async def principal(request: Request, credentials: Credentials) -> Principal:
        if credentials is None:
            raise Unauthenticated("a bearer token is required")
        runtime = request.app.state.runtime
        settings = runtime.settings
        who = verify_token(
            credentials.credentials,
            settings.park_token_secret.get_secret_value(),
            audience=settings.park_token_audience,
        )
        if who.department != runtime.department:
            raise Forbidden(
                f"department {who.department!r} may not act on {runtime.service}",
                department=who.department,
            )
        if roles and not who.roles.intersection(roles):
            raise Forbidden(
                f"this needs the role {' or '.join(roles)}",
                missing_role=list(roles),
            )
        return who

    return principal

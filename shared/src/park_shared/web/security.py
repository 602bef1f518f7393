"""FastAPI dependencies that verify a department token and the roles a route needs."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.security import HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from starlette.requests import HTTPConnection

from park_shared.auth import Principal, Unauthenticated, verify_token
from park_shared.errors import Forbidden

__all__ = ["requires"]

DESCRIPTION = "A department token (parkctl token)."


class _Requires(HTTPBearer):
    """The bearer scheme and the role check in one dependency. FastAPI documents any
    dependency that is an `HTTPBearer` as the scheme it is (its name given here, as a plain
    `HTTPBearer` would have it), and solves each dependency's own dependencies on every
    request: a role check that took the scheme's credentials as a sub-dependency paid for a
    second dependency per request. What a request is answered is the same."""

    def __init__(self, roles: tuple[str, ...]) -> None:
        super().__init__(auto_error=False, description=DESCRIPTION, scheme_name="HTTPBearer")
        self.roles = roles

    async def __call__(self, request: HTTPConnection) -> Principal:  # type: ignore[override]
        # the credentials as HTTPBearer(auto_error=False) reads them: none unless "Bearer <token>"
        scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
        if not (scheme and token) or scheme.lower() != "bearer":
            raise Unauthenticated("a bearer token is required")
        runtime = request.app.state.runtime
        who = verify_token(token, runtime.keys, revoked=runtime.revocations.is_revoked)
        if who.department != runtime.department:
            raise Forbidden(
                f"department {who.department!r} may not act on {runtime.service}",
                department=who.department,
            )
        if runtime.service not in who.audience:
            raise Unauthenticated(f"the token is for {', '.join(who.audience)}, not {runtime.service}")
        roles = self.roles
        if roles and not who.roles.intersection(roles):
            raise Forbidden(
                f"this needs the role {' or '.join(roles)}",
                missing_role=list(roles),
            )
        return who


def requires(*roles: str) -> Callable[[HTTPConnection], Coroutine[Any, Any, Principal]]:
    """A dependency: a valid token of this service's department, for this service, holding one
    of `roles`. Another department's valid token is a 403 naming it; any other refusal a 401."""
    return _Requires(roles)

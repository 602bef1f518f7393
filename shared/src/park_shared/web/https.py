"""HTTPS for a service: uvicorn's TLS options from the settings.

    PARK_TLS_CERTFILE           the server's certificate chain (PEM: its certificate, then the CA's)
    PARK_TLS_KEYFILE            its private key (PEM)
    PARK_TLS_KEYFILE_PASSWORD   the key's password, if it is encrypted

With both files set the service serves HTTPS only on its port (a client that offers no TLS gets
no HTTP answer); unset, plain HTTP. `python -m park_shared.tls` makes a CA and certificates."""

from __future__ import annotations

from typing import Any

from park_shared.settings import ParkSettings

__all__ = ["https_options"]


def https_options(settings: ParkSettings) -> dict[str, Any]:
    """uvicorn.run's ``ssl_*`` keyword arguments; empty when the service serves plain HTTP."""
    if settings.park_tls_certfile is None or settings.park_tls_keyfile is None:
        return {}
    password = settings.park_tls_keyfile_password
    return {
        "ssl_certfile": str(settings.park_tls_certfile),
        "ssl_keyfile": str(settings.park_tls_keyfile),
        "ssl_keyfile_password": password.get_secret_value() if password else None,
    }

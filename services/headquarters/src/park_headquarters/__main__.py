"""Runs the headquarters service: `python -m park_headquarters`."""

from __future__ import annotations

from park_shared.web.serve import serve

from park_headquarters.app import create_app
from park_headquarters.settings import HeadquartersSettings


def main() -> None:
    settings = HeadquartersSettings()
    serve(create_app(settings), settings, service="headquarters", host=settings.host, port=settings.port)


if __name__ == "__main__":
    main()

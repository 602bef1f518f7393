"""The service-center service as its own process, with its clock read from a file: what the
kill-and-restart drill of test_overdue_restart.py runs. Usage: drill_service.py CLOCK_FILE PORT
(settings from the environment, as in production)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import uvicorn
from park_service_center.app import create_app
from park_service_center.settings import ServiceCenterSettings


def main() -> None:
    clock_file, port = Path(sys.argv[1]), int(sys.argv[2])

    def clock() -> datetime:
        return datetime.fromisoformat(clock_file.read_text().strip())

    app = create_app(ServiceCenterSettings(), clock=clock)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()

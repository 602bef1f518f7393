"""Who we are on the wire: the service's name (`park.headquarters.<Event>.v<N>`) and department.
What we publish, keep and read is `contract.py`."""

from __future__ import annotations

SERVICE = "headquarters"
DEPARTMENT = "hq"

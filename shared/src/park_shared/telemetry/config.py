"""The process-wide observability switches, read from the environment when a service starts.

PARK_TELEMETRY (traces: off, console, memory, otlp) is a field of every service's settings;
these are the rest, the same for every service of a deployment."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ObservabilitySettings"]


class ObservabilitySettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    park_metrics: Literal["prometheus", "otlp", "off"] = "prometheus"
    """prometheus: a scrape endpoint at /metrics; otlp: pushed to OTEL_EXPORTER_OTLP_ENDPOINT."""
    park_metrics_interval: float = Field(10.0, gt=0, le=3600)
    """Seconds between OTLP metric exports (and samples of lag and backlog with otlp)."""
    park_telemetry_file: Path | None = None
    """Also writes every finished span as one JSON line to this file (tests, debugging)."""
    park_log_format: Literal["json", "text"] = "json"
    park_log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

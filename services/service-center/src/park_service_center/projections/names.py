"""The read-model collections of this service."""

from __future__ import annotations

__all__ = [
    "AWAITING_CATALOGUE",
    "CASES",
    "DEADLINES",
    "INVOICES",
    "PERFORMANCE",
    "POLICY_VERSIONS",
    "REGULATIONS",
    "TALENT_APPLICATIONS",
    "TALENT_PERSONS",
    "TICKETS",
    "VACANCIES",
]

POLICY_VERSIONS = "sc_policy_versions"
CASES = "sc_cases"
DEADLINES = "sc_deadlines"
PERFORMANCE = "sc_performance"
INVOICES = "sc_invoices"
TICKETS = "sc_tickets"
VACANCIES = "sc_vacancies"
AWAITING_CATALOGUE = "sc_awaiting_catalogue"
TALENT_APPLICATIONS = "sc_talent_applications"
TALENT_PERSONS = "sc_talent_persons"
REGULATIONS = "sc_regulations"
"""HQ's management regulations as recorded here: kind, versions (article numbers), repeal."""

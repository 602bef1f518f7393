"""Talent subsidy use cases. The person's identity number never leaves this module: the person
is named everywhere by `person_key`, an HMAC-SHA256 of the identity number under a key derived
from the service's personal-data key (a plain hash would not do: identity numbers are few enough
to enumerate), so the same person is recognised again (one subsidy per category) without the
number being stored. The name and the identity number's last four characters are sealed under
the person's own key (park_shared.personal_data) into PersonIdentified and opened per response;
an erasure destroys the key. Never log a PersonDetails: its repr shows nothing personal."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.handler import CommandContext
from park_shared.identifiers import is_identity_number
from park_shared.personal_data import PersonalDataVault, last_four, master_key
from park_shared.projections.port import Doc

from park_service_center.application.context import ServiceCenter
from park_service_center.application.policies import talent_terms_in_force
from park_service_center.domain.talent import (
    ApplyForSubsidy,
    ApproveApplication,
    PayInstalment,
    RejectApplication,
    stream_key,
)
from park_service_center.domain.talent_person import ErasePersonData, IdentifyPerson
from park_service_center.projections.names import TALENT_APPLICATIONS, TALENT_PERSONS

__all__ = [
    "PERSONAL_FIELDS",
    "PersonDetails",
    "application_doc",
    "apply_for_subsidy",
    "check_id_number",
    "erase_person",
    "opened_person",
    "person_key",
    "run_on_application",
    "statistics",
    "vault",
]

PERSONAL_FIELDS = ("name", "id_number_hint")
_ID_NUMBER = re.compile(r"^[1-9]\d{16}[\dX]$")


@dataclass(frozen=True, slots=True, repr=False)
class PersonDetails:
    """A person as the enterprise enters them. `repr` shows nothing personal."""

    name: str
    id_number: str

    def __repr__(self) -> str:
        return "PersonDetails(...)"

    @property
    def hint(self) -> str:
        return last_four(self.id_number)


def check_id_number(number: str) -> str:
    """A resident identity number (GB 11643: 17 digits and a check character); 422 naming
    person.id_number otherwise (the message never repeats it)."""
    number = number.strip().upper()
    if not _ID_NUMBER.match(number):
        raise Invalid("an identity number has 17 digits and a check digit or X", field="person.id_number")
    if not is_identity_number(number):
        raise Invalid("the identity number's check digit does not match", field="person.id_number")
    return number


def person_key(key: bytes, id_number: str) -> str:
    """The person's pseudonym: stable for the same identity number, revealing nothing of it."""
    derived = hmac.new(key, b"service-center talent person pseudonym", hashlib.sha256).digest()
    return "tp-" + hmac.new(derived, id_number.upper().encode(), hashlib.sha256).hexdigest()[:24]


def vault(center: ServiceCenter) -> PersonalDataVault:
    return PersonalDataVault(center.runtime.read_models, center.settings)


async def apply_for_subsidy(
    center: ServiceCenter,
    person: PersonDetails,
    *,
    application_id: str,
    category: str,
    enterprise_id: str,
    park_id: str,
    hired_on: date,
    context: CommandContext,
) -> None:
    """Records the application (409 naming the existing application when the person is
    subsidised in the category already, or awaits a decision in it), then the person's sealed
    details. Nothing is stored when the application is refused."""
    center.park(park_id)
    number = check_id_number(person.id_number)
    key = person_key(master_key(center.settings), number)
    known = await center.doc(TALENT_PERSONS, key)
    if known is not None and known["erased"]:
        raise Conflict(
            "the personal data of this person was erased; no new application is taken for them",
            erased_at=str(known["erased_at"]),
        )
    today = center.today()
    terms = await talent_terms_in_force(await center.read_models(), today, category)
    calendar = await center.calendar(today)
    command = ApplyForSubsidy(
        application_id=application_id,
        person_key=key,
        category=category,
        enterprise_id=enterprise_id,
        park_id=park_id,
        hired_on=hired_on,
        applied_on=today,
        terms=terms,
        deadline=calendar.add_working_days(today, center.settings.sc_talent_decision_working_days),
    )
    await center.talent.handle(stream_key(key, category), command, context)
    details = {"name": person.name, "id_number_hint": PersonDetails(person.name, number).hint}
    token = await vault(center).seal(key, details)
    identify = IdentifyPerson(person_key=key, personal=token, identified_on=today)
    await center.talent_persons.handle(key, identify, context)


async def application_doc(center: ServiceCenter, application_id: str) -> Doc:
    return await center.found(
        TALENT_APPLICATIONS,
        application_id,
        f"there is no talent application {application_id!r}",
        application_id=application_id,
    )


async def run_on_application(
    center: ServiceCenter,
    application_id: str,
    command: ApproveApplication | RejectApplication | PayInstalment,
    context: CommandContext,
) -> Doc:
    """Runs a decision or a payment on the application's stream; answers with its document."""
    doc = await application_doc(center, application_id)
    await center.talent.handle(stream_key(doc["person_key"], doc["category"]), command, context)
    return await application_doc(center, application_id)


async def opened_person(center: ServiceCenter, key: str) -> dict[str, Any]:
    """The person's details opened for an officer's response (None fields once erased)."""
    doc = await center.doc(TALENT_PERSONS, key)
    token = None if doc is None else doc.get("personal")
    fields = await vault(center).open(token) if token else None
    return {**dict.fromkeys(PERSONAL_FIELDS), **(fields or {}), "erased": bool(doc and doc["erased"])}


async def erase_person(center: ServiceCenter, application_id: str, context: CommandContext) -> None:
    """Records PersonalDataErased for the application's person, then destroys the key (a retry
    after a crash in between gets the 409 and still destroys it)."""
    doc = await application_doc(center, application_id)
    key = doc["person_key"]
    erasure = center.talent_persons.handle(key, ErasePersonData(erased_at=center.now()), context)
    unknown = NotFound(f"application {application_id} has no personal data recorded")
    await vault(center).erase_recorded(key, erasure, unknown)


async def statistics(center: ServiceCenter) -> list[dict[str, Any]]:
    """Counts and amounts per category and park, no names (the public statistics)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for doc in await (await center.read_models()).find(TALENT_APPLICATIONS):
        row = rows.setdefault(
            (doc["category"], doc["park_id"]),
            {
                "category": doc["category"],
                "park_id": doc["park_id"],
                "applications": 0,
                "pending": 0,
                "approved": 0,
                "rejected": 0,
                "granted": Decimal("0.00"),
                "paid": Decimal("0.00"),
            },
        )
        row["applications"] += 1
        row[doc["status"]] += 1
        row["granted"] += Decimal(str(doc["granted"]))
        row["paid"] += Decimal(str(doc["paid"]))
    return [rows[k] for k in sorted(rows)]

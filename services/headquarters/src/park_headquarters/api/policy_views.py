"""Read-side helpers shared by /policies and /public/policies."""

from __future__ import annotations

from datetime import date
from typing import Any

from park_shared.errors import NotFound
from park_shared.projections.port import Doc, ReadModelStore

from park_headquarters.api.policy_schemas import CitedArticle, PolicyInForce, PublishedPolicy
from park_headquarters.application.policy_queries import InForce, in_force, policy_state
from park_headquarters.domain.policy_terms import PolicyKind
from park_headquarters.domain.policy_timeline import in_force_on

__all__ = ["in_force_list", "in_force_one", "published_only"]


def _citations(terms: dict[str, Any], effective_from: date) -> list[CitedArticle]:
    """The articles a fee schedule's items cite, linked as in force when the schedule took effect."""
    cited = []
    for item in terms.get("items") or []:
        basis = item.get("legal_basis") if isinstance(item, dict) else None
        if not basis:
            continue
        rid, number = basis["regulation_id"], int(basis["article"])
        link = f"/public/regulations/{rid}?on={effective_from.isoformat()}#article-{number}"
        cited.append(
            CitedArticle(
                item_code=str(item.get("code")),
                regulation_id=rid,
                article=number,
                version=int(basis["version"]),
                link=link,
            )
        )
    return cited


def _view(found: InForce, on: date) -> PolicyInForce:
    v = found.version
    assert v.effective_from is not None
    return PolicyInForce(
        policy_id=found.policy_id,
        kind=found.kind,
        on=on,
        version=v.version,
        title=v.title,
        terms=v.terms,
        effective_from=v.effective_from,
        published_at=v.published_at,
        citations=_citations(v.terms, v.effective_from),
    )


async def in_force_list(
    read_models: ReadModelStore, on: date, kind: PolicyKind | None
) -> list[PolicyInForce]:
    return [_view(found, on) for found in await in_force(read_models, on, kind)]


async def in_force_one(read_models: ReadModelStore, policy_id: str, on: date) -> PolicyInForce:
    state = await policy_state(read_models, policy_id)
    if state is None or state.kind is None:
        raise NotFound(f"there is no policy {policy_id!r}")
    version = in_force_on(state.versions, on)
    if version is None:
        raise NotFound(f"no version of policy {policy_id!r} is in force on {on}", on=str(on))
    return _view(InForce(policy_id=policy_id, kind=state.kind, version=version), on)


def published_only(doc: Doc) -> PublishedPolicy:
    """A policy as the public sees it: its published versions, never a draft."""
    versions = [v for v in doc["versions"] if v["status"] != "drafted"]
    return PublishedPolicy.model_validate({**doc, "versions": versions})

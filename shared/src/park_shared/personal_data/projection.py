"""The read model of a service's data subjects (households, referrers, investors): one document
per subject, its recorded event's fields (JSON-safe) with `erased` false; once its key is
destroyed, the document drops the sealed token (`personal`) and says when it was erased."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel

from park_shared.events import RecordedEvent
from park_shared.personal_data.subject import SubjectErased
from park_shared.projections.runner import ProjectionView

__all__ = ["SubjectsProjection"]

RecordedT = TypeVar("RecordedT", bound=BaseModel)


class SubjectsProjection(Generic[RecordedT]):
    """Named after its collection: `recorded` puts the subject's document (keyed by
    `subject_of`), `erased` blanks it."""

    def __init__(
        self,
        collection: str,
        recorded: type[RecordedT],
        erased: type[SubjectErased],
        *,
        subject_of: Callable[[RecordedT], str],
    ) -> None:
        self.name = collection
        self.collections: tuple[str, ...] = (collection,)
        self._collection = collection
        self._recorded = recorded
        self._erased = erased
        self._subject_of = subject_of

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, self._recorded):
            doc = {**event.model_dump(mode="json"), "erased": False, "erased_at": None}
            view.put(self._collection, self._subject_of(event), doc)
        elif isinstance(event, self._erased):
            old = await view.get(self._collection, event.subject_id)
            if old is not None:
                erased = {"personal": None, "erased": True, "erased_at": event.erased_at.isoformat()}
                view.put(self._collection, event.subject_id, {**old, **erased})

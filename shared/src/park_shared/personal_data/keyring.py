"""Where the data keys live: a collection of the service's own read-model store that no
projection owns, so a projection rebuild never resets it (a rebuild resets only the
collections a projection names). Keys are created insert-if-absent, so two seals racing for a
new subject end up with the one key that was stored first."""

from __future__ import annotations

from park_shared.projections.port import Doc, ReadModelStore

__all__ = ["KEYS", "KeyRing"]

KEYS = "personal_data_keys"
"""The collection of wrapped data keys, one document per data subject."""


class KeyRing:
    """The wrapped data keys by subject id; knows nothing of cryptography."""

    def __init__(self, store: ReadModelStore) -> None:
        self._store = store

    async def get(self, subject_id: str) -> Doc | None:
        return await self._store.get(KEYS, subject_id)

    async def add(self, subject_id: str, doc: Doc) -> Doc:
        """Stores `doc` unless the subject has a key already; returns the key that is stored."""
        await self._store.insert_if_absent(KEYS, subject_id, doc)
        stored = await self.get(subject_id)
        if stored is None:  # erased between the insert and the read: the insert is void too
            raise LookupError(f"the key of {subject_id} was erased while it was created")
        return stored

    async def delete(self, subject_id: str, key_id: str | None = None) -> bool:
        """Deletes the subject's key (only if it is `key_id`, when given)."""
        return await self._store.remove(KEYS, subject_id, None if key_id is None else {"key_id": key_id})

"""Crypto-shredding: personal data sealed under a key per data subject, the key wrapped by the
service's master key (envelope encryption), erasure by destroying the subject's key.

A token reads `pd1.<subject>.<key id>.<nonce + ciphertext>` (base64url): AES-256-GCM under the
subject's data key, the subject and key id as associated data, so a token cannot be moved to
another subject. Events and read models keep tokens; whoever shows the data opens them at read
time, so once the key is gone the data is unreadable everywhere, rebuilt read models included.
Keys are never cached: an erasure in one process holds at once for every process."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Awaitable, Iterable, Mapping

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from park_shared.errors import Conflict, NotFound
from park_shared.personal_data.keyring import KeyRing
from park_shared.projections.port import Doc, ReadModelStore
from park_shared.settings import ParkSettings

__all__ = ["PersonalDataVault", "SealBroken", "key_id_of", "subject_of"]

VERSION = "pd1"
Fields = Mapping[str, str | None]


class SealBroken(ValueError):
    """A token that is malformed, altered, or sealed under another master key."""


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


def _parse(token: str) -> tuple[str, str, bytes]:
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != VERSION:
        raise SealBroken("not a sealed personal-data token")
    try:
        subject_id, blob = _unb64(parts[1]).decode(), _unb64(parts[3])
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise SealBroken("not a sealed personal-data token") from exc
    if not subject_id or len(blob) < 28:
        raise SealBroken("not a sealed personal-data token")
    return subject_id, parts[2], blob


def subject_of(token: str) -> str:
    """The data subject a token belongs to (not secret: a pseudonymous id)."""
    return _parse(token)[0]


def key_id_of(token: str) -> str:
    """The id of the subject's key a token was sealed under (not secret), so that a decision
    can refuse a token sealed under a key an erasure destroys."""
    return _parse(token)[1]


def _aad(purpose: str, subject_id: str, key_id: str) -> bytes:
    return f"{VERSION}:{purpose}:{key_id}:{subject_id}".encode()


def master_key(settings: ParkSettings) -> bytes:
    """The 256-bit wrapping key, derived from PARK_PERSONAL_DATA_KEY; refuses the development
    default in production."""
    secret = settings.park_personal_data_key.get_secret_value()
    default = ParkSettings.model_fields["park_personal_data_key"].default.get_secret_value()
    if settings.park_env == "production" and (secret == default or len(secret) < 32):
        raise ValueError("PARK_PERSONAL_DATA_KEY must be set to 32+ characters in production")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"park personal data master key")
    return hkdf.derive(secret.encode())


class PersonalDataVault:
    """`seal` encrypts a subject's fields, `open` decrypts (None once erased), `erase` destroys
    the subject's key. Nothing here logs, and no method echoes a field in an error."""

    def __init__(self, store: ReadModelStore, settings: ParkSettings) -> None:
        self._keys = KeyRing(store)
        master = master_key(settings)
        self._master = AESGCM(master)
        self._fingerprint = hashlib.sha256(b"fingerprint:" + master).hexdigest()[:12]

    async def seal(self, subject_id: str, fields: Fields) -> str:
        key_id, key = await self._key_for(subject_id)
        nonce = os.urandom(12)
        plain = orjson.dumps(dict(fields))
        sealed = AESGCM(key).encrypt(nonce, plain, _aad("data", subject_id, key_id))
        return ".".join((VERSION, _b64(subject_id.encode()), key_id, _b64(nonce + sealed)))

    async def opened(self, doc: Doc, fields: Iterable[str]) -> Doc:
        """`doc` with the personal data sealed in its `personal` token opened: each of `fields`
        (None once the subject's key is gone, or when nothing was sealed) and `erased`."""
        token = doc.get("personal")
        opened = await self.open(token) if token else None
        return {**doc, **dict.fromkeys(fields), **(opened or {}), "erased": opened is None}

    async def open(self, token: str) -> dict[str, str | None] | None:
        """The fields sealed in `token`, or None when the subject's key that sealed it is gone."""
        subject_id, key_id, blob = _parse(token)
        record = await self._keys.get(subject_id)
        if record is None or record["key_id"] != key_id:
            return None
        key = self._unwrap(subject_id, record)
        try:
            plain = AESGCM(key).decrypt(blob[:12], blob[12:], _aad("data", subject_id, key_id))
        except InvalidTag:
            raise SealBroken(f"the personal data of {subject_id} was altered") from None
        fields: dict[str, str | None] = orjson.loads(plain)
        return fields

    async def erase(self, subject_id: str, key_id: str | None = None) -> bool:
        """Destroys the subject's key (only if it is `key_id`, when given); True if there was
        one. Every token of it is unreadable."""
        return await self._keys.delete(subject_id, key_id)

    async def erase_recorded(self, subject_id: str, recording: Awaitable[object], unknown: NotFound) -> None:
        """Destroys the subject's key once `recording` (handling the service's erase command) has
        recorded its PersonalDataErased: the event first, then the key, so a retry after a crash
        in between finds the erasure recorded, answers its 409 and still destroys the key. A 404
        from the handler becomes `unknown` (the service's own)."""
        try:
            await recording
        except NotFound:
            raise unknown from None
        except Conflict:
            await self.erase(subject_id)
            raise
        await self.erase(subject_id)

    async def key_id(self, subject_id: str) -> str | None:
        """The id of the subject's current key, if it has one."""
        record = await self._keys.get(subject_id)
        return None if record is None else str(record["key_id"])

    async def has_key(self, subject_id: str) -> bool:
        return await self._keys.get(subject_id) is not None

    async def _key_for(self, subject_id: str) -> tuple[str, bytes]:
        record = await self._keys.get(subject_id)
        if record is None:
            key_id, key = os.urandom(8).hex(), AESGCM.generate_key(bit_length=256)
            nonce = os.urandom(12)
            wrapped = self._master.encrypt(nonce, key, _aad("key", subject_id, key_id))
            doc = {"key_id": key_id, "master": self._fingerprint, "wrapped": _b64(nonce + wrapped)}
            record = await self._keys.add(subject_id, doc)
        return str(record["key_id"]), self._unwrap(subject_id, record)

    def _unwrap(self, subject_id: str, record: Doc) -> bytes:
        if record.get("master") != self._fingerprint:
            raise SealBroken(f"the key of {subject_id} is wrapped by another PARK_PERSONAL_DATA_KEY")
        blob = _unb64(str(record["wrapped"]))
        try:
            return self._master.decrypt(blob[:12], blob[12:], _aad("key", subject_id, record["key_id"]))
        except InvalidTag:
            raise SealBroken(f"the key of {subject_id} was altered") from None

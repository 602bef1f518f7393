"""Crypto-shredding: sealed per subject, readable until the subject's key is destroyed, the key
wrapped by the master key, kept through projection rebuilds and created once under a race.
Runs on SQLite and (PARK_REAL=1) on FerretDB; two stores on one database stand for two processes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from park_shared.backends import open_store
from park_shared.personal_data import KEYS, PersonalDataVault, SealBroken, subject_of
from park_shared.projections.port import ReadModelStore
from park_shared.settings import ParkSettings
from pydantic import SecretStr

NAME, PHONE = "陈建国", "+86 139 0000 1234"
OpenModels = Callable[[], Awaitable[ReadModelStore]]


@pytest.fixture
async def open_models(park_settings: ParkSettings) -> AsyncIterator[OpenModels]:
    """Opens the read models of one service database, as another process would, each time."""
    closers = []

    async def open_one() -> ReadModelStore:
        _, read_models, close = await open_store("vault-test", park_settings)
        closers.append(close)
        return read_models

    yield open_one
    for close in closers:
        await close()


async def test_sealed_fields_open_until_the_key_is_erased(
    open_models: OpenModels, park_settings: ParkSettings
) -> None:
    store = await open_models()
    vault = PersonalDataVault(store, park_settings)
    token = await vault.seal("ref-1", {"name": NAME, "phone": PHONE, "relation": None})
    other = await vault.seal("ref-2", {"name": "李娜"})
    # the number's part with spaces: base64 never has one (random bytes may spell "139")
    assert NAME not in token and "0000 1234" not in token and subject_of(token) == "ref-1"
    assert await vault.open(token) == {"name": NAME, "phone": PHONE, "relation": None}
    stored = await store.get(KEYS, "ref-1")
    assert stored is not None and set(stored) == {"key_id", "master", "wrapped"}

    assert await vault.erase("ref-1") is True
    assert await vault.open(token) is None
    assert await store.get(KEYS, "ref-1") is None and not await vault.has_key("ref-1")
    assert await vault.erase("ref-1") is False
    assert await vault.open(other) == {"name": "李娜"}

    again = await vault.seal("ref-1", {"name": "new consent"})  # a new key, the old data stays gone
    assert await vault.open(again) == {"name": "new consent"} and await vault.open(token) is None


async def test_the_keys_survive_a_projection_reset_and_another_process_reads_them(
    open_models: OpenModels, park_settings: ParkSettings
) -> None:
    store = await open_models()
    token = await PersonalDataVault(store, park_settings).seal("inv-1", {"name": NAME})
    await store.reset("referrers", ["referrers", "leads"])
    second = PersonalDataVault(await open_models(), park_settings)
    assert await second.open(token) == {"name": NAME}
    assert await second.erase("inv-1") and await PersonalDataVault(store, park_settings).open(token) is None


async def test_racing_seals_of_a_new_subject_share_one_key(
    open_models: OpenModels, park_settings: ParkSettings
) -> None:
    vaults = [PersonalDataVault(await open_models(), park_settings) for _ in range(2)]
    tokens = await asyncio.gather(*(vaults[i % 2].seal("ref-race", {"n": str(i)}) for i in range(12)))
    assert len({t.split(".")[2] for t in tokens}) == 1
    opened = [await vaults[0].open(t) for t in tokens]
    assert opened == [{"n": str(i)} for i in range(12)]


async def test_a_token_that_was_altered_moved_or_mangled_is_refused(
    open_models: OpenModels, park_settings: ParkSettings
) -> None:
    vault = PersonalDataVault(await open_models(), park_settings)
    token = await vault.seal("ref-a", {"name": NAME})
    version, subject, key_id, blob = token.split(".")
    flipped = blob[:-2] + ("A" if blob[-2] != "A" else "B") + blob[-1]
    _, other, other_key, _ = (await vault.seal("ref-b", {"name": "x"})).split(".")
    moved = ".".join((version, other, other_key, blob))  # ref-a's data under ref-b's key
    for bad in (".".join((version, subject, key_id, flipped)), moved, "pd1.x", "pd2.a.b.c", "pd1.!.a.b"):
        with pytest.raises(SealBroken):
            await vault.open(bad)


async def test_another_master_key_cannot_unwrap_and_production_refuses_the_default(
    open_models: OpenModels, park_settings: ParkSettings
) -> None:
    store = await open_models()
    token = await PersonalDataVault(store, park_settings).seal("ref-m", {"name": NAME})
    rotated = park_settings.model_copy(update={"park_personal_data_key": SecretStr("another-" * 5)})
    with pytest.raises(SealBroken, match="another PARK_PERSONAL_DATA_KEY"):
        await PersonalDataVault(store, rotated).open(token)
    production = park_settings.model_copy(update={"park_env": "production"})
    with pytest.raises(ValueError, match="PARK_PERSONAL_DATA_KEY"):
        PersonalDataVault(store, production)
    PersonalDataVault(store, rotated.model_copy(update={"park_env": "production"}))

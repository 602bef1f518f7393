"""Personal data at rest: sealed per data subject, erased by destroying the subject's key
(crypto-shredding). See vault.py for the token, keyring.py for where the keys live and
subject.py for the erasure rule every service's deciders share, projection.py for the subjects'
read model, hint.py for what may be shown."""

from park_shared.personal_data.hint import last_four
from park_shared.personal_data.keyring import KEYS, KeyRing
from park_shared.personal_data.vault import PersonalDataVault, SealBroken, master_key, subject_of

__all__ = ["KEYS", "KeyRing", "PersonalDataVault", "SealBroken", "last_four", "master_key", "subject_of"]

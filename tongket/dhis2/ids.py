"""DHIS2 identifiers for tongket's objects.

DHIS2 names every object by an 11-character UID (a letter, then letters and digits).
tongket names its units and indicators by code, so a UID is derived from the kind and
the code: stable across exports and servers, and clients that use `idScheme=code`
never need it.
"""

import hashlib

_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_LETTERS = _ALPHABET[:52]


def uid(kind: str, code: str) -> str:
    """The UID of the object of this kind ("ou", "de", "ds", "coc", …) and code."""
    digest = hashlib.sha256(f"tongket:{kind}:{code}".encode()).digest()
    first = _LETTERS[digest[0] % len(_LETTERS)]
    return first + "".join(_ALPHABET[byte % len(_ALPHABET)] for byte in digest[1:11])


DEFAULT_COC = "HllvX50cXC0"  # DHIS2's own UID of the "default" category option combo

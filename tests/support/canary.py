"""Looking for a secret in bytes: raw, base64 (any alignment, both alphabets), UTF-16, hex."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path


def encodings(secret: str) -> dict[str, bytes]:
    raw = secret.encode("utf-8")
    found = {
        "raw": raw,
        "utf-16-le": secret.encode("utf-16-le"),
        "utf-16-be": secret.encode("utf-16-be"),
        "hex": raw.hex().encode("ascii"),
        "HEX": raw.hex().upper().encode("ascii"),
    }
    for offset in range(3):
        # The secret embedded at any byte offset: drop the groups that mix in neighbouring bytes.
        shifted = b"\0" * offset + raw
        found[f"base64+{offset}"] = base64.b64encode(shifted)[4:-4]
        found[f"base64url+{offset}"] = base64.urlsafe_b64encode(shifted)[4:-4]
    return found


def hits(data: bytes, secret: str) -> list[str]:
    """Names of the encodings of ``secret`` that occur in ``data``."""
    return [name for name, needle in encodings(secret).items() if needle in data]


def scan_files(files: Iterable[Path], secrets: Iterable[str]) -> list[str]:
    """``file: encoding`` for every file that holds any encoding of any secret."""
    found: list[str] = []
    wanted = list(secrets)
    for path in files:
        if not path.is_file():
            continue
        data = path.read_bytes()
        for secret in wanted:
            found.extend(f"{path}: {name}" for name in hits(data, secret))
    return found


def files_under(*folders: Path) -> list[Path]:
    return sorted(
        path for folder in folders if folder.exists() for path in folder.rglob("*") if path.is_file()
    )

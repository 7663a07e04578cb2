"""Secrets at rest: connector credentials and webhook signing secrets are stored encrypted
(Fernet: AES-128-CBC + HMAC-SHA256) under a key kept in the data dir (``secret.key``, mode
0600), not in the database. A copy of the database (a PostgreSQL dump, a backup) then holds
no usable credential; the server, which must use them, reads the key file.

``FLEXORCH_SECRET_KEY`` (a Fernet key) overrides the file, for servers sharing one database.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

_LOCK = threading.Lock()
ENV = "FLEXORCH_SECRET_KEY"


def app_box(state: Any) -> "SecretBox":
    """The server's one box, kept on ``app.state`` (made on first use)."""
    box = getattr(state, "secretbox", None)
    if box is None:
        box = state.secretbox = SecretBox(state.settings.data_dir)
    return box


class SecretBox:
    def __init__(self, data_dir: str | Path) -> None:
        self._fernet = Fernet(self._key(Path(data_dir)))

    @staticmethod
    def _key(data_dir: Path) -> bytes:
        from_env = os.environ.get(ENV, "").strip()
        if from_env:
            return from_env.encode("ascii")
        path = data_dir / "secret.key"
        with _LOCK:
            if not path.exists():
                data_dir.mkdir(parents=True, exist_ok=True)
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(handle, "wb") as out:
                    out.write(Fernet.generate_key())
            return path.read_bytes().strip()

    def seal(self, value: Any) -> str:
        """Encrypt a JSON-able value."""
        return self._fernet.encrypt(json.dumps(value).encode("utf-8")).decode("ascii")

    def open(self, token: str | None) -> Any:
        """Decrypt what ``seal`` made (None for no token); ValueError when the key changed."""
        if not token:
            return None
        try:
            return json.loads(self._fernet.decrypt(token.encode("ascii")))
        except InvalidToken:
            raise ValueError("a stored secret cannot be decrypted with this server's key") from None

"""The SHA-256 of a loaded file, as the load log records it."""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileDigest:
    """A file's SHA-256 for the load log, computed in a thread while the load reads the file:
    hashlib lets go of the GIL, and on the 10 M demo (2.1 GB) the digest alone took 6.4 s
    before the read could begin. A daemon thread, so a load that fails early does not wait
    for it to finish reading. With no path (rows that came from no file) its value is None."""

    def __init__(self, path: Path | None = None):
        self._value: str | None = None
        self._error: OSError | None = None
        self._thread = None
        if path is not None:
            self._thread = threading.Thread(target=self._run, args=(path,), daemon=True, name="file-digest")
            self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._value = file_digest(path)
        except OSError as error:   # raised again by value(), in the loading thread
            self._error = error

    def value(self) -> str | None:
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

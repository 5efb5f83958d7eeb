"""A progress line on stderr for scans that take more than a couple of seconds, on a terminal only."""
from __future__ import annotations

import sys
import threading
import time

DELAY_SECONDS = 2.0


class Progress:
    def __init__(self, stream=None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.status = "starting"
        self._lock = threading.Lock()
        self._shown = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread.start()
        return self

    def update(self, status: str) -> None:
        with self._lock:
            self.status = status

    def _run(self) -> None:
        if self._stop.wait(DELAY_SECONDS):
            return
        while not self._stop.is_set():
            with self._lock:
                line = f"faasguard: {self.status} ({time.monotonic() - self.started:.0f}s)"
                self.stream.write(f"\r\x1b[K{line}")
                self.stream.flush()
                self._shown = True
            self._stop.wait(0.5)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

"""Process plumbing shared by the local test servers (Kafka, FerretDB): stdlib only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

LOG_TAIL_LINES = 40
_SCRIPTS = Path("deploy") / "local"


@dataclass
class RunningServer:
    """A server process started for tests. ``stop()`` ends it (so does leaving a ``with``
    block on it); its data stays in ``workdir``, so starting it again with the same workdir and
    port (or ``restart()``) resumes that data."""

    url: str
    process: subprocess.Popen[bytes]
    workdir: Path
    starter: Callable[[Path, int | None], RunningServer] | None = field(default=None, repr=False)
    on_stop: Callable[[int], None] | None = field(default=None, repr=False)  # gets the exit code
    stop_signal: int = field(default=signal.SIGTERM, repr=False)

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, timeout: float = 30.0) -> None:
        """``stop_signal`` (SIGTERM), wait up to ``timeout`` seconds, then SIGKILL."""
        if self.process.poll() is None:
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.on_stop is not None:
            on_stop, self.on_stop = self.on_stop, None
            on_stop(self.process.returncode)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def restart(self) -> None:
        """Stop, then start again on the same workdir and port; this object follows along."""
        if self.starter is None:
            raise RuntimeError("this server cannot be restarted")
        self.stop()
        fresh = self.starter(self.workdir, self.port)
        self.url, self.process, self.on_stop = fresh.url, fresh.process, fresh.on_stop


def repo_root() -> Path:
    """The repository holding ``deploy/local``: $PARK_REPO, else found from this file or cwd."""
    if env := os.environ.get("PARK_REPO"):
        return Path(env)
    here = Path(__file__).resolve().parents  # shared/src/park_shared/testing/ -> [4] is the repo
    cwd = Path.cwd().resolve()
    for candidate in (*here[4:5], cwd, *cwd.parents):
        if (candidate / _SCRIPTS).is_dir():
            return candidate
    raise RuntimeError(f"cannot find {_SCRIPTS}: set PARK_REPO to the repository root")


def fetch(script: str) -> Path:
    """Run an idempotent fetch script of deploy/local; it prints the cached path last."""
    path = repo_root() / _SCRIPTS / script
    done = subprocess.run(["bash", str(path)], capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.splitlines()[-LOG_TAIL_LINES:])
        raise RuntimeError(f"{path} failed (exit {done.returncode}):\n{tail}")
    return Path(lines[-1])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def choose_port(workdir: Path, port: int | None) -> int:
    """``port`` if given, else the one this workdir used last (if still free), else a free one."""
    remembered = workdir / "port"
    if port is None and remembered.exists():
        port = int(remembered.read_text())
        if not port_is_free(port):
            port = None
    if port is None:
        port = free_port()
    remembered.write_text(f"{port}\n")
    return port


def log_tail(log: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def spawn(
    cmd: Sequence[str], workdir: Path, log: Path, *, user: str | None = None
) -> subprocess.Popen[bytes]:
    """Start ``cmd`` in its own session (as ``user`` if given), stdout and stderr appended to
    ``log``."""
    with log.open("ab") as out:
        out.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} starting: {' '.join(cmd)}\n".encode())
        out.flush()
        return subprocess.Popen(
            list(cmd),
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            user=user,
            group=user,
            extra_groups=[] if user is not None else None,
        )


def wait_ready(
    proc: subprocess.Popen[bytes],
    log: Path,
    probe: Callable[[], bool],
    timeout: float,
    what: str,
    *,
    why: Callable[[], str] | None = None,
) -> None:
    """Poll ``probe`` until it holds; on exit or timeout raise RuntimeError with the log's tail
    (and ``why()``, the last probe's reason, on a timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode}; {log}:\n{log_tail(log)}")
        if probe():
            return
        if time.monotonic() > deadline:
            reason = f" ({why()})" if why is not None else ""
            RunningServer("", proc, log.parent).stop(5.0)
            raise RuntimeError(f"{what} not ready after {timeout:.0f}s{reason}; {log}:\n{log_tail(log)}")
        time.sleep(0.1)


def recv_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("connection closed")
        data += chunk
    return data


def stop_pid(pid: int, marker: str, timeout: float = 30.0) -> bool:
    """Stop a process that is not our child (SIGTERM, then SIGKILL), only if its command line
    contains ``marker``. Returns False when no such process was running."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    if marker not in cmdline:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + timeout
        time.sleep(0.1)
    return True


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"

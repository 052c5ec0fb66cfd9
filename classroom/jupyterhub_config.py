"""JupyterHub for a class, on one machine: a local trial of the notebooks for several students.

Started by `./deno task classroom` (tools/classroom.ts), which sets the CLASSROOM_* variables below. What it sets
up, and what to change for a real deployment, is in classroom/README.md.

- Authenticator: JupyterHub's SharedPasswordAuthenticator (any user name, one shared password from
  CLASSROOM_PASSWORD): for a trial only.
- Spawner: SimpleLocalProcessSpawner: every student's single-user JupyterLab runs as the hub's own system user,
  with a home of its own under CLASSROOM_STATE/homes/<name> holding a copy of notebooks/ (copied at the first start,
  never overwritten: a student's edits stay) and links to the project's lib/, deno.json, deno.lock and node_modules/
  (so `../lib/...` and the pinned npm packages resolve exactly as in the repository).
- Kernel: the single-user servers run from the project's .venv, so the project's Deno kernel
  ("Deno (Scientific Spaces)", installed there by `./deno task setup`) is every user's kernel.
- Each student's claims sidecars and trained-weight cache go to their own home (NB_OUT_DIR, NB_MODEL_CACHE_DIR):
  students never write over each other's files.
"""

import os
import shutil
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

ROOT = Path(os.environ.get("CLASSROOM_REPO", Path(__file__).resolve().parent.parent))
STATE = Path(os.environ.get("CLASSROOM_STATE", ROOT / "classroom" / ".state"))
VENV = Path(os.environ.get("CLASSROOM_VENV", ROOT / ".venv"))
HOMES = STATE / "homes"
STATE.mkdir(parents=True, exist_ok=True)
HOMES.mkdir(parents=True, exist_ok=True)

# --- network: everything on the loopback interface unless told otherwise -------------------------------------------
c.JupyterHub.ip = os.environ.get("CLASSROOM_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("CLASSROOM_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("CLASSROOM_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('CLASSROOM_PROXY_API_PORT', '8001')}"

# --- the proxy: the npm package configurable-http-proxy, pinned in deno.json/deno.lock, run by the project's Deno --
c.ConfigurableHTTPProxy.command = [
    str(ROOT / "deno"),
    "run",
    "--allow-all",
    "--frozen",
    f"--config={ROOT / 'deno.json'}",
    "npm:configurable-http-proxy@5.3.0",
]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# --- state: database, cookie secret ---------------------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True

# --- who may log in ---------------------------------------------------------------------------------------------------
# JupyterHub's SharedPasswordAuthenticator (the successor of DummyAuthenticator's password): any user name, one
# shared password of at least 8 characters
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["CLASSROOM_PASSWORD"]
c.Authenticator.allow_all = True
c.Authenticator.admin_users = set(filter(None, os.environ.get("CLASSROOM_ADMINS", "teacher").split(",")))

# a service token for scripts (the classroom test): may manage users, servers and tokens, and reach the servers
if os.environ.get("CLASSROOM_SERVICE_TOKEN"):
    c.JupyterHub.services = [{"name": "classroom-driver", "api_token": os.environ["CLASSROOM_SERVICE_TOKEN"]}]
    c.JupyterHub.load_roles = [
        {
            "name": "classroom-driver",
            "services": ["classroom-driver"],
            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "read:users"],
        }
    ]

# --- each student's server -----------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"  # jupyterhub.spawner.SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
if os.getuid() == 0:  # containers and CI run as root; SimpleLocalProcessSpawner runs the servers as the hub's user
    c.Spawner.args = ["--allow-root"]
c.Spawner.default_url = "/lab/tree/notebooks"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# what a local spawner cannot enforce; TLJH (systemd) and zero-to-jupyterhub (Kubernetes) do (classroom/README.md)
c.Spawner.mem_limit = os.environ.get("CLASSROOM_MEM_LIMIT", "2G")
c.Spawner.cpu_limit = float(os.environ.get("CLASSROOM_CPU_LIMIT", "1"))

LINKED = ["lib", "deno.json", "deno.lock", "node_modules", "data"]


def prepare_home(spawner):
    """Gives a student's home a copy of notebooks/ (first start only) and links to the shared project files."""
    home = Path(spawner.home_dir_template.format(username=spawner.user.name))
    home.mkdir(parents=True, exist_ok=True)
    notebooks = home / "notebooks"
    if not notebooks.exists():
        shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns(".*"))
    for name in LINKED:
        link = home / name
        if not link.exists() and not link.is_symlink() and (ROOT / name).exists():
            link.symlink_to(ROOT / name)
    (home / "out").mkdir(exist_ok=True)


c.Spawner.pre_spawn_hook = prepare_home


def student_env(spawner):
    home = spawner.home_dir_template.format(username=spawner.user.name)
    return home


c.Spawner.environment = {
    "PATH": f"{VENV / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    "NO_COLOR": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
    "NB_OUT_DIR": lambda spawner: f"{student_env(spawner)}/out",
    "NB_MODEL_CACHE_DIR": lambda spawner: f"{student_env(spawner)}/out/models",
}
if os.environ.get("CLASSROOM_PROFILE"):
    c.Spawner.environment["NB_PROFILE"] = os.environ["CLASSROOM_PROFILE"]

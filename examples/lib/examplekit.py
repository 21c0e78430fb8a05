"""Shared by the example environments' setup scripts: files, manifests, a venv, detached services, git.

Standard library only; runs on the Debian python3. Git repositories are made with JGit through
ExampleGit.java and the runbook jar (the project never shells out to git).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

LIB = Path(__file__).resolve().parent
REPO = LIB.parents[1]


def fail(message: str) -> None:
    print(f"setup: {message}", file=sys.stderr)
    sys.exit(2)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def edit(path: Path, old: str, new: str) -> None:
    """Replaces text that must be there: a template drifting from its edits is an error, not a no-op."""
    text = path.read_text()
    if old not in text:
        fail(f"{path}: expected text not found: {old[:60]!r}")
    path.write_text(text.replace(old, new, 1))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(folder: Path, name: str) -> Path:
    """`sha256sum` output for every file under folder (relative paths, sorted), except the manifest."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative != name:
            lines.append(f"{sha256(path)}  {relative}\n")
    return write(folder / name, "".join(lines))


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def base_python() -> str:
    """The Debian interpreter (it has alembic's SQLAlchemy); any python3 otherwise."""
    return "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable


def make_venv(venv: Path) -> Path:
    """An isolated venv (no system site packages: `pip freeze` lists only what the example installs, never
    the host's python3-gi and the like), offline (pip.conf: no-index), with stand-ins for uvicorn and
    pytest. pip comes from the interpreter's own bundled wheel or Debian's python3-pip-whl, put on the
    venv's path (a venv made in 0.2 s instead of ensurepip's 5-15 s); ensurepip is the fallback.
    Returns its python."""
    wheel = pip_wheel()
    command = [base_python(), "-m", "venv", str(venv)]
    if wheel:
        command.insert(3, "--without-pip")
    if subprocess.run(command).returncode != 0:
        fail("cannot make a virtualenv with " + base_python() + ": install python3-venv (apt-get install -y python3-venv)")
    python = venv / "bin" / "python"
    write(venv / "pip.conf", "[global]\n# Example environments never download: every requirement is installed already.\n"
                             "no-index = true\ndisable-pip-version-check = true\n")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    if wheel:
        write(site / "examplekit-pip.pth", f"{wheel}\n")
    for module in ("uvicorn", "pytest"):
        copy_tree(LIB / "standins" / module, site / module)
    if not (venv / "bin" / "uvicorn").exists():
        script = write(venv / "bin" / "uvicorn",
                       f"#!{python}\nimport sys\nfrom uvicorn.__main__ import main\nsys.exit(main())\n")
        script.chmod(0o755)
    return python


def pip_wheel() -> str | None:
    """pip's wheel, runnable from the zip as get-pip runs it: the interpreter's ensurepip bundle, or Debian's."""
    probe = subprocess.run([base_python(), "-c", "import ensurepip, os; print(os.path.dirname(ensurepip.__file__))"],
                           capture_output=True, text=True)
    folders = [Path(probe.stdout.strip()) / "_bundled"] if probe.returncode == 0 else []
    folders.append(Path("/usr/share/python-wheels"))
    for folder in folders:
        wheels = sorted(folder.glob("pip-*-py3-none-any.whl")) if folder.is_dir() else []
        if wheels:
            return str(wheels[-1])
    return None


def write_wheel(folder: Path, name: str, version: str, module: str, requires: list[str]) -> Path:
    """A pure-Python wheel made here (a zip with its dist-info), to pip install offline into an example venv."""
    import base64
    import zipfile

    dist = f"{name.replace('-', '_')}-{version}"
    files = {f"{module}/__init__.py": f"VERSION = {version!r}\n",
             f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                                           + "".join(f"Requires-Dist: {r}\n" for r in requires),
             f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: examplekit\nRoot-Is-Purelib: true\n"
                                        "Tag: py3-none-any\n"}
    record = [f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b'=').decode()},"
              f"{len(text.encode())}" for path, text in files.items()]
    files[f"{dist}.dist-info/RECORD"] = "\n".join(record + [f"{dist}.dist-info/RECORD,,"]) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def require_free_port(port: int) -> None:
    """A second environment on the same port would answer the first one's health checks."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            fail(f"port {port} is in use (another example environment?); pick another with --port")


def start_detached(argv: list[str], cwd: Path, log: Path, pidfile: Path, env: dict | None = None) -> int:
    """Starts a service in its own session (like `setsid cmd >>log 2>&1 &`) and writes its pidfile."""
    log.parent.mkdir(parents=True, exist_ok=True)
    pidfile.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, env=dict(os.environ, **(env or {})))
    write(pidfile, f"{process.pid}\n")
    return process.pid


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def stop_pidfile(pidfile: Path, grace: float = 5.0) -> None:
    """TERM, then KILL after the grace period, the process the pidfile names (if it still runs)."""
    if not pidfile.exists():
        return
    pid = int(pidfile.read_text().split()[0])
    if alive(pid):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    # The child of this setup script: reap it if it is ours, so it does not stay a zombie.
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def get(url: str, timeout: float = 2.0) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def wait_http(url: str, pid: int, timeout: float = 15.0) -> tuple[int, dict] | None:
    """The first HTTP answer from url, or None when the process died or the time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return get(url)
        except (urllib.error.URLError, ConnectionError, OSError):
            if not alive(pid):
                return None
            time.sleep(0.1)
    return None


def wait_dead(pid: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    return not alive(pid)


class Git:
    """A JGit session (examples/lib/ExampleGit.java): one JVM for all the commits of a repository."""

    def __init__(self):
        """Starts the JVM now (it takes seconds); `init` it when the folder is ready."""
        self.process = subprocess.Popen([java("java"), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                                         f"{compiled_example_git()}{os.pathsep}{classpath()}", "ExampleGit"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def init(self, directory: Path, branch: str, ident: str) -> None:
        self.send(f"init {directory} {branch}")
        self.send(f"ident {ident}")

    def send(self, line: str) -> str:
        self.process.stdin.write(line.replace("\n", " ") + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if not answer.startswith("ok"):
            self.close()
            fail(f"git: {line.split(' ')[0]}: {answer or 'ExampleGit ended'}")
        return answer[3:]

    def commit(self, when: int, message: str) -> str:
        return self.send(f"commit {when} {message}")

    def tag(self, name: str, when: int, message: str) -> str:
        return self.send(f"tag {name} {when} {message}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)


def java(tool: str) -> str:
    return os.path.join(os.environ["JAVA_HOME"], "bin", tool) if os.environ.get("JAVA_HOME") else tool


def compiled_example_git() -> Path:
    """ExampleGit.java compiled once into target/examples/ (javac against a 20 MB jar takes seconds)."""
    out = REPO / "target" / "examples"
    compiled = out / "ExampleGit.class"
    source = LIB / "ExampleGit.java"
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([java("javac"), "-nowarn", "-cp", classpath(), "-d", str(out), str(source)], check=True)
    return out


def classpath() -> str:
    """RUNBOOK_CLASSPATH (tests pass theirs), else the project's jar, built by bin/runbook when stale."""
    if os.environ.get("RUNBOOK_CLASSPATH"):
        return os.environ["RUNBOOK_CLASSPATH"]
    subprocess.run([str(REPO / "bin" / "runbook"), "--version"], check=True, stdout=subprocess.DEVNULL)
    return str(REPO / "target" / "runbook.jar")

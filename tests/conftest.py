"""Shared fixtures, one name one meaning, and honest markers.

A test that builds a site (any fixture named `*_site`, or marked) is marked
`build`; a test that drives Chromium (the `browser` fixture) is marked
`browser`. `pytest -m "not build and not browser"` is the fast tier.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from handbook.records import Registry
from handbook.registry import load
from tests.browser import LAUNCH_ARGS, chromium_path, serve_directory
from tests.sitebuild import ROOT, Build, build, copy_project

# Property tests: many examples in CI, enough to catch regressions in the fast tier.
settings.register_profile("ci", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if "browser" in names or any(name.endswith("_site") for name in names):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook built from the real registry, once per test session."""
    project = copy_project(tmp_path_factory.mktemp("real"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def real_url(real_site: Build) -> Iterator[str]:
    """The real site served on 127.0.0.1, for browser tests."""
    with serve_directory(real_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def real_registry() -> Registry:
    """The records of the real registry, data/resources.yaml."""
    return load(str(ROOT / "data" / "resources.yaml"))


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    """Where a test writes a registry of its own."""
    return tmp_path / "resources.yaml"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium, driven by Playwright; skipped (or failed in CI) without it."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield instance
        instance.close()

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import LAUNCH_ARGS, chromium_path
from tests.sitebuild import Build, build, copy_project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook built from the real registry, once per test session."""
    project = copy_project(tmp_path_factory.mktemp("real"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium, driven by Playwright; skipped (or failed in CI) without it."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield instance
        instance.close()

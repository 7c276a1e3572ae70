from __future__ import annotations

from pathlib import Path

import pytest

from handbook.synthetic import synthetic_registry
from tests.sitebuild import Build, build, copy_project, with_real


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook built from the real registry, once per test session."""
    project = copy_project(tmp_path_factory.mktemp("real"))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def synthetic_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path, with_real(synthetic_registry(24)))

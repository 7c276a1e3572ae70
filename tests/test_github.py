"""CI workflows follow least privilege; the issue forms offer the registry's own choices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from handbook import vocabulary as v
from handbook.registry import load
from tests.sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


def load_workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "weekly.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_are_empty(path: Path) -> None:
    assert load_workflow(path)["permissions"] == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_sha_with_a_version_comment(path: Path) -> None:
    uses = [line for line in path.read_text().splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses
    for line in uses:
        assert PINNED.match(line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_never_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in path.read_text()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_grant_their_own_permissions_and_checkouts_keep_no_credentials(path: Path) -> None:
    workflow = load_workflow(path)
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_only_the_deploy_job_may_write_pages_and_only_from_main() -> None:
    workflow = load_workflow(ROOT / ".github" / "workflows" / "ci.yml")
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in jobs["deploy"]["if"] and "push" in jobs["deploy"]["if"]
    assert set(jobs["deploy"]["needs"]) == {"test", "build"}
    for name, job in jobs.items():
        if name != "deploy":
            assert job["permissions"] == {"contents": "read"}, name
    assert "pull_request" in workflow["on"]


def test_ci_runs_the_readme_test_command_with_chromium() -> None:
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert "bash .ci/run" in text and "handbook check --format github" in text
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "chromium" in (ROOT / ".ci" / "run").read_text()


def form_options(name: str, field: str) -> list[str]:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text())
    element = next(e for e in form["body"] if e.get("id") == field)
    return element["attributes"]["options"]


def test_new_resource_form_offers_the_registry_choices() -> None:
    registry = load(str(ROOT / "data" / "resources.yaml"))
    assert form_options("new-resource.yml", "kind") == list(v.KINDS)
    assert form_options("new-resource.yml", "cost") == list(v.COSTS)
    assert form_options("new-resource.yml", "format") == list(v.FORMATS)
    assert form_options("new-resource.yml", "level") == list(v.LEVELS)
    assert form_options("new-resource.yml", "audience") == list(v.AUDIENCES)
    assert form_options("new-resource.yml", "regions") == list(v.REGIONS)
    assert form_options("new-resource.yml", "topics") == [t.id for t in registry.topics]


def test_report_form_takes_the_entry_id_from_the_link() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "report-problem.yml").read_text())
    assert any(e.get("id") == "entry" for e in form["body"])

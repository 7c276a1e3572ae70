"""Links that last (SPEC 7): the committed list of every address the handbook has published.

`data/published.txt` holds one address a line: a page (`/topics/norms/`), a
heading anchor of a hand-written page (`/topics/norms/#why-it-matters`), an
entry page or a former id (`/resources/<id>/`), in every edition (`/fr/…`).
Two other kinds of line keep a promise when something goes:

    /topics/old/ -> /topics/new/          a moved page: the build writes a redirect
    retired /topics/gone/ : the reason    removed on purpose; never to be reused

The addresses a checkout publishes are read from its sources (explicit heading
ids, HTML anchors, the registry), so the list can be checked and updated
without a build; the build then checks every line against the pages it wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import templates
from .records import Registry
from .siteconfig import editions_of, site_config
from .translations import HEADING_ID
from .urls import page_url

PUBLISHED_PATH = "data/published.txt"
_HTML_ID = re.compile(r"<(?:span|a|div|p)\b[^>]*\bid=\"([\w-]+)\"")
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)
_MOVE = re.compile(r"^(\S+)\s+->\s+(\S+)$")
_RETIRED = re.compile(r"^retired\s+(\S+)\s*:\s*(.+)$")
_TEMPLATE_CALL = re.compile(r"template_body\(\s*[\"']([\w-]+)[\"']\s*\)")


@dataclass
class Published:
    """The parsed list: addresses to keep, page moves, and deliberate removals."""

    addresses: list[str] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)  # old page -> new page
    retired: dict[str, str] = field(default_factory=dict)  # address -> reason
    problems: list[str] = field(default_factory=list)  # lines that could not be read

    def known(self) -> set[str]:
        return {*self.addresses, *self.moves, *self.retired}


def parse(text: str, name: str = PUBLISHED_PATH) -> Published:
    published = Published()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if (move := _MOVE.match(line)) is not None:
            published.moves[move[1]] = move[2]
        elif (retired := _RETIRED.match(line)) is not None:
            published.retired[retired[1]] = retired[2]
        elif line.startswith("/") and " " not in line:
            published.addresses.append(line)
        else:
            published.problems.append(f"{name}:{number}: cannot read {line!r}; write an address "
                                      "such as /topics/norms/#key-points, OLD -> NEW, or "
                                      "retired ADDRESS : reason")
    return published


def read(root: Path) -> Published:
    path = root / PUBLISHED_PATH
    return parse(path.read_text(encoding="utf-8")) if path.exists() else Published()


def address(src_path: str, anchor: str | None = None, edition: str = "") -> str:
    """The published address of a page (and anchor): '/fr/topics/norms/#key-points'."""
    prefix = f"/{edition}/" if edition else "/"
    return prefix + page_url(src_path, True) + (f"#{anchor}" if anchor else "")


def source_of(listed: str, edition: str = "") -> str:
    """The source path a page address is built from: '/fr/topics/norms/' -> 'topics/norms.md'."""
    path = listed.split("#", 1)[0].strip("/")
    if edition and (path == edition or path.startswith(f"{edition}/")):
        path = path[len(edition):].strip("/")
    return f"{path}.md" if path else "index.md"


def moves_for(published: Published, edition: str = "") -> dict[str, str]:
    """This edition's moved pages, as source paths: {old: new}."""
    return {source_of(old, edition): source_of(new, edition)
            for old, new in published.moves.items() if _in_edition(old, edition)}


def page_anchors(markdown: str) -> list[str]:
    """The permanent anchors a hand-written page declares: explicit heading ids and
    HTML anchors (such as an old anchor kept as an alias: <span id="old-id"></span>)."""
    body = _FENCE.sub("", markdown)
    return list(dict.fromkeys([*HEADING_ID.findall(body), *_HTML_ID.findall(body)]))


def source_addresses(docs: Path, registry: Registry | None, edition: str = "",
                     root: Path | None = None) -> list[str]:
    """Every address the sources publish: pages, their anchors (with those of the practice
    templates a page shows), entries and former ids."""
    found: list[str] = []
    for page in sorted(docs.rglob("*.md")):
        src = page.relative_to(docs).as_posix()
        text = page.read_text("utf-8")
        found.append(address(src, edition=edition))
        found += [address(src, anchor, edition) for anchor in page_anchors(text)]
        if root is not None:
            found += [address(src, anchor, edition) for slug in _TEMPLATE_CALL.findall(text)
                      for anchor in templates.heading_ids(root, slug)]
    if registry is not None:
        for resource in registry.resources:
            for slug in (resource.id, *resource.aliases):
                found.append(address(f"resources/{slug}.md", edition=edition))
    return found


def editions(root: Path) -> list[str]:
    """The editions a checkout builds: "" (English) and each language listed under
    `extra.editions` in mkdocs.yml whose folder exists under editions/."""
    listed = editions_of(site_config(root))[1:]
    return ["", *(code for code in listed if (root / "editions" / code).is_dir())]


def current_addresses(root: Path, registry: Registry) -> list[str]:
    """Every address the checkout publishes, in every edition."""
    found = []
    for edition in editions(root):
        docs = root / "editions" / edition / "docs" if edition else root / "docs"
        # An edition publishes every English page too (untranslated ones fall back).
        pages = source_addresses(root / "docs", registry, edition, root)
        if edition and docs.is_dir():
            pages += source_addresses(docs, None, edition)
        found += pages
    return list(dict.fromkeys(found))


def unlisted(current: Iterable[str], published: Published) -> list[str]:
    """Addresses the sources publish that the list does not hold yet."""
    known = published.known()
    return [a for a in current if a not in known]


def vanished(current: Iterable[str], published: Published, edition: str = "") -> list[str]:
    """Listed addresses the sources no longer publish, with what to do about each."""
    present = set(current)
    prefix = f"/{edition}/" if edition else "/"
    lines = []
    for listed in published.addresses:
        if not _in_edition(listed, edition) or listed in present:
            continue
        page = listed.split("#", 1)[0]
        if page in published.moves and "#" not in listed:
            continue
        if "#" in listed and page in present:
            anchor = listed.split("#", 1)[1]
            lines.append(f"{listed}: the anchor #{anchor} is gone from {page}; keep it as an "
                         f'alias where the section now starts (<span id="{anchor}"></span>), or '
                         f"retire it in {PUBLISHED_PATH} with a reason")
        elif "#" not in listed:
            lines.append(f"{listed}: the page is gone; add '{listed} -> {prefix}NEW/PLACE/' to "
                         f"{PUBLISHED_PATH} so it redirects, or retire it with a reason")
    return lines


def resolves(published: Published, pages: Mapping[str, set[str]], files: set[str],
             edition: str = "") -> list[str]:
    """Check the list against a built site: `pages` maps each page's address to the ids
    in its HTML, `files` holds the other addresses it wrote (redirect pages). One line per
    broken address, saying what to add."""
    lines = []
    for listed in published.addresses:
        if not _in_edition(listed, edition):
            continue
        page, _, anchor = listed.partition("#")
        if page not in pages and page not in files and page not in published.moves:
            lines.append(f"{listed}: no page at this address; add a redirect "
                         f"('{page} -> NEW/PLACE/') or retire it with a reason in {PUBLISHED_PATH}")
        elif anchor and page in pages and anchor not in pages[page]:
            lines.append(f"{listed}: {page} has no element with id '{anchor}'; keep the old "
                         f'anchor as an alias (<span id="{anchor}"></span>) where the section '
                         f"now starts, or retire it with a reason in {PUBLISHED_PATH}")
    for old, new in published.moves.items():
        if _in_edition(old, edition) and new.split("#", 1)[0] not in pages:
            lines.append(f"{old} -> {new}: the new address is not a page of the site")
    return lines


def update(text: str, current: Iterable[str]) -> tuple[str, list[str]]:
    """The list's text with the unlisted addresses appended, and those addresses."""
    new = unlisted(current, parse(text))
    if not new:
        return text, []
    return text.rstrip("\n") + "\n" + "\n".join(new) + "\n", new


def _in_edition(listed: str, edition: str) -> bool:
    """Whether an address belongs to this edition's build ('' is the English one)."""
    first = listed.strip("/").split("/", 1)[0]
    if edition:
        return first == edition
    return len(first) != 2 or not first.isalpha() or "#" in first

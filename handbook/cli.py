"""The `handbook` command: check the registry and add entries to it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from . import generate, linkcheck, published, scaffold
from .fields import FieldSpec
from .problems import Problem, RegistryError
from .registry import DEFAULT_PATH, check, check_text
from .schema import SCHEMA_PATH, schema_text


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except (KeyboardInterrupt, EOFError):
        print("\ninterrupted; nothing was written", file=sys.stderr)
        return 130


def run_check(args: argparse.Namespace) -> int:
    """Validate the registry; print every problem; exit 1 if there is any."""
    registry, problems = check(args.path)
    _print_problems(problems, args.format)
    if registry is None:
        if args.format == "text":
            print(f"{len(problems)} problem(s) in {args.path}", file=sys.stderr)
        return 1
    if args.format == "text":
        print(f"{args.path}: {len(registry.resources)} entries and {len(registry.topics)} "
              "topics, all valid")
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Scaffold an entry from flags and prompts, each answer checked as it is given,
    then validate the whole registry with it and append it."""
    try:
        with open(args.path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.path}: cannot read the registry: {error}", file=sys.stderr)
        return 1
    registry, problems = check_text(text, args.path)
    if registry is None:
        _print_problems(problems, "text")
        print("fix the registry first (handbook check); nothing was written", file=sys.stderr)
        return 1
    given = {spec.name: getattr(args, spec.name) for spec in scaffold.QUESTIONS}
    interactive = sys.stdin.isatty() and not args.no_input
    entry: dict[str, object] = {}
    try:
        entry, bad = scaffold.collect(given, _ask if interactive else None, registry, date.today(),
                                      report=lambda line: print(line, file=sys.stderr), entry=entry)
    except (KeyboardInterrupt, EOFError):
        return _not_added(entry, args.path, "interrupted")
    missing = [spec.name for spec in scaffold.QUESTIONS if spec.required and spec.name not in entry]
    if bad or missing:
        for name in missing:
            print(f"  {name}: missing (--{name.replace('_', '-')})", file=sys.stderr)
        return _not_added(entry, args.path, "the answers above need fixing")
    new_text, problems = scaffold.append_entry(text, entry, args.path)
    if new_text is None:
        # Cross-entry problems, said by field: the file they would name was never written.
        for problem in problems:
            print(f"  {problem.where.split(' ', 2)[-1]}: {problem.message}", file=sys.stderr)
        return _not_added(entry, args.path, "the entry does not fit the registry")
    tmp = f"{args.path}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(new_text)
    os.replace(tmp, args.path)
    print(f"added '{entry['id']}' to {args.path}; its page will be /resources/{entry['id']}/")
    return 0


def _not_added(entry: dict[str, object], path: str, why: str) -> int:
    """Say why, and give the command that repeats every good answer."""
    print(f"{why}; nothing was written. To continue where you stopped, run:", file=sys.stderr)
    print(f"  {scaffold.command_line(entry, path if path != DEFAULT_PATH else None)}", file=sys.stderr)
    return 1


def run_schema(args: argparse.Namespace) -> int:
    """Print the registry's JSON Schema, or write it beside the registry."""
    text = schema_text()
    if args.write:
        with open(SCHEMA_PATH, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wrote {SCHEMA_PATH}")
    else:
        sys.stdout.write(text)
    return 0


def run_links(args: argparse.Namespace) -> int:
    """Check every entry's URL; exit 1 if any is broken."""
    registry, problems = check(args.path)
    if registry is None:
        _print_problems(problems, "text")
        return 1
    show_progress = sys.stderr.isatty() and os.environ.get("CI") != "true"
    results = linkcheck.check_links(
        registry.resources, workers=args.workers, timeout=args.timeout, retries=args.retries,
        progress=linkcheck.terminal_progress if show_progress else None)
    lines = linkcheck.report(results, args.slow)
    for line in lines:
        print(line)
    broken = sum(1 for r in results if r.broken)
    print(f"{len(results)} links checked: {broken} broken, "
          f"{sum(1 for r in results if r.redirected)} redirected, "
          f"{sum(1 for r in results if not r.broken and r.seconds > args.slow)} slow")
    return 1 if broken else 0


def run_stale(args: argparse.Namespace) -> int:
    """List entries not checked for N months (exit 1 with --fail if there are any)."""
    registry, problems = check(args.path)
    if registry is None:
        _print_problems(problems, "text")
        return 1
    old = linkcheck.stale_entries(registry, args.months)
    for resource in old:
        print(f"{resource.last_checked.isoformat()}  {resource.id}  "
              f"({args.path}:{resource.line})")
    print(f"{len(old)} of {len(registry.resources)} entries last checked more than "
          f"{args.months} months ago")
    return 1 if old and args.fail else 0


def run_published(args: argparse.Namespace) -> int:
    """Check data/published.txt against the sources, or add the addresses it lacks."""
    root = Path.cwd()
    registry, problems = check(str(root / DEFAULT_PATH))
    if registry is None:
        _print_problems(problems, "text")
        return 1
    current = published.current_addresses(root, registry)
    path = root / published.PUBLISHED_PATH
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if args.update:
        new_text, added = published.update(text, current)
        path.write_text(new_text, encoding="utf-8")
        for line in added:
            print(f"added {line}")
        print(f"{published.PUBLISHED_PATH}: {len(added)} new address(es)")
        return 0
    listed = published.parse(text)
    new = published.unlisted(current, listed)
    gone = [line for edition in published.editions(root)
            for line in published.vanished(current, listed, edition)]
    for line in listed.problems + gone:
        print(line)
    for line in new:
        print(f"{line}: published by the sources but not listed; run "
              "`handbook published --update` and commit the list")
    bad = len(listed.problems) + len(gone) + len(new)
    print(f"{published.PUBLISHED_PATH}: {len(listed.addresses)} addresses, "
          f"{bad} problem(s)" if bad else f"{published.PUBLISHED_PATH}: {len(listed.addresses)} "
          "addresses, all still published")
    return 1 if bad else 0


def run_generate(args: argparse.Namespace) -> int:
    """Write every generated file (entry pages, redirects, exports…) into a folder."""
    return _reporting_registry_errors(
        lambda: f"wrote {len(generate.generate(Path.cwd(), Path(args.outdir), args.edition or ''))} "
                f"files to {args.outdir}")


def run_preview(args: argparse.Namespace) -> int:
    """Prepare a folder that another engine (Zensical) builds into the whole site."""
    return _reporting_registry_errors(
        lambda: f"prepared {args.folder}: build it with `zensical build -f "
                f"{generate.prepare_preview(Path.cwd(), Path(args.folder))}`")


def _reporting_registry_errors(work: Callable[[], str]) -> int:
    """Run `work` and print what it says, or every problem of an invalid registry."""
    try:
        print(work())
    except RegistryError as error:
        _print_problems(error.problems, "text")
        return 1
    return 0


def run_editions(args: argparse.Namespace) -> int:
    """Print the language codes of the editions besides English, for the Makefile."""
    print(" ".join(code for code in published.editions(Path.cwd()) if code))
    return 0


def _ask(spec: FieldSpec, hints: list[str]) -> str:
    for hint in hints:
        print(f"    {hint}")
    optional = "" if spec.required else " (optional, Enter to skip)"
    return input(f"{spec.question}{optional}: ")


def _print_problems(problems: list[Problem], style: str) -> None:
    for problem in problems:
        if style == "github":
            print(problem.as_github_annotation())
        else:
            print(problem)


def _months(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1200:
        raise argparse.ArgumentTypeError("give a number of months from 1 to 1200")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    commands = parser.add_subparsers(title="commands")

    check_cmd = commands.add_parser("check", help="validate the registry")
    check_cmd.add_argument("path", nargs="?", default=DEFAULT_PATH,
                           help=f"registry file (default: {DEFAULT_PATH})")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text",
                           help="'github' prints workflow annotations for pull requests")
    check_cmd.set_defaults(run=run_check)

    new_cmd = commands.add_parser("new", help="add an entry (asks for what the flags leave out)")
    new_cmd.add_argument("--file", dest="path", default=DEFAULT_PATH, help="registry file")
    new_cmd.add_argument("--no-input", action="store_true", help="never prompt")
    for spec in scaffold.QUESTIONS:
        flag = "--" + spec.name.replace("_", "-")
        new_cmd.add_argument(flag, dest=spec.name, help=spec.question)
    new_cmd.set_defaults(run=run_new)

    links_cmd = commands.add_parser("links", help="check every entry's URL")
    links_cmd.add_argument("path", nargs="?", default=DEFAULT_PATH)
    links_cmd.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    links_cmd.add_argument("--timeout", type=float, default=15, help="seconds per request")
    links_cmd.add_argument("--retries", type=int, default=2, help="retries after an error or 5xx")
    links_cmd.add_argument("--slow", type=float, default=10, help="report answers slower than this")
    links_cmd.set_defaults(run=run_links)

    stale_cmd = commands.add_parser("stale", help="entries not checked for N months")
    stale_cmd.add_argument("path", nargs="?", default=DEFAULT_PATH)
    stale_cmd.add_argument("--months", type=_months, default=12, help="1 to 1200; default 12")
    stale_cmd.add_argument("--fail", action="store_true", help="exit 1 if any entry is stale")
    stale_cmd.set_defaults(run=run_stale)

    published_cmd = commands.add_parser(
        "published", help="check the list of published addresses (links that last), or update it")
    published_cmd.add_argument("--update", action="store_true",
                               help="add the addresses the sources publish and the list lacks")
    published_cmd.set_defaults(run=run_published)

    generate_cmd = commands.add_parser("generate", help="write every generated file into a folder")
    generate_cmd.add_argument("outdir")
    generate_cmd.add_argument("--edition", help="a language code other than en (default: English)")
    generate_cmd.set_defaults(run=run_generate)

    preview_cmd = commands.add_parser("preview", help="prepare a folder for the Zensical preview")
    preview_cmd.add_argument("folder")
    preview_cmd.set_defaults(run=run_preview)

    editions_cmd = commands.add_parser("editions", help="the editions' language codes (besides English)")
    editions_cmd.set_defaults(run=run_editions)

    schema_cmd = commands.add_parser("schema", help="print the registry's JSON Schema")
    schema_cmd.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_PATH}")
    schema_cmd.set_defaults(run=run_schema)
    return parser


if __name__ == "__main__":
    sys.exit(main())

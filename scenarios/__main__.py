"""Command line for scenario authors: python -m scenarios check | schema | coverage."""

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scenarios.coverage import coverage_report
from scenarios.load import load_library
from scenarios.model import Scenario
from scenarios.schema import schema_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenarios", description="Check and describe scenario files.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check scenario files or folders (default: the built-in library)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    commands.add_parser("schema", help="print the JSON Schema of a scenario file")
    coverage = commands.add_parser("coverage", help="part x difficulty counts of a library, against the targets")
    coverage.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    lint_cmd = commands.add_parser("lint", help="item-writing checks: surface cues that give the best option away")
    lint_cmd.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    lint_cmd.add_argument("--quiet", action="store_true", help="print only errors and the figures")
    commands.add_parser("canon", help="print docs/practice-canon.md from the canon and the library")
    export = commands.add_parser("export", help="write library scenarios as Moodle XML, GIFT or a printable HTML handout")
    export.add_argument("format", choices=["moodle", "gift", "handout"])
    export.add_argument("ids", nargs="+", metavar="SCENARIO_ID")
    export.add_argument("--title", default="Practicum Scenarios", help="handout title")
    args = parser.parse_args(argv)

    if args.command == "schema":
        sys.stdout.write(schema_text())
        return 0

    if args.command == "export":
        return export_scenarios(parser, args)

    if args.command == "canon":
        from scenarios.canon_doc import canon_markdown

        sys.stdout.write(canon_markdown(load_library().scenarios))
        return 0

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        parser.print_usage(sys.stderr)
        print(f"python -m scenarios {args.command}: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    library = load_library(args.paths or None)
    elapsed = time.perf_counter() - started

    if args.command == "lint":
        from scenarios.lint import lint

        report = lint(library.scenarios)
        for finding in report.findings:
            if finding.error or not args.quiet:
                print(finding)
        print(report.summary())
        failures = report.library_failures()
        for failure in failures:
            print(f"error: library: {failure}")
        return 1 if report.errors or failures or library.problems else 0

    if args.command == "coverage":
        text, ok = coverage_report(library.scenarios)
        print(text)
        if library.problems:
            print(f"{len(library.problems)} problem(s) in the files; run 'python -m scenarios check'")
        return 0 if ok and not library.problems else 1

    for problem in library.problems:
        print(problem)
    bad_files = len(library.problems_by_file())
    summary = f"{len(library.entries)} valid scenario(s), {bad_files} file(s) with problems, checked in {elapsed:.2f} s"
    print(summary, file=sys.stderr)
    return 1 if library.problems else 0


def export_scenarios(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from scenarios.interchange import handout_html, to_gift, to_moodle_xml

    library = load_library()
    unknown = [i for i in args.ids if library.get(i) is None]
    if unknown:
        parser.print_usage(sys.stderr)
        print(f"python -m scenarios export: no scenario with id {', '.join(unknown)} in the library", file=sys.stderr)
        return 2
    chosen = [scenario for i in args.ids if (scenario := library.get(i)) is not None]
    writers: dict[str, Callable[[list[Scenario]], str]] = {"moodle": to_moodle_xml, "gift": to_gift, "handout": lambda s: handout_html(s, args.title)}
    sys.stdout.write(writers[args.format](chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Conformance ratchet: compares the conformance runner's failed cases with the known-failures list.

Usage:
  conformance-gate.py --known FILE --report SUITE=REPORT.json [--report SUITE=REPORT.json ...]
  conformance-gate.py --self-test

Each --report is a JSON report written by the conformance runner (`run --report`), named by its suite
(`cases`, `cases-next`): the same case name can exist in both suites, so the list names `SUITE/Case`.

The known-failures file has one `SUITE/CaseName # reason` per line; blank lines and lines starting with
`#` are ignored. The gate fails (exit 1) when
  - a case failed that is not on the list (a regression, or a new case that does not pass), or
  - a listed case did not fail: it passes now, is skipped, or is no longer run ("remove it from the list"),
so the list only ever shrinks as Lintel improves. Exit 2 on a malformed list or an unreadable report.
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import sys
import tempfile

ENTRY = re.compile(r"^(?P<case>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\s+#\s*(?P<reason>\S.*)$")


class GateError(Exception):
    """A setup problem (exit 2): a malformed list or an unreadable report."""


def read_known(path):
    """{"suite/Case": "reason"} from the known-failures file."""
    known = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise GateError(f"cannot read the known-failures list {path}: {e}")
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = ENTRY.match(text)
        if not match:
            raise GateError(
                f"{path}:{number}: expected 'SUITE/CaseName # reason' (e.g. 'cases/HTTPRouteMatching # why'), "
                f"got {line!r}")
        case = match.group("case")
        if case in known:
            raise GateError(f"{path}:{number}: {case} is listed twice")
        known[case] = match.group("reason").strip()
    return known


def read_report(suite, path):
    """(summary dict, {"suite/Case": (result, message)}) from one runner report."""
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        raise GateError(f"cannot read the {suite} conformance report {path}: {e}")
    if not isinstance(report, dict) or not isinstance(report.get("cases"), list):
        raise GateError(f"{path}: not a conformance report (no 'cases' list)")
    results = {}
    for case in report["cases"]:
        results[f"{suite}/{case['name']}"] = (case.get("result", ""), case.get("message", "") or "")
    return report.get("summary", {}), results


def gate(known, results):
    """(new failures, stale entries): each a sorted list of (case, detail)."""
    failed = {case for case, (result, _) in results.items() if result == "fail"}
    new = sorted((case, results[case][1]) for case in failed - known.keys())
    stale = []
    for case in sorted(known.keys() - failed):
        if case in results:
            stale.append((case, f"now {results[case][0] or 'unknown'}"))
        else:
            stale.append((case, "no longer run"))
    return new, stale


def main(argv):
    parser = argparse.ArgumentParser(description="Compare conformance failures with the known-failures list.")
    parser.add_argument("--known", help="the known-failures list")
    parser.add_argument("--report", action="append", default=[], metavar="SUITE=FILE",
                        help="a runner JSON report, named by its suite; may be repeated")
    parser.add_argument("--self-test", action="store_true", help="check this script and exit")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.known or not args.report:
        parser.error("--known and at least one --report are required")
    try:
        known = read_known(args.known)
        results = {}
        for spec in args.report:
            suite, sep, path = spec.partition("=")
            if not sep or not suite or not path:
                raise GateError(f"--report {spec!r}: expected SUITE=FILE")
            summary, suite_results = read_report(suite, path)
            print(f"conformance {suite}: {summary.get('passed', '?')} passed, {summary.get('failed', '?')} failed, "
                  f"{summary.get('skipped', '?')} skipped")
            results.update(suite_results)
    except GateError as e:
        print(f"conformance gate: {e}", file=sys.stderr)
        return 2

    new, stale = gate(known, results)
    for case, message in new:
        print(f"NEW FAILURE {case}: {message}")
    for case, detail in stale:
        print(f"LISTED BUT NOT FAILING {case} ({detail}): remove it from the list ({args.known})")
    if new or stale:
        print(f"conformance gate: FAILED: {len(new)} failure(s) not in {args.known}, "
              f"{len(stale)} listed case(s) not failing any more")
        if new:
            print("  fix them, or (only with a reason) add 'SUITE/CaseName # reason' lines to the list")
        return 1
    print(f"conformance gate: OK ({len(known)} known failure(s), all still failing; no new failures)")
    return 0


def self_test():
    """Runs the gate on small made-up reports; exit 0 when it behaves."""
    def report(directory, name, cases):
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"summary": {"passed": 0, "failed": 0, "skipped": 0},
                       "cases": [{"name": n, "result": r, "message": f"{n} {r}"} for n, r in cases]}, f)
        return path

    def known(directory, text):
        path = os.path.join(directory, "known.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    checks = []
    with tempfile.TemporaryDirectory() as d:
        a = report(d, "a.json", [("Pass", "pass"), ("Fail", "fail"), ("Skip", "skipped")])
        b = report(d, "b.json", [("Fail", "pass"), ("Other", "fail")])
        devnull = open(os.devnull, "w")
        stdout, sys.stdout = sys.stdout, devnull
        try:
            checks.append(("all failures listed", 0, main(
                ["--known", known(d, "# header\n\ncases/Fail # bug 1\nnext/Other # bug 2\n"),
                 "--report", f"cases={a}", "--report", f"next={b}"])))
            checks.append(("unlisted failure", 1, main(
                ["--known", known(d, "cases/Fail # bug 1\n"), "--report", f"cases={a}", "--report", f"next={b}"])))
            checks.append(("listed case passes", 1, main(
                ["--known", known(d, "cases/Fail # x\nnext/Other # y\nnext/Fail # z\n"),
                 "--report", f"cases={a}", "--report", f"next={b}"])))
            checks.append(("listed case no longer run", 1, main(
                ["--known", known(d, "cases/Fail # x\ncases/Gone # y\n"), "--report", f"cases={a}"])))
            checks.append(("listed case skipped", 1, main(
                ["--known", known(d, "cases/Fail # x\ncases/Skip # y\n"), "--report", f"cases={a}"])))
            stderr, sys.stderr = sys.stderr, devnull
            try:
                checks.append(("entry without reason", 2, main(
                    ["--known", known(d, "cases/Fail\n"), "--report", f"cases={a}"])))
                checks.append(("entry without suite", 2, main(
                    ["--known", known(d, "Fail # x\n"), "--report", f"cases={a}"])))
                checks.append(("duplicate entry", 2, main(
                    ["--known", known(d, "cases/Fail # x\ncases/Fail # y\n"), "--report", f"cases={a}"])))
                checks.append(("missing report", 2, main(
                    ["--known", known(d, "cases/Fail # x\n"), "--report", f"cases={d}/missing.json"])))
            finally:
                sys.stderr = stderr
        finally:
            sys.stdout = stdout
            devnull.close()
    wrong = [(name, expected, got) for name, expected, got in checks if expected != got]
    for name, expected, got in wrong:
        print(f"self-test: {name}: expected exit {expected}, got {got}", file=sys.stderr)
    print(f"conformance-gate self-test: {len(checks) - len(wrong)}/{len(checks)} checks passed")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

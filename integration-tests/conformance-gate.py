#!/usr/bin/env python3
"""Conformance ratchet: compares the conformance runner's failed cases with the known-failures list, and each
suite's passed cases with its floor.

Usage:
  conformance-gate.py --known FILE --floors FILE --report SUITE=REPORT.json [--report SUITE=REPORT.json ...]
  conformance-gate.py --self-test

Each --report is a JSON report written by the conformance runner (`run --report`), named by its suite
(.ci/run's: `cases`, `cases-next`, `consul`, `kubernetes`, `kubernetes-next`): the same case name can exist in
several suites, so the list names `SUITE/Case`.

The known-failures file has one `SUITE/CaseName # reason` per line; blank lines and lines starting with
`#` are ignored. The gate fails (exit 1) when
  - a case failed that is not on the list (a regression, or a new case that does not pass), or
  - a listed case did not fail: it passes now, is skipped, or is no longer run ("remove it from the list"),
so the list only ever shrinks as Lintel improves. It also fails (exit 1) when
  - a suite passes fewer cases than its floor (the floors file: one `SUITE PASSED` per line), so that a suite that
    ran nothing, or only skipped, cannot pass because nothing failed,
  - a case has a result kind the runner does not document (anything but pass, fail, skipped, unsupported,
    unsupported-by-runner): the gate would not know whether it passed,
  - a report's summary does not count the passes its cases show.
Exit 2 on a malformed list or floors file, an unreadable report, a reported suite without a floor or a floor
without a report. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import sys
import tempfile

ENTRY = re.compile(r"^(?P<case>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)\s+#\s*(?P<reason>\S.*)$")
FLOOR = re.compile(r"^(?P<suite>[A-Za-z0-9_.-]+)\s+(?P<passed>[0-9]+)\s*(#.*)?$")
# The result kinds of the runner's JSON report (../shared/conformance/README.md, "JSON report").
KNOWN_RESULTS = ("pass", "fail", "skipped", "unsupported", "unsupported-by-runner")


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


def read_floors(path):
    """{"suite": least passed cases} from the floors file."""
    floors = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise GateError(f"cannot read the floors file {path}: {e}")
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = FLOOR.match(text)
        if not match:
            raise GateError(f"{path}:{number}: expected 'SUITE PASSED' (e.g. 'cases 59'), got {line!r}")
        suite, passed = match.group("suite"), int(match.group("passed"))
        if passed < 1:
            raise GateError(f"{path}:{number}: the floor of {suite} is {passed} (expected: at least 1, "
                            f"or a suite that passes nothing would pass the gate)")
        if suite in floors:
            raise GateError(f"{path}:{number}: {suite} is listed twice")
        floors[suite] = passed
    return floors


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


def check_suite(suite, summary, suite_results, floor):
    """Problems (each a line) of one suite: unknown result kinds, a summary that disagrees, fewer passes than its floor."""
    problems = []
    for case, (result, _) in sorted(suite_results.items()):
        if result not in KNOWN_RESULTS:
            problems.append(f"UNKNOWN RESULT {case}: {result!r} (expected one of {', '.join(KNOWN_RESULTS)})")
    passed = sum(1 for result, _ in suite_results.values() if result == "pass")
    if summary.get("passed") != passed:
        problems.append(f"SUMMARY MISMATCH {suite}: the summary says {summary.get('passed')!r} passed, "
                        f"the cases show {passed}")
    if passed < floor:
        problems.append(f"BELOW FLOOR {suite}: {passed} case(s) passed, the floor is {floor} "
                        f"({len(suite_results)} case(s) reported)")
    return problems


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
    parser.add_argument("--floors", help="the least passed cases per suite")
    parser.add_argument("--report", action="append", default=[], metavar="SUITE=FILE",
                        help="a runner JSON report, named by its suite; may be repeated")
    parser.add_argument("--self-test", action="store_true", help="check this script and exit")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.known or not args.floors or not args.report:
        parser.error("--known, --floors and at least one --report are required")
    suite_problems = []
    try:
        known = read_known(args.known)
        floors = read_floors(args.floors)
        results = {}
        reported = []
        for spec in args.report:
            suite, sep, path = spec.partition("=")
            if not sep or not suite or not path:
                raise GateError(f"--report {spec!r}: expected SUITE=FILE")
            if suite not in floors:
                raise GateError(f"suite {suite} has no floor in {args.floors} (add 'SUITE PASSED' with its passed cases)")
            summary, suite_results = read_report(suite, path)
            print(f"conformance {suite}: {summary.get('passed', '?')} passed, {summary.get('failed', '?')} failed, "
                  f"{summary.get('skipped', '?')} skipped (floor {floors[suite]})")
            suite_problems += check_suite(suite, summary, suite_results, floors[suite])
            passed = sum(1 for result, _ in suite_results.values() if result == "pass")
            if passed > floors[suite]:
                print(f"  {suite} passes {passed}, more than its floor: raise it in {args.floors}")
            results.update(suite_results)
            reported.append(suite)
        unreported = sorted(floors.keys() - set(reported))
        if unreported:
            raise GateError(f"{args.floors} has a floor for {', '.join(unreported)} but no --report for it")
    except GateError as e:
        print(f"conformance gate: {e}", file=sys.stderr)
        return 2

    new, stale = gate(known, results)
    for problem in suite_problems:
        print(problem)
    for case, message in new:
        print(f"NEW FAILURE {case}: {message}")
    for case, detail in stale:
        print(f"LISTED BUT NOT FAILING {case} ({detail}): remove it from the list ({args.known})")
    if new or stale or suite_problems:
        print(f"conformance gate: FAILED: {len(new)} failure(s) not in {args.known}, "
              f"{len(stale)} listed case(s) not failing any more, {len(suite_problems)} suite problem(s)")
        if new:
            print("  fix them, or (only with a reason) add 'SUITE/CaseName # reason' lines to the list")
        return 1
    print(f"conformance gate: OK ({len(known)} known failure(s), all still failing; no new failures; "
          f"every suite at or above its floor)")
    return 0


def self_test():
    """Runs the gate on small made-up reports; exit 0 when it behaves."""
    def report(directory, name, cases, passed=None):
        path = os.path.join(directory, name)
        counted = sum(1 for _, r in cases if r == "pass")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"summary": {"passed": counted if passed is None else passed, "failed": 0, "skipped": 0},
                       "cases": [{"name": n, "result": r, "message": f"{n} {r}"} for n, r in cases]}, f)
        return path

    def text_file(directory, name, text):
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    checks = []
    with tempfile.TemporaryDirectory() as d:
        def known(text):
            return text_file(d, "known.txt", text)

        def floors(text):
            # Each floors file is named after its text: several stay in use at once.
            return text_file(d, f"floors-{abs(hash(text))}.txt", text)

        a = report(d, "a.json", [("Pass", "pass"), ("Fail", "fail"), ("Skip", "skipped")])
        b = report(d, "b.json", [("Fail", "pass"), ("Other", "fail")])
        empty = report(d, "empty.json", [])
        skips = report(d, "skips.json", [("Skip", "skipped"), ("Unsup", "unsupported"), ("Runner", "unsupported-by-runner")])
        odd = report(d, "odd.json", [("Pass", "pass"), ("Odd", "passed")])
        blank = report(d, "blank.json", [("Pass", "pass"), ("Blank", "")])
        lying = report(d, "lying.json", [("Pass", "pass"), ("Fail", "fail")], passed=2)
        both = ["--report", f"cases={a}", "--report", f"next={b}"]
        one_floor = floors("cases 1\n")
        devnull = open(os.devnull, "w")
        stdout, sys.stdout = sys.stdout, devnull
        try:
            two_floors = floors("# header\n\ncases 1  # why\nnext 1\n")
            checks.append(("hyphenated suite names (kubernetes-next)", 0, main(
                ["--known", known("kubernetes-next/Fail # bug 1\n"), "--floors", floors("kubernetes-next 1\n"),
                 "--report", f"kubernetes-next={a}"])))
            checks.append(("all failures listed", 0, main(
                ["--known", known("# header\n\ncases/Fail # bug 1\nnext/Other # bug 2\n"), "--floors", two_floors]
                + both)))
            checks.append(("unlisted failure", 1, main(
                ["--known", known("cases/Fail # bug 1\n"), "--floors", two_floors] + both)))
            checks.append(("listed case passes", 1, main(
                ["--known", known("cases/Fail # x\nnext/Other # y\nnext/Fail # z\n"), "--floors", two_floors] + both)))
            checks.append(("listed case no longer run", 1, main(
                ["--known", known("cases/Fail # x\ncases/Gone # y\n"), "--floors", one_floor, "--report", f"cases={a}"])))
            checks.append(("listed case skipped", 1, main(
                ["--known", known("cases/Fail # x\ncases/Skip # y\n"), "--floors", one_floor, "--report", f"cases={a}"])))
            checks.append(("suite at its floor", 0, main(
                ["--known", known("cases/Fail # x\n"), "--floors", one_floor, "--report", f"cases={a}"])))
            checks.append(("suite below its floor", 1, main(
                ["--known", known("cases/Fail # x\n"), "--floors", floors("cases 2\n"), "--report", f"cases={a}"])))
            checks.append(("suite that ran no case", 1, main(
                ["--known", known(""), "--floors", one_floor, "--report", f"cases={empty}"])))
            checks.append(("suite that only skipped", 1, main(
                ["--known", known(""), "--floors", one_floor, "--report", f"cases={skips}"])))
            checks.append(("unknown result kind", 1, main(
                ["--known", known(""), "--floors", one_floor, "--report", f"cases={odd}"])))
            checks.append(("case without a result", 1, main(
                ["--known", known(""), "--floors", one_floor, "--report", f"cases={blank}"])))
            checks.append(("summary counts passes the cases do not show", 1, main(
                ["--known", known("cases/Fail # x\n"), "--floors", one_floor, "--report", f"cases={lying}"])))
            stderr, sys.stderr = sys.stderr, devnull
            try:
                checks.append(("entry without reason", 2, main(
                    ["--known", known("cases/Fail\n"), "--floors", one_floor, "--report", f"cases={a}"])))
                checks.append(("entry without suite", 2, main(
                    ["--known", known("Fail # x\n"), "--floors", one_floor, "--report", f"cases={a}"])))
                checks.append(("duplicate entry", 2, main(
                    ["--known", known("cases/Fail # x\ncases/Fail # y\n"), "--floors", one_floor,
                     "--report", f"cases={a}"])))
                checks.append(("missing report", 2, main(
                    ["--known", known("cases/Fail # x\n"), "--floors", one_floor, "--report", f"cases={d}/missing.json"])))
                checks.append(("reported suite without a floor", 2, main(
                    ["--known", known("cases/Fail # x\nnext/Other # y\n"), "--floors", one_floor] + both)))
                checks.append(("floor without a report", 2, main(
                    ["--known", known("cases/Fail # x\n"), "--floors", two_floors, "--report", f"cases={a}"])))
                checks.append(("floor of zero", 2, main(
                    ["--known", known("cases/Fail # x\n"), "--floors", floors("cases 0\n"), "--report", f"cases={a}"])))
                checks.append(("malformed floor", 2, main(
                    ["--known", known("cases/Fail # x\n"), "--floors", floors("cases: 59\n"), "--report", f"cases={a}"])))
                checks.append(("duplicate floor", 2, main(
                    ["--known", known("cases/Fail # x\n"), "--floors", floors("cases 1\ncases 2\n"),
                     "--report", f"cases={a}"])))
                checks.append(("missing floors file", 2, main(
                    ["--known", known("cases/Fail # x\n"), "--floors", f"{d}/missing.txt", "--report", f"cases={a}"])))
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

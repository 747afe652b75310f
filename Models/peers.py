#!/usr/bin/env python3
"""Run other MIP solvers on the level models relief solves, and compare.

    relief export CASE --mps DIR
    python3 Models/peers.py DIR [--time-limit 60] [--threads 2] [--peers highs,cbc,cpsat]

`relief export --mps` writes DIR/stageK.mps (level K's objective, the levels above
held by `level_KEY >= value` rows: exactly the models relief's planner solves) and
DIR/manifest.json (per level: key, name, file, direction, relief's value, bound,
whether proven, seconds). This script solves each file with each peer, each solve in
a process of its own (highspy and ortools clash in one), and prints a Markdown table
per level: relief's seconds against each peer's, the ratio, each side's value and
whether it is proven; `DIFFERS` flags a level where both sides prove different
values, `CONFLICT` one where a side found more than the other proved possible.

Peers (benchmark peers only, never a dependency of relief):
  highs  HiGHS through highspy (pip install highspy)
  cbc    COIN-OR CBC, the `cbc` binary (apt-get install coinor-cbc)
  cpsat  OR-Tools CP-SAT through its model builder (pip install ortools). CP-SAT
         needs whole numbers: the script checks that every coefficient, bound and
         right-hand side is one (relief's level models are: minutes, counts, 0/1)
         and refuses the file otherwise; relief's continuous columns (the unfilled
         and unstaffed slacks, set by their equality rows once the 0/1 columns are,
         and level 5's fair-share deviations, free in levels 1-4) are declared
         integer, which changes no level's optimum.
A missing peer is reported as missing, and the others still run.

Seconds: relief's are its stage's (from the manifest: column bound, searches,
branch-and-cut, with what earlier levels left it: columns, a schedule); a peer's
are its solve's wall clock in a cold process, reading the file excluded (CBC: its
own wall-clock total, reading included). relief/peer < 1 means relief was faster.
Exit: 0 when the table is printed (flags included), 64 usage, 65 a bad manifest,
66 no manifest.
"""

import argparse
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time

PEERS = {"highs": "HiGHS", "cbc": "CBC", "cpsat": "CP-SAT"}
INSTALL = {
    "highs": "pip install highspy",
    "cbc": "apt-get install coinor-cbc (the cbc binary on PATH)",
    "cpsat": "pip install ortools",
}
MARK = "PEERS-RESULT "


def fail(code, message):
    print(f"peers.py: {message}", file=sys.stderr)
    sys.exit(code)


def safe(text):
    """Case text as printable, without control characters (the case name is the user's)."""
    return "".join(c if c.isprintable() else "\\u{%X}" % ord(c) for c in str(text))[:80]


def available(peer):
    if peer == "highs":
        return importlib.util.find_spec("highspy") is not None
    if peer == "cpsat":
        return importlib.util.find_spec("ortools") is not None
    return shutil.which("cbc") is not None


def version(peer):
    try:
        if peer == "highs":
            import importlib.metadata as md
            return "highspy " + md.version("highspy")
        if peer == "cpsat":
            import importlib.metadata as md
            return "ortools " + md.version("ortools")
        out = subprocess.run(["cbc", "-quit"], capture_output=True, text=True, timeout=30).stdout
        m = re.search(r"Version:\s*(\S+)", out)
        return "cbc " + (m.group(1) if m else "?")
    except Exception as e:  # a version is decoration; the run goes on
        return f"{peer} (version unknown: {e})"


# --- workers: each runs in a process of its own -------------------------------------------


def worker_highs(path, limit, threads, maximize):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("time_limit", float(limit))
    if h.readModel(path) != highspy.HighsStatus.kOk:
        return {"status": "error", "note": "HiGHS could not read the file"}
    if maximize:
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    start = time.monotonic()
    h.run()
    seconds = time.monotonic() - start
    status = h.getModelStatus()
    info = h.getInfo()
    has_point = info.primal_solution_status == 2  # kSolutionStatusFeasible
    result = {"seconds": seconds, "note": h.modelStatusToString(status)}
    if status == highspy.HighsModelStatus.kOptimal:
        result.update(status="optimal", value=info.objective_function_value, bound=info.mip_dual_bound)
    elif status == highspy.HighsModelStatus.kInfeasible:
        result.update(status="infeasible")
    else:
        result.update(
            status="feasible" if has_point else "no solution",
            value=info.objective_function_value if has_point else None,
            bound=info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None,
        )
    return result


def worker_cpsat(path, limit, threads, maximize):
    from ortools.linear_solver.python import model_builder as mb

    model = mb.Model()
    if not model.import_from_mps_file(path):
        return {"status": "error", "note": "OR-Tools could not read the file"}
    h = model.helper

    def whole(x):
        return not math.isfinite(x) or x == round(x)

    for i in range(h.num_variables()):
        for x in (h.var_objective_coefficient(i), h.var_lower_bound(i), h.var_upper_bound(i)):
            if not whole(x):
                return {"status": "error", "note": f"column {h.var_name(i)}: {x} is not a whole number"}
        if not h.var_is_integral(i):
            h.set_var_integrality(i, True)
    for j in range(h.num_constraints()):
        for x in list(h.constraint_coefficients(j)) + [h.constraint_lower_bound(j), h.constraint_upper_bound(j)]:
            if not whole(x):
                return {"status": "error", "note": f"row {h.constraint_name(j)}: {x} is not a whole number"}
    h.set_maximize(maximize)
    solver = mb.Solver("sat")
    solver.set_time_limit_in_seconds(float(limit))
    solver.set_solver_specific_parameters(f"num_workers: {threads}")
    status = solver.solve(model)
    result = {"seconds": solver.wall_time, "note": status.name}
    if status == mb.SolveStatus.OPTIMAL:
        result.update(status="optimal", value=solver.objective_value, bound=solver.best_objective_bound)
    elif status == mb.SolveStatus.FEASIBLE:
        result.update(status="feasible", value=solver.objective_value, bound=solver.best_objective_bound)
    elif status == mb.SolveStatus.INFEASIBLE:
        result.update(status="infeasible")
    else:
        result.update(status="no solution")
    return result


def run_cbc(path, limit, threads, maximize):
    """CBC is a process of its own already: run the binary and read what it prints."""
    # -seconds counts CPU time unless told otherwise: with 2 threads it would stop at half the wall clock.
    args = ["cbc", path, "-threads", str(threads), "-timeMode", "elapsed", "-seconds", str(limit)]
    args += ["-maximize"] if maximize else []
    args += ["-solve", "-quit"]
    start = time.monotonic()
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=limit * 2 + 60)
    except subprocess.TimeoutExpired:
        return {"status": "no solution", "seconds": time.monotonic() - start, "note": "killed past its time limit"}
    out = p.stdout
    wall = time.monotonic() - start
    m = re.search(r"Total time \(CPU seconds\):\s*\S+\s*\(Wallclock seconds\):\s*(\S+)", out)
    seconds = float(m.group(1)) if m else wall
    result = {"seconds": seconds}
    objective = re.search(r"^Objective value:\s*(\S+)", out, re.M)
    value = float(objective.group(1)) if objective else None
    res = re.search(r"^Result - (.*)$", out, re.M)
    result["note"] = res.group(1).strip() if res else f"exit {p.returncode}"
    # Stopped early, CBC prints its bound in the problem's own sense: "Upper bound" when maximising.
    bound = re.search(r"^(?:Lower|Upper) bound:\s*(\S+)", out, re.M)
    b = float(bound.group(1)) if bound else None
    if res and res.group(1).startswith("Optimal solution found"):
        result.update(status="optimal", value=value, bound=value)
    elif res and "infeasible" in res.group(1).lower():
        result.update(status="infeasible")
    elif value is not None and not re.search(r"No feasible solution found", out):
        result.update(status="feasible", value=value, bound=b)
    else:
        result.update(status="no solution", bound=b)
    return result


def worker(args):
    peer, path, limit, threads, direction = args
    run = {"highs": worker_highs, "cpsat": worker_cpsat}[peer]
    try:
        result = run(path, float(limit), int(threads), direction == "maximize")
    except Exception as e:
        result = {"status": "error", "note": f"{type(e).__name__}: {e}"}
    sys.stdout.flush()
    print(MARK + json.dumps(result), flush=True)


def solve(peer, path, limit, threads, direction):
    if peer == "cbc":
        return run_cbc(path, limit, threads, direction == "maximize")
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", peer, path, str(limit), str(threads), direction]
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit * 2 + 60)
    except subprocess.TimeoutExpired:
        return {"status": "no solution", "seconds": time.monotonic() - start, "note": "killed past its time limit"}
    for line in reversed(p.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    tail = (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1]
    return {"status": "error", "note": f"the worker died: {tail[:200]}"}


# --- comparison ---------------------------------------------------------------------------


def whole(x):
    return None if x is None else int(round(x))


def secs(x):
    return f"{x:.3f}" if x < 1 else f"{x:.2f}"


def integral_bound(bound, maximize):
    """A bound on an integral objective: rounded toward the values it allows."""
    if bound is None or not math.isfinite(bound):
        return None
    return math.floor(bound + 1e-6) if maximize else math.ceil(bound - 1e-6)


def value_cell(value, proven, bound, maximize):
    if proven:
        return f"{value} proven"
    text = "none" if value is None else f"{value}"
    return text + (f" ({'≤' if maximize else '≥'} {bound})" if bound is not None else "")


def ratio_cell(relief_s, relief_proven, peer):
    s = peer.get("seconds")
    if s is None or relief_s is None or s <= 0 or relief_s <= 0:
        return "-"
    r = relief_s / s
    text = f"{r:.2f}" if r >= 0.1 else f"{r:.3f}"
    peer_proven = peer["status"] == "optimal"
    if relief_proven and peer_proven:
        return text
    if relief_proven:  # the peer would need longer than it had to prove: relief/peer is at most this
        return "≤ " + text
    if peer_proven:
        return "≥ " + text
    return "-"


def flags(level, results, maximize):
    """Levels where the sides disagree: both proven and different, or a value above the other's optimum."""
    out = []
    sides = [("relief", level["value"], level["proven"])]
    for peer, r in results.items():
        if r.get("status") in ("optimal", "feasible") and r.get("value") is not None:
            sides.append((PEERS[peer], whole(r["value"]), r["status"] == "optimal"))
    for i, (a, va, pa) in enumerate(sides):
        for b, vb, pb in sides[i + 1:]:
            if pa and pb and va != vb:
                out.append(f"DIFFERS: {a} {va}, {b} {vb}, both proven")
            elif pb and (va > vb if maximize else va < vb):
                out.append(f"CONFLICT: {a} found {va}, beyond {b}'s proven {vb}")
            elif pa and (vb > va if maximize else vb < va):
                out.append(f"CONFLICT: {b} found {vb}, beyond {a}'s proven {va}")
    return out


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        if len(sys.argv) != 7:
            fail(64, "--worker takes PEER FILE SECONDS THREADS DIRECTION")
        worker(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="the folder relief export CASE --mps DIR wrote")
    parser.add_argument("--time-limit", type=float, default=60, help="seconds per peer and level (default 60)")
    parser.add_argument("--threads", type=int, default=2, help="threads per peer (default 2)")
    parser.add_argument("--peers", default="highs,cbc,cpsat", help="which peers (default highs,cbc,cpsat)")
    a = parser.parse_args()
    if a.time_limit <= 0 or a.threads < 1:
        fail(64, "--time-limit takes a positive number of seconds and --threads a whole number from 1")
    peers = [p.strip() for p in a.peers.split(",") if p.strip()]
    unknown = [p for p in peers if p not in PEERS]
    if unknown or not peers:
        fail(64, f"--peers takes names among {', '.join(PEERS)}, not {', '.join(unknown) or 'nothing'}")

    manifest_path = os.path.join(a.dir, "manifest.json")
    if not os.path.isfile(manifest_path):
        fail(66, f"{manifest_path}: no such file; write it with relief export CASE --mps {a.dir}")
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        if manifest.get("format") != "relief.mps-manifest/1":
            raise ValueError(f"format is {manifest.get('format')!r}, expected 'relief.mps-manifest/1'")
        levels = manifest["levels"]
        for l in levels:
            for k in ("level", "name", "file", "direction", "value", "bound", "proven", "seconds"):
                if k not in l:
                    raise ValueError(f"level {l.get('level', '?')} has no {k!r}")
            if l["direction"] not in ("maximize", "minimize"):
                raise ValueError(f"level {l['level']}: direction {l['direction']!r}")
            if os.path.basename(l["file"]) != l["file"]:
                raise ValueError(f"level {l['level']}: file {l['file']!r} is not a name inside the folder")
    except (ValueError, KeyError, TypeError) as e:
        fail(65, f"{manifest_path}: not a relief manifest ({e}); write it again with relief export CASE --mps {a.dir}")
    for l in levels:
        if not os.path.isfile(os.path.join(a.dir, l["file"])):
            fail(66, f"{os.path.join(a.dir, l['file'])}: listed in the manifest but missing; export again")

    present = [p for p in peers if available(p)]
    missing = [p for p in peers if p not in present]
    print(f"command: python3 Models/peers.py {' '.join(sys.argv[1:])}")
    print(f"case: {safe(manifest.get('case', '?'))} (relief {manifest.get('relief', '?')}, "
          f"{manifest.get('solver', '?')}, {manifest.get('status', '?')} in {manifest.get('seconds', '?')} s)")
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError:
        pass
    print(f"machine: {os.cpu_count()} cores, {cpu}, {platform.python_implementation()} {platform.python_version()}")
    print(f"peers: {', '.join(version(p) for p in present) or 'none'}; {a.threads} threads, "
          f"{a.time_limit:g} s per level")
    for p in missing:
        print(f"MISSING PEER: {PEERS[p]} is not installed ({INSTALL[p]}); its columns say 'missing'")
    print()

    header = ["level", "relief s", "relief value"]
    for p in peers:
        header += [f"{PEERS[p]} s", f"{PEERS[p]} value", f"relief/{PEERS[p]}"]
    header += ["flags"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    disagreements = 0
    for l in levels:
        path = os.path.join(a.dir, l["file"])
        maximize = l["direction"] == "maximize"
        results = {}
        for p in present:
            results[p] = solve(p, path, a.time_limit, a.threads, l["direction"])
            print(f"  level {l['level']} {PEERS[p]}: {results[p].get('status')} "
                  f"({results[p].get('note', '')}) in {results[p].get('seconds', 0):.2f} s", file=sys.stderr)
        row = [f"{l['level']} {l['name']}", secs(l["seconds"]), value_cell(l["value"], l["proven"], l["bound"], maximize)]
        for p in peers:
            if p not in present:
                row += ["missing", "missing", "-"]
                continue
            r = results[p]
            if r["status"] in ("error", "infeasible", "no solution"):
                seconds = secs(r["seconds"]) if "seconds" in r else "-"
                text = r["status"] if r["status"] != "error" else f"error: {r.get('note', '')}"
                bound = integral_bound(r.get("bound"), maximize)
                if bound is not None:
                    text += f" ({'≤' if maximize else '≥'} {bound})"
                row += [seconds, text, "-"]
                continue
            bound = integral_bound(r.get("bound"), maximize)
            row += [secs(r["seconds"]), value_cell(whole(r["value"]), r["status"] == "optimal", bound, maximize),
                    ratio_cell(l["seconds"], l["proven"], r)]
        f = flags(l, results, maximize)
        disagreements += len(f)
        row.append("; ".join(f) if f else "")
        print("| " + " | ".join(row) + " |", flush=True)
    print()
    print(f"{disagreements} disagreement(s)" + (": see flags" if disagreements else "")
          + ("" if not missing else f"; missing: {', '.join(PEERS[p] for p in missing)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

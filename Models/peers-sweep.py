#!/usr/bin/env python3
"""relief against HiGHS over generated weeks, one row per week, side by side in one run.

    python3 Models/peers-sweep.py --relief .build/release/relief --size S --seeds 1-10 \
        [--scarce] [--time-limit 60] -o Models/peers-s.md

For each week: `relief generate`, `relief export --mps` (relief's own solve, each level's
model with the levels above held at relief's values, and relief's seconds per level), then
HiGHS on each level's model (`Models/peers.py`'s worker: a cold process per solve, reading
the file excluded). A row gives, per week: relief's seconds (its stages summed, and its
whole solve), HiGHS's stages summed, their ratio (< 1: relief faster), the last level's
value on each side (with its bound when not proven) and the first level where the two
differ. The table is written atomically after every row, so an interrupted sweep keeps
the weeks it measured. HiGHS is a benchmark peer only, never a dependency of relief.
Exit: 0 when the table is written, 64 usage, 66 no relief binary, 73 output not writable.
"""

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

SIZES = {"S": (35, 250), "M": (120, 800), "L": (400, 3000)}


def fail(code, message):
    print(f"peers-sweep.py: {message}", file=sys.stderr)
    sys.exit(code)


def peers_module():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers.py")
    spec = importlib.util.spec_from_file_location("peers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seeds(text):
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def cell(value, proven, bound):
    if value is None:
        return "no solution"
    return f"{value}" if proven else f"{value} (≤ {bound if bound is not None else '?'})"


def week(relief, peers, size, seed, scarce, limit, threads, work):
    sitters, visits = SIZES[size]
    name = f"{size}{seed}{'s' if scarce else ''}"
    case = os.path.join(work, f"{name}.json")
    out = os.path.join(work, name)
    gen = [relief, "generate", "--sitters", str(sitters), "--visits", str(visits), "--seed", str(seed), "-o", case]
    subprocess.run(gen + (["--scarcity"] if scarce else []), check=True, capture_output=True)
    subprocess.run(
        [relief, "export", case, "--mps", out, "--time-limit", str(limit)], check=True, capture_output=True)
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    levels = manifest["levels"]
    highs = [peers.solve("highs", os.path.join(out, l["file"]), limit, threads, l["direction"]) for l in levels]
    relief_stages = sum(l["seconds"] for l in levels)
    highs_stages = sum(h.get("seconds", 0) for h in highs)
    differ = "-"
    for l, h in zip(levels, highs):
        hv = peers.whole(h.get("value"))
        if hv != l["value"]:
            differ = f"level {l['level']}"
            break
    last, h = levels[-1], highs[-1]
    maximize = last["direction"] == "maximize"
    hb = peers.integral_bound(h.get("bound"), maximize)
    return (
        f"| {name} | {manifest['model']['columns']} | {relief_stages:.2f} | {manifest['seconds']:.2f} | "
        f"{highs_stages:.2f} | {relief_stages / max(highs_stages, 1e-3):.2f} | "
        f"{cell(last['value'], last['proven'], last['bound'])} | "
        f"{cell(peers.whole(h.get('value')), h.get('status') == 'optimal', hb)} | {differ} |"
    )


def write(path, lines):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".peers-sweep.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--relief", default=".build/release/relief")
    p.add_argument("--size", choices=sorted(SIZES), default="S")
    p.add_argument("--seeds", default="1-10", help="e.g. 1-10 or 1,2,3")
    p.add_argument("--scarce", action="store_true", help="each seed plain, then scarce")
    p.add_argument("--time-limit", type=float, default=60, help="relief's and HiGHS's seconds per level")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args(sys.argv[1:])
    if not os.access(a.relief, os.X_OK):
        fail(66, f"{a.relief}: no relief binary there; swift build -c release first")
    try:
        todo = [(s, sc) for s in seeds(a.seeds) for sc in ([False, True] if a.scarce else [False])]
    except ValueError:
        fail(64, f"--seeds takes numbers and ranges (1-10, 1,2,3), not {a.seeds!r}")
    peers = peers_module()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    head = [
        "# relief against HiGHS, week by week",
        "",
        f"Command: `python3 Models/peers-sweep.py {' '.join(sys.argv[1:])}`",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu}; load average {os.getloadavg()[0]:.2f} at the start; "
        f"{peers.version('highs')}, {a.threads} threads; measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "relief s: its stages summed (the manifest of `relief export`); solve s: its whole solve (index, model, "
        "every level, quality). HiGHS s: its stages summed, each a cold process on relief's level model. "
        "relief/HiGHS < 1: relief faster. Last level: the normal slots, with the bound when not proven. "
        "Differs: the first level where the two values differ.",
        "",
        "| week | columns | relief s | solve s | HiGHS s | relief/HiGHS | relief last level | HiGHS last level | differs |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for seed, scarce in todo:
            rows.append(week(a.relief, peers, a.size, seed, scarce, a.time_limit, a.threads, work))
            print(rows[-1], flush=True)
            try:
                write(a.output, head + rows)
            except OSError as e:
                fail(73, f"{a.output}: cannot write ({e.strerror})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The worker's pipeline in process: CPU per message of ``process_batch``, against a baseline.

    .venv/bin/python -P scripts/bench_pipeline.py [-n 600] [--batch 25] [--rounds 3]
        [--baseline DIR] [--instructions]

Stores N generated inquiries (``mediadesk.mailgen``: 2–50 KB, ar/en/fr, a quarter replies) in a
fresh SQLite database and runs ``pipeline.process_batch`` over them in batches, as a worker does
(a Redis acknowledgement limiter when Redis answers on MEDIADESK_BENCH_REDIS_URL, JSON logs at
INFO to /dev/null). The first batch is a warm-up and is not counted. No queue, no IMAP: what is
left is the pipeline's own cost, which ``bench_ingest.py`` cannot separate from the rest.

``--baseline DIR``: another checkout of mediadesk with its own ``.venv`` (say, a git worktree
of an earlier commit), measured in the same run, rounds interleaved, so that the ratio does
not depend on how busy the machine was. ``--instructions`` counts instructions under
valgrind's callgrind instead of timing (valgrind must be installed; about 60× slower, so use
a small N): the same figure on a busy machine as on a quiet one, for comparing two commits.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs inside the checkout's own interpreter; prints one JSON line.
CHILD = r"""
import json, logging, os, sys, time
n, batch, url, redis_url, cg = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == "1"
os.environ["MEDIADESK_DATABASE_URL"] = url
os.environ["MEDIADESK_REDIS_URL"] = redis_url
from mediadesk import logs
logs.configure("INFO", json=True)
sys.stderr = open(os.devnull, "w")
from mediadesk.mailgen import generate
from mediadesk.settings import get_settings
from mediadesk.storage.db import make_engine, session_scope, upgrade
from mediadesk.storage.repo import RawItem, store_inbound
from mediadesk.worker import pipeline
settings = get_settings()
limiter = None
if redis_url:
    try:
        import redis
        redis.Redis.from_url(redis_url).flushdb()
        from mediadesk.worker.drafting import RedisAckLimiter
        limiter = RedisAckLimiter(redis_url, settings.ack_rate_limit, settings.ack_rate_window_seconds)
    except Exception:
        limiter = None
upgrade(url)
engine = make_engine(url)
messages = generate(n)
with session_scope(engine) as session:
    ids = store_inbound(session, items=[RawItem(raw=m.raw, uid=i + 1) for i, m in enumerate(messages)],
                        mailbox="INBOX", source="imap", uidvalidity=1)
pipeline.warm_up(settings)
pipeline.process_batch(engine, ids[:batch], settings, limiter=limiter)
rest = ids[batch:]
if cg:
    import subprocess
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True)
cpu, wall = time.process_time(), time.perf_counter()
for start in range(0, len(rest), batch):
    pipeline.process_batch(engine, rest[start:start + batch], settings, limiter=limiter)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
if cg:
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], capture_output=True)
print(json.dumps({"messages": len(rest), "cpu_ms": 1000 * cpu / len(rest), "wall_ms": 1000 * wall / len(rest)}))
"""


def measure(tree: Path, n: int, batch: int, redis_url: str, instructions: bool) -> dict:
    python = tree / ".venv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"{python} not found: run ./scripts/setup.sh in {tree} first")
    with tempfile.TemporaryDirectory(prefix="mediadesk-bench-pipeline-") as workdir:
        url = f"sqlite:///{workdir}/bench.db"
        command = [str(python), "-P", "-c", CHILD, str(n), str(batch), url, redis_url, "1" if instructions else "0"]
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict and set orders in every run
        if instructions:
            out = Path(workdir) / "callgrind.out"
            command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", *command]
        done = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"the run in {tree} failed:\n{done.stderr[-2000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if instructions:
            total = next(int(line.split()[1]) for line in out.read_text().splitlines() if line.startswith("totals:"))
            result["instructions_m"] = total / result["messages"] / 1e6
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=600, help="generated messages (the first batch is a warm-up)")
    parser.add_argument("--batch", type=int, default=25, help="messages per process_batch (MEDIADESK_INGEST_BATCH)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each checkout, interleaved")
    parser.add_argument("--baseline", type=Path, help="another checkout (with its .venv) to measure beside this one")
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind instead")
    args = parser.parse_args()
    if args.n <= args.batch:
        parser.error("-n must be larger than --batch (the first batch is a warm-up)")
    if args.instructions and subprocess.run(["which", "callgrind_control"], capture_output=True).returncode:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    console = Console(stderr=True)
    redis_url = os.environ.get("MEDIADESK_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    trees = {"this checkout": ROOT}
    if args.baseline:
        trees = {"baseline": args.baseline.resolve(), **trees}
    rounds = 1 if args.instructions else args.rounds  # a count does not vary
    results: dict[str, list[dict]] = {name: [] for name in trees}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as progress:
        task = progress.add_task("runs", total=rounds * len(trees))
        for _ in range(rounds):
            for name, tree in trees.items():
                progress.update(task, description=f"{name}: {tree}")
                results[name].append(measure(tree, args.n, args.batch, redis_url, args.instructions))
                progress.advance(task)

    table = Table(title=f"process_batch, {args.n - args.batch} messages in batches of {args.batch}"
                        + (" (callgrind)" if args.instructions else f", {rounds} round(s)"))
    table.add_column("checkout")
    if args.instructions:
        table.add_column("M instructions / message", justify="right")
    else:
        table.add_column("CPU ms / message (min / median)", justify="right")
    table.add_column("vs baseline", justify="right")
    key = "instructions_m" if args.instructions else "cpu_ms"
    base = min(r[key] for r in results["baseline"]) if "baseline" in results else None
    for name, runs in results.items():
        best = min(r[key] for r in runs)
        figure = f"{best:.2f}" if args.instructions else f"{best:.2f} / {statistics.median(r[key] for r in runs):.2f}"
        table.add_row(f"{name} ({trees[name]})", figure, f"{best / base:.2f}×" if base else "")
    Console().print(table)
    console.print(f"load average after: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`mediadesk triage`: triage raw .eml files offline, score the rules, benchmark, and train.

    mediadesk triage a.eml b.eml [--json]      decision + explanation per file ("-" = stdin)
    mediadesk triage --evaluate DIR… [--cv]    accuracy per field, confusion matrix, misses, invented deadlines
    mediadesk triage --corpus DIR              automated-mail counts on a corpus with expectations.json
    mediadesk triage --bench DIR               messages per second on one core
    mediadesk triage-train [--from-dir DIR]    fit the category model from corrections (or a labels.json folder)

The same pure ``triage()`` runs here as in the worker; no server is involved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional

import typer

from mediadesk.cli.common import ExitCode, err, fail, is_tty, out, print_json, settings

_SHORT = {
    "interview_request": "intv", "information_request": "info", "media_assets": "asset",
    "event_accreditation": "event", "correction_complaint": "corr", "partnership_speaking": "partn",
    "general": "gen", "spam": "spam", "automated": "auto",
}
JSON_KEYS = ("file", "category", "confidence", "automated_kind", "language", "deadline", "priority", "explanation")


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _model(use_model: bool):
    from rich.text import Text

    if not use_model:
        return None
    from mediadesk.worker.triage.learning import default_model

    try:
        return default_model(settings())
    except Exception as exc:  # a stale or foreign model file must not stop triage
        err.print(Text.assemble(("warning:", "yellow"), f" ignoring the triage model: {exc}"), highlight=False)
        return None


def _json_line(name: str, decision) -> dict:
    data = decision.to_json()
    data["file"] = name
    return {key: data[key] for key in JSON_KEYS}


def _show(name: str, decision) -> None:
    """One file's decision: a table on a terminal; piped, tab-separated lines ``FILE  FIELD  VALUE``
    (one ``why`` line per reason of the explanation)."""
    d = decision
    rows = [("category", f"{d.category} ({d.confidence:.2f})"), ("automated", d.automated_kind or "no"),
            ("language", f"{d.language or '?'} ({d.language_confidence:.2f})"),
            ("deadline", d.deadline.isoformat() if d.deadline else "none stated"), ("priority", d.priority)]
    if not is_tty():
        from mediadesk.cli.tables import tsv_line

        lines = [(name, field, value) for field, value in rows] + [(name, "why", line) for line in d.explanation]
        sys.stdout.write("".join(tsv_line(line) + "\n" for line in lines))
        sys.stdout.flush()
        return
    from rich.table import Table

    table = Table(title=name, show_header=False, title_justify="left", title_style="bold")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for field, value in rows:
        table.add_row(field, value)
    table.add_row("why", "\n".join(f"• {line}" for line in d.explanation))
    out.print(table)


def _evaluate(directories: list[Path], use_model: bool, cv: bool, folds: int, as_json: bool) -> None:
    from rich.table import Table

    from mediadesk.worker.triage.evaluate import FIELDS, cross_validate, evaluate

    where = ", ".join(str(d) for d in directories)
    try:
        report = evaluate(directories, settings=settings(), model=_model(use_model))
        result = cross_validate(directories, folds=folds, settings=settings()) if cv else None
    except FileNotFoundError as exc:
        fail(str(exc), ExitCode.NOT_FOUND)
    if as_json:
        data = report.to_json()
        data["directories"] = [str(d) for d in directories]
        if result is not None:
            data["cross_validation"] = result
        print_json(data)
        return
    acc = Table(title=f"Accuracy on {report.total} messages ({where})", header_style="bold")
    acc.add_column("field")
    acc.add_column("correct", justify="right")
    acc.add_column("accuracy", justify="right")
    for f in FIELDS:
        acc.add_row(f, f"{report.correct[f]}/{report.total}", f"{report.accuracy(f):.1%}")
    acc.add_row("deadline found (labelled ones)", f"{report.deadline_correct}/{report.deadline_total}",
                f"{report.deadline_recall:.1%}")
    acc.add_row("deadline missed (labelled, none found)", str(report.deadline_missed), "")
    acc.add_row("deadline invented (none stated, one given)", str(len(report.deadline_invented)), "")
    acc.add_row("automated caught", f"{report.automated_caught}/{report.automated_total}", "")
    acc.add_row("genuine flagged automated", str(report.human_flagged_automated), "")
    out.print(acc)

    categories = sorted({*report.confusion, *(g for row in report.confusion.values() for g in row)})
    matrix = Table(title="Category confusion (rows: expected, columns: triage)", header_style="bold",
                   caption=" ".join(f"{_SHORT.get(c, c)}={c}" for c in categories))
    matrix.add_column("expected \\ got", no_wrap=True)
    for c in categories:
        matrix.add_column(_SHORT.get(c, c), justify="right")
    for expected in categories:
        row = report.confusion.get(expected, {})
        matrix.add_row(expected, *[str(row.get(c, "")) if row.get(c) else "·" for c in categories])
    out.print(matrix)

    if report.misses:
        misses = Table(title=f"Misses ({len(report.misses)})", header_style="bold")
        for col in ("file", "field", "expected", "got", "notes"):
            misses.add_column(col, overflow="fold")
        for m in report.misses:
            misses.add_row(m.file, m.field, str(m.expected), str(m.got), m.notes or "")
        out.print(misses)
    else:
        out.print("No misses.")
    if report.deadline_invented:
        out.print("Invented deadlines (no deadline stated): " + ", ".join(report.deadline_invented), highlight=False)
    if result is not None:
        out.print(
            f"Cross-validation, {folds} folds over {result['messages']} messages (models fitted on the other folds,"
            f" about {result['corrections']} corrections each): "
            f"rules {result['rules_accuracy']:.1%}, rules + model {result['rules_model_accuracy']:.1%}, "
            f"model alone {result['model_alone_accuracy']:.1%}"
        )


def _corpus(directory: Path) -> None:
    from rich.table import Table

    from mediadesk.worker.triage.evaluate import evaluate_corpus

    result = evaluate_corpus(directory, settings=settings())
    table = Table(title=f"Automated-mail detection on {directory}", header_style="bold")
    for col in ("expected kind", "messages", "kept from acknowledgement", "right kind", "treated as human"):
        table.add_column(col, justify="right")
    for kind, row in sorted(result["counts"].items()):
        table.add_row(kind, str(row["total"]), str(row["kept"]),
                      str(row["right_kind"]) if kind in ("auto_reply", "bounce") else "", str(row["human"]))
    out.print(table)
    b = result["normal_with_bulk_headers"]
    out.print(f"normal messages with bulk-looking headers kept human: {b['human']}/{b['total']}")
    for m in result["misses"]:
        out.print(f"  miss: {m['file']} expected {m['expected']}, got {m['got']} ({m['subject']!r})", highlight=False)


def _bench(directory: Path, rounds: int, use_model: bool) -> None:
    from mediadesk.worker.parsing import parse_message
    from mediadesk.worker.triage import triage

    files = sorted(Path(directory).glob("*.eml"))
    if not files:
        fail(f"no .eml files in {directory}", ExitCode.NOT_FOUND)
    raw = [p.read_bytes() for p in files]
    cfg, model = settings(), _model(use_model)
    start = time.perf_counter()
    messages = [parse_message(r) for r in raw]
    for m in messages:  # warm-up: builds the language detector and compiles the rules
        triage(m, settings=cfg, model=model)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(rounds):  # timed warm, like triage: the first pass pays for imports and caches
        for r in raw:
            parse_message(r)
    parse_seconds = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        for m in messages:
            triage(m, settings=cfg, model=model)
    seconds = time.perf_counter() - start
    n = rounds * len(messages)
    out.print(f"{len(messages)} messages x {rounds} rounds, language detection and deadline parsing on"
              f"{', with the learned model' if model else ''}:")
    out.print(f"  triage:          {n / seconds:8.1f} messages/s  ({seconds / n * 1000:.2f} ms each)")
    out.print(f"  parse + triage:  {len(messages) / (parse_seconds + seconds / rounds):8.1f} messages/s")
    out.print(f"  first pass (parser, detector build, rule compile): {warm:.1f} s")


def triage_command(
    files: list[str] = typer.Argument(None, help="Raw .eml files to triage; '-' reads one message from stdin."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line: " + ", ".join(JSON_KEYS) + " (with --evaluate: the report as one object)."),
    evaluate_dirs: Optional[list[Path]] = typer.Option(
        None, "--evaluate", metavar="DIR",
        help="Score triage against DIR/labels.json and its .eml files (repeat for several folders, scored together)."),
    cv: bool = typer.Option(False, "--cv", help="With --evaluate: also cross-validate rules vs rules + model vs model alone."),
    folds: int = typer.Option(5, "--folds", min=2, metavar="K", help="With --cv: how many folds."),
    corpus_dir: Optional[Path] = typer.Option(None, "--corpus", metavar="DIR",
                                              help="Count automated-mail detection on DIR/*/expectations.json."),
    bench_dir: Optional[Path] = typer.Option(None, "--bench", metavar="DIR", help="Measure messages/s on DIR/*.eml."),
    rounds: int = typer.Option(5, "--rounds", metavar="N", min=1, help="With --bench: passes over the folder."),
    use_model: bool = typer.Option(True, "--model/--no-model", help="Blend the trained category model if there is one."),
) -> None:
    """Triage raw messages offline: automated?, language, category, deadline, priority — explained."""
    from rich.text import Text

    if evaluate_dirs:
        _evaluate(evaluate_dirs, use_model, cv, folds, as_json)
        return
    if corpus_dir is not None:
        _corpus(corpus_dir)
        return
    if bench_dir is not None:
        _bench(bench_dir, rounds, use_model)
        return
    if not files:
        fail("give one or more .eml files (or '-' for stdin), or --evaluate/--corpus/--bench DIR", ExitCode.USAGE)

    from mediadesk.worker.parsing import parse_message
    from mediadesk.worker.triage import triage

    cfg, model, failed = settings(), _model(use_model), 0
    for name in files:
        try:
            raw = _read(name)
        except OSError as exc:
            err.print(Text.assemble(("error:", "bold red"), f" {name}: {exc.strerror or exc}"), highlight=False)
            failed += 1
            continue
        decision = triage(parse_message(raw), settings=cfg, model=model)
        if as_json:
            print_json(_json_line(name, decision))
        else:
            _show(name, decision)
    if failed:
        raise typer.Exit(ExitCode.NOT_FOUND)


def _examples_from_db() -> list[tuple[str, str]]:
    from sqlmodel import select
    from mediadesk.storage.db import read_scope

    from mediadesk.cli.common import engine
    from mediadesk.storage.models import LabelledExample

    with read_scope(engine()) as session:
        return [(e.text, e.category) for e in session.exec(select(LabelledExample))]


def _examples_from_dir(directory: Path) -> list[tuple[str, str]]:
    from mediadesk.worker.parsing import parse_message
    from mediadesk.worker.triage import message_text
    from mediadesk.worker.triage.evaluate import load_labels

    try:
        labels = load_labels(directory)
    except FileNotFoundError as exc:
        fail(str(exc), ExitCode.NOT_FOUND)
    return [(message_text(parse_message((directory / name).read_bytes())), label["category"])
            for name, label in sorted(labels.items())]


def train_command(
    from_dir: Optional[Path] = typer.Option(None, "--from-dir", metavar="DIR",
                                            help="Train on DIR/labels.json and its .eml files instead of the database."),
    output: Optional[Path] = typer.Option(None, "--out", metavar="FILE", help="Where to save the model (default: DATA_DIR/triage-model.joblib)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object."),
) -> None:
    """Fit the category model on the team's corrections (LabelledExample rows), to blend with the rules."""
    from mediadesk.worker.triage.learning import TrainingError, model_path, train
    from mediadesk.worker.triage.rules import load_rules

    examples = _examples_from_dir(from_dir) if from_dir else _examples_from_db()
    target = output or model_path(settings())
    try:
        metrics = train(examples, target, rules=load_rules(settings().rules_file))
    except TrainingError as exc:
        fail(str(exc), ExitCode.USAGE)
    if as_json:
        print_json(metrics)
        return
    out.print(f"Trained on {metrics['examples']} examples → {metrics['path']}")
    out.print("  per category: " + ", ".join(f"{c} {n}" for c, n in metrics["per_category"].items()))
    if "cv" in metrics:
        cv = metrics["cv"]
        out.print(f"  cross-validated on the examples ({cv['held_out']}): rules {cv['rules']:.1%}, "
                  f"rules + model {cv['rules_model']:.1%}, model {cv['stacked_model']:.1%}")
    out.print(f"  blend weight: {metrics['weight']:.2f}" + ("" if "cv" in metrics else " (too few examples to measure it)"))
    out.print(f"  training accuracy: {metrics['train_accuracy']:.1%}")


def register(app: typer.Typer) -> None:
    """Add `triage` and `triage-train` to the CLI."""
    app.command("triage", no_args_is_help=True)(triage_command)
    app.command("triage-train")(train_command)


__all__ = ["JSON_KEYS", "register"]

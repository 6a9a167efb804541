#!/usr/bin/env python3
"""How well does triage keep spam and machine mail out of the queue, on public real mail?

    .venv/bin/python -P scripts/eval_spam.py --spamassassin DIR [--corpus ../shared/corpus]
        [--inquiries ../shared/samples/inquiries] [--split test|dev|all] [--learn] [--spamd URL]
        [--limit N] [--json]

DIR is the SpamAssassin public corpus, unpacked (never copied into this repository): folders
named spam*, easy_ham*/easy-ham*, hard_ham*/hard-ham* of one message per file (the public
corpus's own tarballs, or the mirror in the GitHub repository stdlib-js/datasets-spam-assassin,
data/). The messages are split in two halves by a hash of their file name: ``dev`` is the half
the rules may be tuned on, ``test`` the half they were not; report ``test``.

Figures:
* spam recall: spam kept from the queue (triaged spam, or automated);
* human mail flagged: easy_ham (people's mail, much of it through mailing lists) triaged spam,
  or automated although it carries no list header nor Precedence list/bulk/junk (a list post
  kept out as bulk is no inquiry either); "called spam" counts the spam verdicts alone;
* hard_ham (commercial newsletters its owner had subscribed to) is shown apart: a press
  office wants those out of the queue too, as bulk.
* ../shared/corpus: bulk kept, normal (human) mail flagged;
* ../shared/samples/inquiries: genuine press inquiries flagged (must be 0).

``--learn`` trains the per-installation model (worker/triage/learning.py) on the dev half, as
if the team had marked those messages, and triages the test half, ../shared/corpus and the
inquiries with it. ``--spamd URL``
asks a running spamd about every message as the worker would (slow: seconds a message).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import triage
from mediadesk.worker.triage.core import message_text
from mediadesk.worker.triage.spam import check_spamd

LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "mailing-list", "x-beenthere", "x-mailing-list",
                "list-archive", "x-mailman-version")


def half(name: str) -> str:
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "test"


def spamassassin_messages(root: Path, split: str) -> list[tuple[str, str, Path]]:
    """(label spam|ham, folder, path) for each message of the chosen half."""
    out = []
    for folder in sorted(p for p in root.rglob("*") if p.is_dir()):
        name = folder.name.lower().replace("-", "_")
        label = "spam" if name.startswith("spam") else "ham" if "ham" in name else None
        if label is None:
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name != "cmds" and path.suffix not in (".json", ".md"):
                if split == "all" or half(path.name) == split:
                    out.append((label, folder.name, path))
    return out


def evaluate_spamassassin(root: Path, *, split: str, settings, model=None, spamd: bool = False,
                          limit: int | None = None) -> dict:
    items = spamassassin_messages(root, split)
    if limit:
        items = items[:: max(1, len(items) // limit)][:limit]
    rows: dict[str, dict[str, int]] = {}
    misses: list[dict] = []
    seconds = 0.0
    for label, folder, path in items:
        raw = path.read_bytes()
        msg = parse_message(raw)
        verdict = check_spamd(raw, settings) if spamd else None
        start = time.perf_counter()
        d = triage(msg, settings=settings, model=model, spam_check=verdict)
        seconds += time.perf_counter() - start
        listed = any(h in msg.headers for h in LIST_HEADERS) or msg.headers.get(
            "precedence", "").strip().lower() in ("list", "bulk", "junk")
        family = "spam" if label == "spam" else "hard_ham" if "hard" in folder.lower() else "easy_ham"
        key = family + ("" if label == "spam" else " (list)" if listed else " (no list header)")
        row = rows.setdefault(key, {"total": 0, "spam": 0, "automated": 0, "human": 0})
        row["total"] += 1
        outcome = "spam" if d.category == "spam" else "automated" if d.category == "automated" else "human"
        row[outcome] += 1
        if (label == "spam" and outcome == "human") or (family == "easy_ham" and outcome == "spam") or (
                family == "easy_ham" and not listed and outcome == "automated"):
            misses.append({"file": f"{folder}/{path.name}", "label": label, "got": d.automated_kind or d.category,
                           "subject": msg.subject[:70], "why": d.explanation[0][:160]})
    spam = rows.get("spam", {"total": 0, "spam": 0, "automated": 0})
    # Human mail: easy_ham, people's own mail and their mailing lists. hard_ham is commercial
    # newsletters its owner subscribed to: bulk for a press office, reported apart.
    ham = [r for k, r in rows.items() if k.startswith("easy_ham")]
    plain = rows.get("easy_ham (no list header)", {"total": 0, "spam": 0, "automated": 0})
    ham_total = sum(r["total"] for r in ham)
    as_spam = sum(r["spam"] for r in ham)
    flagged = as_spam + plain["automated"]
    return {
        "messages": len(items),
        "rows": rows,
        "spam_recall": round((spam["spam"] + spam["automated"]) / spam["total"], 4) if spam["total"] else None,
        "ham_as_spam": as_spam,
        "ham_as_spam_share": round(as_spam / ham_total, 4) if ham_total else None,
        "ham_flagged": flagged,
        "ham_total": ham_total,
        "ham_flagged_share": round(flagged / ham_total, 4) if ham_total else None,
        "ms_per_message": round(1000 * seconds / max(1, len(items)), 2),
        "misses": misses,
    }


def evaluate_shared_corpus(root: Path, settings, model=None) -> dict:
    from mediadesk.worker.triage.evaluate import evaluate_corpus

    result = evaluate_corpus(root, settings=settings, model=model)
    counts = result["counts"]
    bulk, normal = counts.get("bulk", {}), counts.get("normal", {})
    return {
        "bulk_recall": round(bulk["kept"] / bulk["total"], 4) if bulk.get("total") else None,
        "normal_flagged": normal.get("total", 0) - normal.get("human", 0),
        "normal_total": normal.get("total", 0),
        "counts": counts,
        "misses": result["misses"],
    }


def evaluate_inquiries(root: Path, settings, model=None) -> dict:
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    # The genuine inquiries: the set also holds spam and machine mail, labelled as such.
    names = sorted(n for n, label in labels.items() if label.get("category") not in ("spam", "automated"))
    flagged = []
    for name in names:
        d = triage(parse_message((root / name).read_bytes()), settings=settings, model=model)
        if d.category in ("spam", "automated"):
            flagged.append(name)
    return {"inquiries": len(names), "flagged": flagged}


def train_on_dev(root: Path, settings) -> dict:
    """A model fitted on the dev half's labels, as the team's spam marks would train it."""
    from mediadesk.worker.triage.learning import fit

    examples = []
    for label, _, path in spamassassin_messages(root, "dev"):
        msg = parse_message(path.read_bytes())
        if label == "spam":
            examples.append((message_text(msg), "spam"))
        else:
            d = triage(msg, settings=settings)  # a ham's category: what triage said, as nobody corrects it
            examples.append((message_text(msg), d.category if d.category not in ("spam", "automated") else "general"))
    return fit(examples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spamassassin", type=Path, help="the SpamAssassin public corpus, unpacked")
    shared = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--corpus", type=Path, default=shared / "corpus")
    parser.add_argument("--inquiries", type=Path, default=shared / "samples" / "inquiries")
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--learn", action="store_true", help="train the model on the dev half first")
    parser.add_argument("--spamd", metavar="URL", help="ask this spamd too (host:port)")
    parser.add_argument("--no-trust-headers", action="store_true", help="ignore upstream X-Spam-* verdicts")
    parser.add_argument("--limit", type=int, help="at most N SpamAssassin messages (spread evenly)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", type=int, default=15, help="misses to list")
    args = parser.parse_args(argv)

    overrides = {"trust_spam_headers": not args.no_trust_headers}
    if args.spamd:
        overrides["spamd_url"] = args.spamd
    settings = load_settings(_env_file=None, **overrides)
    report: dict = {}
    model = train_on_dev(args.spamassassin, settings) if args.learn and args.spamassassin else None
    if args.spamassassin:
        report["spamassassin"] = evaluate_spamassassin(args.spamassassin, split=args.split, settings=settings,
                                                       model=model, spamd=bool(args.spamd), limit=args.limit)
        report["spamassassin"]["split"] = args.split
        report["spamassassin"]["learned"] = bool(model)
    if args.corpus.is_dir():
        report["shared_corpus"] = evaluate_shared_corpus(args.corpus, settings, model)
    if (args.inquiries / "labels.json").exists():
        report["inquiries"] = evaluate_inquiries(args.inquiries, settings, model)
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    sa = report.get("spamassassin")
    if sa:
        print(f"SpamAssassin public corpus ({sa['split']} half, {sa['messages']} messages"
              f"{', model trained on the dev half' if sa['learned'] else ''}):")
        for key, row in sorted(sa["rows"].items()):
            print(f"  {key:24} {row}")
        print(f"  spam recall {sa['spam_recall']:.3f}; easy_ham called spam {sa['ham_as_spam']}/{sa['ham_total']}"
              f" = {sa['ham_as_spam_share']:.2%}; easy_ham flagged (spam, or automated without a list header)"
              f" {sa['ham_flagged']}/{sa['ham_total']} = {sa['ham_flagged_share']:.2%};"
              f" triage {sa['ms_per_message']} ms a message")
        for miss in sa["misses"][: args.misses]:
            print("   miss:", miss)
    sc = report.get("shared_corpus")
    if sc:
        print(f"../shared/corpus: bulk recall {sc['bulk_recall']:.3f}; normal mail flagged"
              f" {sc['normal_flagged']}/{sc['normal_total']}")
        for miss in sc["misses"][: args.misses]:
            print("   miss:", miss)
    inq = report.get("inquiries")
    if inq:
        print(f"press inquiries: {len(inq['flagged'])}/{inq['inquiries']} flagged {inq['flagged']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

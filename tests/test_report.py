"""`mediadesk report` and the figures behind it (worker/report.py), and what `stats` gains.

- The pure rules: a deadline is kept by a team reply or a resolution before it (never by the
  automatic acknowledgement), missed after, pending while ahead; backlog ages; medians and p90.
- A database made by the real pipeline (tickets linked to contacts and outlets), then team
  replies, resolutions and deadlines set: the data embedded in the page and `stats --json`
  match what the test computes from the database itself.
- The page in a real headless Chromium (Debian's package; skipped when it is not installed,
  failing under CI=true): it loads without script errors, asks the network for nothing (a
  recording proxy catches any request; a control page proves it would), and every chart is drawn.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from harness import in_ci
from harness.threading_cases import eml
from mediadesk import logs
from mediadesk.cli.main import app
from mediadesk.settings import load_settings, reset_settings_cache
from mediadesk.storage import repo
from mediadesk.storage.contacts import Contact, Outlet
from mediadesk.storage.db import engine_for, session_scope, upgrade
from mediadesk.storage.models import InboundMessage, Message, Ticket, utcnow
from mediadesk.worker import pipeline
from mediadesk.worker.report import TicketFacts, backlog_by_age, deadline_outcome, hours_summary

runner = CliRunner()
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
CHARTS = ("per-day", "language", "outlet-kind", "top-outlets", "response-times", "deadlines", "sla", "backlog")


# --------------------------------------------------------------------------- pure


def facts(**fields) -> TicketFacts:
    return TicketFacts(ref="MR-1", created_at=NOW - timedelta(days=2), status="acknowledged", **fields)


def test_a_deadline_is_kept_by_a_human_answer_before_it_not_by_the_acknowledgement():
    deadline = NOW - timedelta(days=1)
    assert deadline_outcome(facts(deadline=deadline, answered_at=deadline - timedelta(hours=1)), NOW) == "kept"
    assert deadline_outcome(facts(deadline=deadline, resolved_at=deadline - timedelta(hours=1)), NOW) == "kept"
    assert deadline_outcome(facts(deadline=deadline, answered_at=deadline + timedelta(hours=1)), NOW) == "missed"
    # the earlier of reply and resolution counts
    assert deadline_outcome(facts(deadline=deadline, answered_at=deadline + timedelta(hours=1),
                                  resolved_at=deadline - timedelta(hours=2)), NOW) == "kept"
    acknowledged_only = facts(deadline=deadline, acknowledged_at=deadline - timedelta(hours=20))
    assert deadline_outcome(acknowledged_only, NOW) == "missed"
    assert deadline_outcome(facts(deadline=NOW + timedelta(hours=3)), NOW) == "pending"
    assert deadline_outcome(facts(), NOW) is None


def test_backlog_by_age_counts_open_tickets_only_in_every_bucket():
    ages = [0.5, 2, 2.5, 5, 10, 40]
    rows = [TicketFacts(ref=f"MR-{i}", created_at=NOW - timedelta(days=d), status="triaged") for i, d in enumerate(ages)]
    rows.append(TicketFacts(ref="MR-99", created_at=NOW - timedelta(days=2), status="resolved"))
    assert backlog_by_age(rows, NOW) == {"under 1 day": 1, "1–3 days": 2, "3–7 days": 1, "1–4 weeks": 1,
                                         "over 4 weeks": 1}


def test_hours_summary_median_and_p90():
    summary = hours_summary([timedelta(hours=h) for h in range(1, 11)])
    assert summary == {"count": 10, "median_hours": 5.5, "p90_hours": 9.0}
    assert hours_summary([]) == {"count": 0, "median_hours": None, "p90_hours": None}


# --------------------------------------------------------------------------- a real database


ASK = "We would like to interview your spokesperson about the annual report."
SENDERS = [
    ("<a@x>", "Dana Levi <dana.levi@reuters.com>", ASK),
    ("<b@x>", "Omar Said <omar@gulfnews.com>", "Could you send the figures of the survey?"),
    ("<c@x>", "Claire Martin <claire@lemonde.fr>", "Pourriez-vous nous envoyer les chiffres du rapport ?"),
    ("<d@x>", "Ann Lee <ann@unknown-paper.example>", "Could we have photos of the exhibition?"),
    ("<e@x>", "سارة <sara@unknown-daily.example>", "نرغب في إجراء مقابلة مع المدير حول التقرير"),
    ("<f@x>", "Dana Levi <dana.levi@reuters.com>", "Another question on the figures, please."),
    ("<g@x>", "Anna Weber <anna@tagespost.example>", "I am out of the office until 7 December."),  # a machine
]


@pytest.fixture(params=["sqlite", "postgresql"])
def desk(request, tmp_path, monkeypatch):
    """Six inquiries and an auto-reply through the pipeline (SQLite, and PostgreSQL as in
    production), then: MR-1 answered by the team before its deadline (kept), MR-2 resolved after
    its deadline (missed), MR-3 only acknowledged before its deadline (missed), MR-4 with a
    deadline ahead (pending), MR-5 resolved; MR-6 created 10 days ago."""
    url = f"sqlite:///{tmp_path / 'r.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    upgrade(url)
    settings = load_settings(_env_file=None, database_url=url, data_dir=tmp_path / "data", media_address="media@imctc.org",
                             redis_url="redis://127.0.0.1:1/0")
    engine = engine_for(url)
    with session_scope(engine) as session:
        ids = repo.store_inbound(session, items=[repo.RawItem(raw=eml(m, s, "Request", b, extra="Auto-Submitted: auto-replied"
                                                                      if "out of the office" in b else ""))
                                                 for m, s, b in SENDERS],
                                 mailbox="t", source="test")
    pipeline.process_batch(engine, ids, settings)
    now = utcnow()
    with session_scope(engine) as session:
        t = {x.ref: x for x in session.exec(select(Ticket)).all()}
        for ref, ticket in t.items():
            ticket.created_at = now - timedelta(days=1)
        t["MR-6"].created_at = now - timedelta(days=10)
        t["MR-1"].deadline = now - timedelta(hours=2)
        inbound = session.exec(select(InboundMessage)).first()
        session.add(Message(ticket_id=t["MR-1"].id, inbound_id=inbound.id, direction="out", from_email="sam@imctc.org",
                            subject="Re: Request", date=now - timedelta(hours=5)))
        t["MR-1"].status, t["MR-1"].acknowledged_at = "waiting", now - timedelta(hours=20)
        t["MR-2"].deadline, t["MR-2"].status = now - timedelta(hours=10), "resolved"
        t["MR-2"].acknowledged_at, t["MR-2"].resolved_at = now - timedelta(hours=22), now - timedelta(hours=4)
        t["MR-3"].deadline, t["MR-3"].acknowledged_at = now - timedelta(hours=3), now - timedelta(hours=23)
        t["MR-4"].deadline = now + timedelta(days=2)
        t["MR-5"].status, t["MR-5"].resolved_at = "closed", now - timedelta(hours=12)
        for ticket in t.values():
            session.add(ticket)
    monkeypatch.setenv("MEDIADESK_DATABASE_URL", url)
    monkeypatch.setenv("MEDIADESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MEDIADESK_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.chdir(tmp_path)
    reset_settings_cache()
    yield engine, tmp_path
    engine.dispose()
    reset_settings_cache()


def cli(*args: str):
    try:
        result = runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        logs.configure("WARNING")
    assert result.exit_code == 0, result.stderr
    return result


def embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def expected_from_db(engine) -> dict:
    with Session(engine) as session:
        tickets = session.exec(select(Ticket).where(Ticket.merged_into_id.is_(None))).all()
        outlets = {}
        for ticket in tickets:
            contact = session.get(Contact, ticket.contact_id) if ticket.contact_id else None
            outlets[ticket.ref] = session.get(Outlet, contact.outlet_id) if contact and contact.outlet_id else None
    return {"total": len(tickets), "by_language": dict(Counter(t.language or "unknown" for t in tickets)),
            "by_category": dict(Counter(t.category or "untriaged" for t in tickets)),
            "by_outlet_kind": dict(Counter(o.kind if o else "none known" for o in outlets.values())),
            "top_outlets": dict(Counter(o.name for o in outlets.values() if o)),
            "open": sum(t.status in ("new", "triaged", "acknowledged", "in_progress", "waiting") for t in tickets)}


def test_the_page_embeds_the_figures_of_the_database(desk):
    engine, tmp = desk
    result = cli("report", "--since", "30d", "-o", "page.html")
    assert "wrote page.html" in result.stderr
    page = (tmp / "page.html").read_text(encoding="utf-8")
    data = embedded(page)
    want = expected_from_db(engine)
    assert want["top_outlets"] == {"Reuters": 2, "Gulf News": 1, "Le Monde": 1}  # the seed did link them
    for key in ("total", "by_language", "by_category", "by_outlet_kind", "top_outlets"):
        assert data[key] == want[key], key
    assert sum(sum(day.values()) for day in data["per_day_by_category"].values()) == want["total"]
    assert data["machines_and_spam"] == 1 == sum(n for c, n in want["by_category"].items() if c in ("automated", "spam"))
    assert f'{want["total"] - data["machines_and_spam"]}</b>' in page  # the headline counts people, not machines
    assert data["deadlines"] == {"with_deadline": 4, "kept": 1, "missed": 2, "pending": 1, "missed_refs": ["MR-2", "MR-3"]}
    assert sum(data["backlog_by_age"].values()) == want["open"] and data["backlog_by_age"]["1–4 weeks"] == 1
    ack = data["time_to_acknowledge"]
    assert ack["count"] == 3 and ack["median_hours"] == pytest.approx(2.0, abs=0.05)  # 4 h, 2 h and 1 h after
    assert data["time_to_resolve"]["count"] == 2
    # every chart is there, with plotly's JavaScript inline and nothing fetched from elsewhere
    for chart in CHARTS:
        assert f'id="{chart}"' in page
    assert "<script src" not in page and not re.search(r'<link[^>]+href="https?:', page)
    assert len(page) > 1_000_000 and "Plotly.newPlot" in page


def test_since_leaves_out_older_tickets(desk):
    engine, tmp = desk
    cli("report", "--since", "5d", "-o", "recent.html")
    data = embedded((tmp / "recent.html").read_text(encoding="utf-8"))
    assert data["total"] == expected_from_db(engine)["total"] - 1  # MR-6 came in 10 days ago


def test_stats_gains_the_same_figures(desk):
    engine, tmp = desk
    cli("report", "-o", "page.html")
    page = embedded((tmp / "page.html").read_text(encoding="utf-8"))
    stats = json.loads(cli("stats", "--json", "--by", "outlet").stdout)
    for key in ("deadlines", "by_outlet_kind", "top_outlets", "time_to_acknowledge", "sla_breaches"):
        assert stats[key] == page[key], key
    reuters = next(r for r in stats["by_outlet"] if r["outlet"] == "Reuters")
    assert reuters["tickets"] == 2 and reuters["kind"] == "agency" and reuters["deadlines_kept"] == 1
    text = cli("stats", "--by", "outlet").stdout
    assert "deadline kept\t1" in text and "deadline missed\t2" in text
    assert any(line.startswith("Reuters\tagency\t1\t2\t1\t0") for line in text.splitlines())
    bad = runner.invoke(app, ["stats", "--by", "colour"])
    assert bad.exit_code == 2 and "--by" in bad.stderr


# --------------------------------------------------------------------------- a real browser


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "chromium is not installed (scripts/test.sh installs Debian's package)"
        if in_ci():
            pytest.fail(message + " (CI is set: not skipping)", pytrace=False)
        pytest.skip(message)
    return found


class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 that answers nothing and records every request line: what
    the browser tried to fetch from the network."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    data = conn.recv(4096)
                    if not data:
                        continue  # a socket opened ahead of need and closed unused: no request was made
                    line = data.split(b"\r\n", 1)[0].decode("latin-1")
                    self.requests.append(line)
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self):
        self.sock.close()


# Chromium's own services (clock, component updates, sign-in) call home whatever the page: these
# hosts are the browser's, never a page's resource (a chart library's CDN would be another host).
BROWSER_OWN = re.compile(r"^(GET|POST|CONNECT) (http://)?(clients\d*|update|accounts|safebrowsing[^ /:]*)"
                         r"\.(google|googleapis)\.com[:/ ]")


# Written into a copy of the page, before anything else runs: script errors and failed loads
# become an attribute of <html>, which --dump-dom prints.
CATCH = """<script>
window.__errors = [];
function __note(text) { window.__errors.push(text);
  document.documentElement.setAttribute("data-errors", JSON.stringify(window.__errors)); }
window.addEventListener("error", function (e) { __note(String(e.message || (e.target && (e.target.src || e.target.href)))); }, true);
window.addEventListener("unhandledrejection", function (e) { __note("rejection: " + String(e.reason)); });
</script>"""


def dump_dom(browser: str, path: Path, proxy: RecordingProxy, tmp: Path) -> str:
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
         "--disable-extensions", "--disable-domain-reliability", "--metrics-recording-only", "--no-pings",
         f"--user-data-dir={tmp / 'profile'}", f"--proxy-server=http://127.0.0.1:{proxy.port}",
         "--proxy-bypass-list=<-loopback>", "--window-size=1200,900", "--virtual-time-budget=10000",
         "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.slow  # a browser in a subprocess: not in the in-process fast lane
@pytest.mark.parametrize("desk", ["sqlite"], indirect=True)  # the page, not the database, is under test
def test_the_page_in_a_headless_browser_loads_offline_without_errors_and_draws_every_chart(desk):
    browser = chromium()
    engine, tmp = desk
    cli("report", "-o", "page.html")
    page = (tmp / "page.html").read_text(encoding="utf-8")
    instrumented = tmp / "instrumented.html"
    instrumented.write_text(page.replace("<head>", "<head>\n" + CATCH, 1), encoding="utf-8")
    control = tmp / "control.html"  # proves the proxy would see a request and the catcher an error
    control.write_text("<html><head>" + CATCH + "</head><body><img src='http://report-test.invalid/x.png'>"
                       "<script>undefinedFunction()</script></body></html>", encoding="utf-8")
    proxy = RecordingProxy()
    try:
        control_dom = dump_dom(browser, control, proxy, tmp)
        assert any("report-test.invalid" in r for r in proxy.requests), proxy.requests
        assert "undefinedFunction" in control_dom
        proxy.requests.clear()
        dom = dump_dom(browser, instrumented, proxy, tmp)
    finally:
        proxy.close()
    asked = [r for r in proxy.requests if not BROWSER_OWN.search(r)]
    assert asked == [], f"the page asked the network for {asked}"
    assert "data-errors" not in dom.split("<head>", 1)[0], dom[:500]
    for chart in CHARTS:
        start = dom.index(f'id="{chart}"')
        section = dom[start:dom.find("</section>", start)]
        assert 'class="main-svg"' in section, f"chart {chart} was not drawn"
    assert 'class="main-svg"' in dom and dom.count('class="plot-container plotly"') == len(CHARTS)

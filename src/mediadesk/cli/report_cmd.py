"""`mediadesk report`: the press office's figures as one self-contained HTML page.

The figures are ``worker/report.py``'s; this module draws them with plotly (its JavaScript
inlined once, so the page needs no network to be read) into a Jinja2 page. The figures are
also embedded as JSON (``<script type="application/json" id="report-data">``), for a reader
or a test to check.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from mediadesk.cli import common
from mediadesk.cli.common import err

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ organisation }} — media inquiries {{ period }}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Naskh Arabic", sans-serif;
         margin: 2rem auto; max-width: 1100px; color: #1d2430; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; } .sub { color: #5a6472; margin-top: 0; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: .8rem; margin: 1.2rem 0; }
  .card { border: 1px solid #dde2e8; border-radius: 8px; padding: .7rem .9rem; }
  .card b { display: block; font-size: 1.5rem; } .card span { color: #5a6472; font-size: .85rem; }
  .chart { border-top: 1px solid #eef1f4; padding-top: .6rem; margin-top: 1rem; }
  table { border-collapse: collapse; margin: .5rem 0; } td, th { padding: .2rem .8rem; text-align: left;
  border-bottom: 1px solid #eef1f4; } th { font-weight: 600; }
</style>
{{ plotly_js }}
</head>
<body>
<h1>{{ organisation }}: media inquiries</h1>
<p class="sub">{{ period }} · generated {{ generated }} · times in {{ zone }}</p>
<div class="cards">
  <div class="card"><b>{{ data.total - data.machines_and_spam }}</b>
    <span>inquiries (besides {{ data.machines_and_spam }} from machines or spam)</span></div>
  <div class="card"><b>{{ hours(data.time_to_acknowledge.median_hours) }}</b><span>median hours to acknowledge</span></div>
  <div class="card"><b>{{ hours(data.time_to_resolve.median_hours) }}</b><span>median hours to resolve</span></div>
  <div class="card"><b>{{ data.deadlines.kept }} / {{ data.deadlines.kept + data.deadlines.missed }}</b>
    <span>journalists' deadlines kept</span></div>
  <div class="card"><b>{{ data.sla_breaches.first_response }} / {{ data.sla_breaches.resolution }}</b>
    <span>SLA breaches: first response / resolution</span></div>
  <div class="card"><b>{{ data.backlog_by_age.values() | sum }}</b><span>open now</span></div>
</div>
<table>
  <tr><th></th><th>tickets</th><th>median (h)</th><th>p90 (h)</th></tr>
  <tr><td>time to acknowledge</td><td>{{ data.time_to_acknowledge.count }}</td>
      <td>{{ hours(data.time_to_acknowledge.median_hours) }}</td><td>{{ hours(data.time_to_acknowledge.p90_hours) }}</td></tr>
  <tr><td>time to resolve</td><td>{{ data.time_to_resolve.count }}</td>
      <td>{{ hours(data.time_to_resolve.median_hours) }}</td><td>{{ hours(data.time_to_resolve.p90_hours) }}</td></tr>
</table>
{% for chart in charts %}
<section class="chart" id="{{ chart.id }}-section">
<h2>{{ chart.title }}</h2>
{{ chart.html }}
</section>
{% endfor %}
{% if data.deadlines.missed_refs %}<p>Deadlines missed: {{ data.deadlines.missed_refs | join(", ") }}</p>{% endif %}
<script type="application/json" id="report-data">{{ data_json }}</script>
</body>
</html>
"""

COLOURS = ["#2c6fbb", "#e07b39", "#3a9d5d", "#c0392b", "#8e5cc4", "#7f8c8d", "#d4a017", "#16a3b8", "#b5651d", "#555"]


def _bar(go, x, y, name=None, colour=None, horizontal=False):
    kwargs = {"name": name, "marker_color": colour}
    return go.Bar(y=x, x=y, orientation="h", **kwargs) if horizontal else go.Bar(x=x, y=y, **kwargs)


def charts(data: dict) -> list[tuple[str, str, object]]:
    """(id, title, plotly figure) for each chart of the page, in order."""
    import plotly.graph_objects as go

    days = list(data["per_day_by_category"])
    categories = list(data["by_category"])
    per_day = go.Figure([_bar(go, days, [data["per_day_by_category"][d].get(c, 0) for d in days], c,
                              COLOURS[i % len(COLOURS)]) for i, c in enumerate(categories)])
    per_day.update_layout(barmode="stack", xaxis_title="day", yaxis_title="inquiries", xaxis_type="date",
                          xaxis_tickformat="%d %b %Y")  # a date axis: days without inquiries stay visible as gaps
    speed = go.Figure([
        _bar(go, ["acknowledge", "resolve"], [data[k]["median_hours"] for k in ("time_to_acknowledge", "time_to_resolve")],
             "median", COLOURS[0]),
        _bar(go, ["acknowledge", "resolve"], [data[k]["p90_hours"] for k in ("time_to_acknowledge", "time_to_resolve")],
             "p90", COLOURS[1])])
    speed.update_layout(barmode="group", yaxis_title="hours")
    d = data["deadlines"]
    deadlines = go.Figure([_bar(go, ["kept", "missed", "pending"], [d["kept"], d["missed"], d["pending"]],
                                colour=[COLOURS[2], COLOURS[3], COLOURS[5]])])
    breaches = go.Figure([_bar(go, ["first response", "resolution"], list(data["sla_breaches"].values()),
                               colour=COLOURS[3])])
    top = dict(reversed(list(data["top_outlets"].items())))  # the largest on top
    figures = [
        ("per-day", "Inquiries per day, by category", per_day),
        ("language", "By language", go.Figure([_bar(go, list(data["by_language"]), list(data["by_language"].values()),
                                                    colour=COLOURS[0])])),
        ("outlet-kind", "By outlet kind", go.Figure([_bar(go, list(data["by_outlet_kind"]),
                                                          list(data["by_outlet_kind"].values()), colour=COLOURS[4])])),
        ("top-outlets", "Top outlets", go.Figure([_bar(go, list(top), list(top.values()), colour=COLOURS[7],
                                                       horizontal=True)])),
        ("response-times", "Time to acknowledge and to resolve (hours)", speed),
        ("deadlines", "Journalists' deadlines kept and missed", deadlines),
        ("sla", "SLA breaches", breaches),
        ("backlog", "Open backlog by age", go.Figure([_bar(go, list(data["backlog_by_age"]),
                                                           list(data["backlog_by_age"].values()), colour=COLOURS[1])])),
    ]
    replies = data.get("replies_per_statement") or {}
    if replies:  # only once the office answered a story with a statement
        figures.append(("statements", "Replies per statement", go.Figure([
            _bar(go, list(replies), [r["sent"] for r in replies.values()], "sent", COLOURS[2]),
            _bar(go, list(replies), [r["waiting"] for r in replies.values()], "waiting", COLOURS[5])])))
        figures[-1][2].update_layout(barmode="stack")
    for _, _, figure in figures:
        figure.update_layout(height=340, margin={"l": 50, "r": 20, "t": 20, "b": 50}, template="plotly_white",
                             showlegend=figure is per_day or figure is speed)
    figures[3][2].update_layout(margin={"l": 190})  # outlet names, not numbers, on that axis
    return figures


def render_page(data: dict, *, organisation: str, period: str, generated: str, zone: str) -> str:
    """The whole page: plotly's JavaScript once, inline; one div per chart; the data as JSON."""
    import plotly.io as pio
    from jinja2 import Environment
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    config = {"displaylogo": False, "displayModeBar": False, "responsive": True}  # a page to read, not a tool
    parts = [{"id": key, "title": title,
              "html": Markup(pio.to_html(figure, full_html=False, include_plotlyjs=False, div_id=key, config=config))}
             for key, title, figure in charts(data)]
    env = Environment(autoescape=True)
    env.globals["hours"] = lambda h: "–" if h is None else f"{h:g}"
    # "</" cannot close the data's script element early: JSON allows "<\/".
    data_json = json.dumps(common.to_jsonable(data), ensure_ascii=False).replace("</", "<\\/")
    return env.from_string(PAGE).render(
        data=data, charts=parts, organisation=organisation, period=period, generated=generated, zone=zone,
        plotly_js=Markup(f'<script type="text/javascript">{get_plotlyjs()}</script>'), data_json=Markup(data_json))


def report(
    since: str = typer.Option("30d", "--since", metavar="WHEN", help="From an ISO date or an age (30d, 12w)."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Before this ISO date."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", metavar="FILE", help="Where to write the page ('-': stdout)."),
) -> None:
    """A self-contained HTML page (no network needed to read it) with the period's figures:
    inquiries per day by category, by language, by outlet kind and top outlets, time to
    acknowledge and resolve (median, p90), deadlines kept and missed, SLA breaches, open backlog by age.

    \b
    Examples:
      mediadesk report
      mediadesk report --since 2026-11-01 --until 2026-12-01 -o november.html
    """
    from mediadesk.cli.stats import _parse_day
    from mediadesk.cli.tickets import parse_since
    from mediadesk.storage.db import read_scope
    from mediadesk.storage.models import utcnow
    from mediadesk.worker import report as figures

    since_at, until_at = parse_since(since), _parse_day(until, "--until")
    zone = common.display_zone()
    now = utcnow()
    with read_scope(common.engine()) as session:  # no write lock: never waits for a worker
        data = figures.compute(figures.load_facts(session, since=since_at, until=until_at), now=now, zone=zone)
        data["replies_per_statement"] = figures.replies_per_statement(session, since=since_at, until=until_at)
    period = f"{common.fmt_time(since_at)[:10]} to {common.fmt_time(until_at or now)[:10]}"
    page = render_page(data, organisation=common.settings().organisation or "Press office", period=period,
                       generated=common.fmt_time(now), zone=str(zone))
    if str(output) == "-":
        sys.stdout.write(page)
        return
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output} ({data['total']} inquiries, {len(page) // 1024} KB)", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(report)

"""The dashboard: the period's figures (bot.cases.dashboard) as SVG charts and tables."""

from __future__ import annotations

from aiohttp import web

from bot.cases import dashboard
from bot.console import charts
from bot.console.web import SIGNED_IN, console_of, language_of, render
from bot.models.cases import Category


async def dashboard_page(request: web.Request) -> web.Response:
    console = console_of(request)
    lang = language_of(request)

    def t(key: str, **args: object) -> str:
        return console.translator.text(lang, key, **args)

    days = int(request.query.get("days", "30")) if request.query.get("days", "30").isdigit() else 30
    days = days if days in dashboard.PERIODS else 30
    figures = await dashboard.figures(
        console.sessions, request[SIGNED_IN].operator, days=days, zone=console.settings.zone
    )
    labels = [day.strftime("%d.%m") for day in figures.days]
    by_category = charts.stacked_bars(
        title=t("console-chart-by-category"),
        labels=labels,
        series=[charts.Series(t(f"console-category-{c.value}"), figures.by_category[c.value]) for c in Category],
    )
    by_urgency = charts.stacked_bars(
        title=t("console-chart-by-urgency"),
        labels=labels,
        series=[
            charts.Series(t("console-urgent"), figures.urgent),
            charts.Series(t("console-not-urgent"), figures.normal),
        ],
    )
    backlog = charts.horizontal_bars(
        title=t("console-chart-backlog"),
        items=[(t(f"console-age-{label}"), count) for label, count in figures.backlog],
    )
    return render(
        request,
        "dashboard.html",
        figures=figures,
        days=days,
        periods=dashboard.PERIODS,
        by_category=by_category,
        by_urgency=by_urgency,
        backlog=backlog,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/dashboard", dashboard_page)

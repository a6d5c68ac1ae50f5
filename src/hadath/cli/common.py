"""Options and output helpers shared by the subcommands."""
from __future__ import annotations

import datetime as dt

import click


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2019-07-01") from None


published_option = click.option(
    "--published", callback=_iso_date, metavar="DATE",
    help="Publication date (YYYY-MM-DD) for inputs that carry none; relative dates resolve against it.")


def echo_error(err) -> None:
    """One line on stderr for an input that could not be processed."""
    click.echo(f"hadath: skipped {err}", err=True)

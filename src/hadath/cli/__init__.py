"""The `hadath` command: one subcommand per job, each a thin layer over the library.

Subcommands live in small modules and are imported only when used, so that
`hadath --help` and a one-document `extract` start fast.
"""
from __future__ import annotations

import importlib
import sys

import click

from hadath import __version__
from hadath.errors import HadathError

# command name -> "module:attribute" (modules under hadath.cli)
COMMANDS = {
    "extract": "extract:extract",
    "eval": "evaluate:evaluate",
    "actors": "actors:actors",
    "ner": "ner:ner",
    "ingest": "store:ingest",
    "events": "store:events",
    "stats": "store:stats",
    "export": "store:export",
    "network": "network:network",
    "bench": "bench:bench",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            mod = importlib.import_module(f"hadath.cli.{module}")
        except ModuleNotFoundError as e:
            if e.name != f"hadath.cli.{module}":
                raise
            return None   # not built yet
        return getattr(mod, attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hadath")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
@click.pass_context
def cli(ctx, debug):
    """hadath: political event data with provenance from Arabic news."""
    ctx.ensure_object(dict)["debug"] = debug


def main(argv=None):
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        return cli.main(args=argv, prog_name="hadath", standalone_mode=False) or 0
    except click.exceptions.Exit as e:
        return e.exit_code
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.exceptions.Abort:
        click.echo("hadath: interrupted", err=True)
        return 130
    except (HadathError, OSError) as e:
        if debug:
            raise
        click.echo(f"hadath: error: {e}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("hadath: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""The `kzcn` command: build the datasets, refresh them from UN Comtrade, import a CEPII BACI bulk file.

    kzcn build [--raw DIR] [--speech FILE] [--out DIR]
    kzcn refresh comtrade [--from 2014] [--to 2024] [--data DIR] [--base-url URL]
    kzcn import baci PATH [--data DIR]

Exit status 0 on success, 1 on any handled failure (network, rate limit, bad input, invalid data) with a
one-line message on stderr; the data folder is then left exactly as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kzcn.errors import KzcnError
from kzcn.paths import data_dir
from kzcn.refresh import baci_bulk, comtrade_api


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kzcn", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="{build,refresh,import}")
    commands.add_parser("build", help="rebuild data/*.parquet from the raw files (python -m kzcn.build)",
                        add_help=False)

    refresh = commands.add_parser("refresh", help="refresh a live source into data/")
    sources = refresh.add_subparsers(dest="source", required=True)
    ct = sources.add_parser("comtrade", help="UN Comtrade API: China ↔ Kazakhstan by HS chapter, annual",
                            description=f"Key: environment variable {comtrade_api.KEY_ENV} (optional; without "
                                        f"it the key-less preview API is used, 500 records a call).")
    ct.add_argument("--from", dest="first", type=int, default=2014, help="first year (default 2014)")
    ct.add_argument("--to", dest="last", type=int, default=2024, help="last year (default 2024)")
    ct.add_argument("--data", type=Path, default=None, help="data folder (default: the app's data/)")
    ct.add_argument("--base-url", default=comtrade_api.DEFAULT_BASE_URL,
                    help=f"API root (default {comtrade_api.DEFAULT_BASE_URL})")
    ct.add_argument("--min-interval", type=float, default=comtrade_api.MIN_INTERVAL,
                    help=f"seconds between calls (default {comtrade_api.MIN_INTERVAL:g})")
    ct.add_argument("--max-retries", type=int, default=comtrade_api.MAX_RETRIES,
                    help=f"retries of a call after 429/5xx/network errors (default {comtrade_api.MAX_RETRIES})")
    ct.add_argument("--backoff", type=float, default=comtrade_api.BACKOFF,
                    help=f"first retry wait in seconds, doubled each retry (default {comtrade_api.BACKOFF:g})")
    ct.add_argument("--max-wait", type=float, default=comtrade_api.MAX_WAIT,
                    help=f"longest wait the server may ask for before giving up (default {comtrade_api.MAX_WAIT:g})")

    imp = commands.add_parser("import", help="import a bulk file into data/")
    kinds = imp.add_subparsers(dest="kind", required=True)
    baci = kinds.add_parser("baci", help="a CEPII BACI release zip or yearly CSV")
    baci.add_argument("path", type=Path, help="BACI_HS<rev>_V<release>.zip or BACI_HS<rev>_Y<year>_V<release>.csv")
    baci.add_argument("--data", type=Path, default=None, help="data folder (default: the app's data/)")
    baci.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return parser


def _run(what: str, action: Callable[[], dict]) -> int:
    try:
        tables = action()
    except KzcnError as exc:
        print(f"{what} failed, data left unchanged: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. the data folder is not writable
        print(f"{what} failed, data left unchanged: {exc}", file=sys.stderr)
        return 1
    products = tables["trade_products"]
    print(f"{what}: done; trade_products {products.num_rows} rows, sources {tables['sources'].num_rows}, "
          f"refresh_log {tables['refresh_log'].num_rows}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["build"]:
        from kzcn import build  # only here: it pulls in every reader

        return build.main(argv[1:])
    args = _parser().parse_args(argv)
    folder = args.data or data_dir()
    if args.command == "refresh":
        settings = comtrade_api.Settings(
            base_url=args.base_url, key=comtrade_api.key_from_env(), min_interval=max(args.min_interval, 0.0),
            max_retries=max(args.max_retries, 0), backoff=max(args.backoff, 0.0), max_wait=max(args.max_wait, 0.0))
        return _run("refresh comtrade",
                    lambda: comtrade_api.refresh(folder, args.first, args.last, settings))
    return _run("import baci",
                lambda: baci_bulk.import_file(args.path, folder, progress=not args.no_progress))


if __name__ == "__main__":
    sys.exit(main())

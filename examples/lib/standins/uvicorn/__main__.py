"""`uvicorn APP [--host H] [--port N] [--reload] [--app-dir DIR]`: see the package docstring."""
import argparse
import os
import sys

from uvicorn import run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="uvicorn")
    parser.add_argument("app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--app-dir", default=".")
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.abspath(args.app_dir))
    run(args.app, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())

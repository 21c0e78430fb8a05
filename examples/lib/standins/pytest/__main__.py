"""`python -m pytest [-v] [-q] FILE...`: see the package docstring."""
import importlib.util
import inspect
import os
import sys
import traceback
from pathlib import Path


def collect(path: Path):
    name = "standin_" + "_".join(path.with_suffix("").parts[-4:])
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for key, value in vars(module).items():
        if key.startswith("test") and inspect.isfunction(value):
            yield key, value
        elif key.startswith("Test") and inspect.isclass(value):
            for method in sorted(k for k in vars(value) if k.startswith("test")):
                yield f"{key}::{method}", getattr(value(), method)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    verbose = "-v" in argv or "--verbose" in argv
    files = [a for a in argv if not a.startswith("-")]
    sys.path.insert(0, os.getcwd())   # as `python -m pytest` puts the working directory first
    paths = [Path(f) for f in files] or sorted(Path("tests").rglob("test_*.py"))
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"ERROR: file or directory not found: {missing[0]}")
        return 4
    print(f"platform {sys.platform} -- Python {sys.version.split()[0]}, pytest stand-in")
    passed, failed, errors = 0, [], []
    for path in paths:
        try:
            tests = list(collect(path))
        except Exception:
            errors.append((str(path), traceback.format_exc()))
            print(f"{path} ERROR")
            continue
        for name, test in tests:
            try:
                test()
                passed += 1
                if verbose:
                    print(f"{path}::{name} PASSED")
            except Exception:
                failed.append((f"{path}::{name}", traceback.format_exc()))
                print(f"{path}::{name} FAILED")
    for title, trace in errors + failed:
        print(f"\n____ {title} ____\n{trace}")
    summary = f"{len(failed)} failed, " if failed else ""
    summary += f"{len(errors)} errors, " if errors else ""
    print(f"==== {summary}{passed} passed ====")
    if failed or errors:
        return 1
    return 0 if passed else 5


if __name__ == "__main__":
    sys.exit(main())

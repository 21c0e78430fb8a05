"""Stand-in for pytest, installed into an example's venv only when no real pytest is importable.

Debian's python3-pytest is not among the packages the examples may use. This runs what the example
test files hold and nothing more: module-level `test_*` functions and `test_*` methods of `Test*`
classes, plain `assert`, no fixtures, no plugins. Output and exit codes follow pytest: 0 all passed,
1 some failed, 4 usage error (a file that does not exist), 5 nothing collected.
"""
__version__ = "0.0-standin"


def main(args=None) -> int:
    from pytest.__main__ import main as run

    return run(args)

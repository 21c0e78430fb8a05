"""Settings from pyproject.toml ([project] version, [tool.tmws]) and TMWS_* environment variables."""
import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def version() -> str:
    return _pyproject()["project"]["version"]


def settings() -> dict:
    return _pyproject().get("tool", {}).get("tmws", {})


def environment() -> str:
    return os.environ.get("TMWS_ENVIRONMENT", "production")


def database_path() -> Path:
    url = os.environ.get("TMWS_DATABASE_URL", "")
    if url.startswith("sqlite:///"):
        return (ROOT / url[len("sqlite:///"):]).resolve()
    return ROOT / settings().get("database", "data/tmws.db")

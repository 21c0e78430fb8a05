"""The installation's config.json (.praxis-os/config.json, one folder above this package)."""
import json
from pathlib import Path

PRAXIS_DIR = Path(__file__).resolve().parents[1]


def load() -> dict:
    return json.loads((PRAXIS_DIR / "config.json").read_text())


def port() -> int:
    return int(load()["mcp"]["http_port"])

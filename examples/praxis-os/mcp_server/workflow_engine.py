"""Workflows are folders of phases under workflows/; a session's state lives in .cache/state/."""
import json
from pathlib import Path

from mcp_server.config import PRAXIS_DIR


def available() -> list[str]:
    return sorted(p.name for p in (PRAXIS_DIR / "workflows").iterdir() if (p / "metadata.json").exists())


def metadata(name: str) -> dict:
    return json.loads((PRAXIS_DIR / "workflows" / name / "metadata.json").read_text())


def state_file(session_id: str) -> Path:
    return PRAXIS_DIR / ".cache" / "state" / f"{session_id}.json"

"""TMWS HTTP API as an ASGI application.

    uvicorn src.main:app --port 8001        # development
    .venv/bin/python bin/tmws-server        # production (host, port and files from pyproject.toml)
"""
from __future__ import annotations

import json
import sqlite3

from src import config
from src.domain.value_objects.tool_category import ToolCategory
from src.services.learning_trust_integration import LearningTrustIntegration
from src.services.verification_service import REQUIRED_SCHEMA_REVISION, SchemaMismatch, VerificationService

trust = LearningTrustIntegration()


def health() -> tuple[int, dict]:
    body = {"service": "tmws", "version": config.version(), "environment": config.environment(),
            "schema": {"required": REQUIRED_SCHEMA_REVISION}, "tool_categories": len(ToolCategory)}
    try:
        connection = sqlite3.connect(f"file:{config.database_path()}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA quick_check").fetchone()[0]
            if integrity != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {integrity}")
            body["schema"]["current"] = VerificationService(connection).check_schema()
        finally:
            connection.close()
    except (sqlite3.Error, SchemaMismatch) as e:
        return 503, dict(body, status="unhealthy", error=str(e))
    return 200, dict(body, status="healthy")


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["path"] == "/health":
        status, body = health()
    elif scope["path"] == "/version":
        status, body = 200, {"version": config.version()}
    else:
        status, body = 404, {"error": "not found", "path": scope["path"]}
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def startup_check() -> None:
    """Refuse to serve a database this code was not written for (raises with the reason)."""
    status, body = health()
    if status != 200:
        raise SystemExit(f"tmws: not starting: {body['error']}")


def serve() -> None:
    import uvicorn

    settings = config.settings()
    startup_check()
    uvicorn.run("src.main:app", host=settings.get("host", "127.0.0.1"), port=int(settings.get("port", 8000)))

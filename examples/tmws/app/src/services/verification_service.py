"""Verification service: checks an agent's claim against evidence and records the result.

Verification records live in the verification_records table (migrations 006 and 010). The service
refuses to work against a database whose schema it was not written for.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone

from src.domain.value_objects.tool_category import ToolCategory

# The Alembic revision this code reads and writes (pre-Phase 4: 012, learning pattern index).
REQUIRED_SCHEMA_REVISION = "3c9d1e7f5a12"

PASS_THRESHOLD = 0.8


class SchemaMismatch(RuntimeError):
    pass


@dataclass(frozen=True)
class Claim:
    agent_id: str
    tool: str
    category: ToolCategory
    statement: str


@dataclass
class VerificationResult:
    claim: Claim
    score: float
    evidence: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.score >= PASS_THRESHOLD or not self.claim.category.requires_verification


def score_evidence(claim: Claim, evidence: list[str]) -> float:
    """Share of the claim's words found in the evidence, weighted by the tool's risk."""
    words = {w for w in claim.statement.lower().split() if len(w) > 3}
    if not words:
        return 0.0
    seen = " ".join(evidence).lower()
    found = sum(1 for w in words if w in seen)
    weight = {"low": 1.0, "medium": 0.9, "high": 0.8}[claim.category.risk.value]
    return round(found / len(words) * weight, 4)


class VerificationService:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def check_schema(self) -> str:
        revision = self.connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if revision != REQUIRED_SCHEMA_REVISION:
            raise SchemaMismatch(f"database is at revision {revision}, this code needs {REQUIRED_SCHEMA_REVISION}")
        return revision

    def verify(self, claim: Claim, evidence: list[str]) -> VerificationResult:
        result = VerificationResult(claim, score_evidence(claim, evidence), list(evidence))
        self.connection.execute(
            "INSERT INTO verification_records (agent_id, tool_name, category, claim, score, passed, evidence_json,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (claim.agent_id, claim.tool, claim.category.value, claim.statement, result.score, int(result.passed),
             json.dumps(evidence), datetime.now(timezone.utc).isoformat()))
        return result

    def pass_rate(self, agent_id: str) -> float:
        row = self.connection.execute(
            "SELECT COUNT(*), COALESCE(SUM(passed), 0) FROM verification_records WHERE agent_id = ?",
            (agent_id,)).fetchone()
        return 0.0 if row[0] == 0 else row[1] / row[0]

import sqlite3

from src.domain.value_objects.tool_category import ToolCategory
from src.services.verification_service import (
    REQUIRED_SCHEMA_REVISION, Claim, SchemaMismatch, VerificationService, score_evidence)


def _db():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    connection.execute("CREATE TABLE verification_records (id INTEGER PRIMARY KEY, agent_id TEXT, tool_name TEXT,"
                       " category TEXT, claim TEXT, score REAL, passed INTEGER, evidence_json TEXT, created_at TEXT)")
    connection.execute("INSERT INTO alembic_version VALUES (?)", (REQUIRED_SCHEMA_REVISION,))
    return connection


def test_evidence_covering_the_claim_scores_high():
    claim = Claim("athena", "write_file", ToolCategory.FILESYSTEM, "wrote config file successfully")
    assert score_evidence(claim, ["config file wrote successfully, 42 bytes"]) >= 0.8


def test_low_risk_claims_pass_without_evidence():
    service = VerificationService(_db())
    result = service.verify(Claim("hera", "recall", ToolCategory.MEMORY, "recalled memories"), [])
    assert result.passed


def test_high_risk_claim_without_evidence_fails_and_is_recorded():
    service = VerificationService(_db())
    result = service.verify(Claim("eris", "http_get", ToolCategory.NETWORK, "fetched release notes page"), [])
    assert not result.passed
    assert service.pass_rate("eris") == 0.0


def test_schema_check_refuses_another_revision():
    connection = _db()
    connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    try:
        VerificationService(connection).check_schema()
    except SchemaMismatch as e:
        assert "ffffffffffff" in str(e)
    else:
        raise AssertionError("schema mismatch not detected")

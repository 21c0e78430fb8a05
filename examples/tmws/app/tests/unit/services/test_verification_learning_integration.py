from src.domain.value_objects.tool_category import ToolCategory
from src.services.learning_trust_integration import FAILURE_COST, INITIAL_TRUST, LearningTrustIntegration
from src.services.verification_service import Claim, VerificationResult


def _result(agent, passed):
    claim = Claim(agent, "run_shell", ToolCategory.SYSTEM, "restarted the worker")
    return VerificationResult(claim, 1.0 if passed else 0.0)


def test_success_raises_trust():
    trust = LearningTrustIntegration()
    assert trust.record(_result("athena", True)).score > INITIAL_TRUST


def test_failure_costs_more_than_success_earns():
    trust = LearningTrustIntegration()
    trust.record(_result("artemis", True))
    after = trust.record(_result("artemis", False)).score
    assert after < INITIAL_TRUST
    assert round(INITIAL_TRUST + 0.05 - FAILURE_COST, 4) == after


def test_trust_threshold():
    trust = LearningTrustIntegration(threshold=0.6)
    for _ in range(3):
        trust.record(_result("hestia", True))
    assert trust.trusted("hestia")
    assert not trust.trusted("unknown")


def test_scores_stay_between_zero_and_one():
    trust = LearningTrustIntegration()
    for _ in range(20):
        trust.record(_result("eris", False))
    assert trust.scores["eris"].score == 0.0

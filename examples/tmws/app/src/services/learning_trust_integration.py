"""Learning trust: turns verification outcomes into per-agent trust scores.

A verified success raises trust, a failure lowers it more (asymmetric, so one bad claim costs more
than one good claim earns). Scores stay in [0, 1].
"""
from __future__ import annotations

from dataclasses import dataclass

from src.services.verification_service import VerificationResult

SUCCESS_GAIN = 0.05
FAILURE_COST = 0.15
INITIAL_TRUST = 0.5


@dataclass
class TrustScore:
    agent_id: str
    score: float = INITIAL_TRUST
    observations: int = 0

    def apply(self, result: VerificationResult) -> "TrustScore":
        delta = SUCCESS_GAIN if result.passed else -FAILURE_COST
        self.score = min(1.0, max(0.0, round(self.score + delta, 4)))
        self.observations += 1
        return self


class LearningTrustIntegration:
    def __init__(self, threshold: float = 0.72):
        self.threshold = threshold
        self.scores: dict[str, TrustScore] = {}

    def record(self, result: VerificationResult) -> TrustScore:
        agent = result.claim.agent_id
        return self.scores.setdefault(agent, TrustScore(agent)).apply(result)

    def trusted(self, agent_id: str) -> bool:
        score = self.scores.get(agent_id)
        return score is not None and score.score >= self.threshold

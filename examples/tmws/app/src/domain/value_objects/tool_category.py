"""Tool categories: the value object shared with the Go orchestrator.

contracts/tool_categories.json is the contract both sides read; tests/integration/
test_go_python_category_sync.py keeps this enum and the contract in step.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ToolCategory(str, Enum):
    """What kind of work a tool does; decides verification strictness and trust weighting."""

    MEMORY = "memory"
    SEARCH = "search"
    WORKFLOW = "workflow"
    VERIFICATION = "verification"
    LEARNING = "learning"
    FILESYSTEM = "filesystem"
    NETWORK = "network"
    SYSTEM = "system"

    @classmethod
    def parse(cls, value: str) -> "ToolCategory":
        normalized = value.strip().lower().replace("-", "_")
        for category in cls:
            if category.value == normalized:
                return category
        raise ValueError(f"unknown tool category '{value}'; known: {', '.join(c.value for c in cls)}")

    @property
    def risk(self) -> "RiskLevel":
        return _RISK[self]

    @property
    def requires_verification(self) -> bool:
        return self.risk is not RiskLevel.LOW


class RiskLevel(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


_RISK = {
    ToolCategory.MEMORY: RiskLevel.LOW,
    ToolCategory.SEARCH: RiskLevel.LOW,
    ToolCategory.WORKFLOW: RiskLevel.MEDIUM,
    ToolCategory.VERIFICATION: RiskLevel.LOW,
    ToolCategory.LEARNING: RiskLevel.MEDIUM,
    ToolCategory.FILESYSTEM: RiskLevel.HIGH,
    ToolCategory.NETWORK: RiskLevel.HIGH,
    ToolCategory.SYSTEM: RiskLevel.HIGH,
}


@dataclass(frozen=True)
class CategorizedTool:
    name: str
    category: ToolCategory

    @classmethod
    def of(cls, name: str, category: str) -> "CategorizedTool":
        if not name or not name.strip():
            raise ValueError("a tool needs a name")
        return cls(name.strip(), ToolCategory.parse(category))


def categories_contract() -> dict:
    """The shape of contracts/tool_categories.json, for the sync test."""
    return {"categories": [{"name": c.value, "risk": c.risk.value} for c in ToolCategory]}

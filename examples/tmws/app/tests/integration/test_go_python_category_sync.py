"""The Go orchestrator and this service must agree on tool categories (contracts/tool_categories.json)."""
import json
from pathlib import Path

from src.domain.value_objects.tool_category import ToolCategory, categories_contract

CONTRACT = Path(__file__).resolve().parents[2] / "contracts" / "tool_categories.json"


def test_python_categories_match_the_contract():
    contract = json.loads(CONTRACT.read_text())
    assert categories_contract() == contract


def test_every_contract_category_parses():
    for entry in json.loads(CONTRACT.read_text())["categories"]:
        assert ToolCategory.parse(entry["name"]).value == entry["name"]

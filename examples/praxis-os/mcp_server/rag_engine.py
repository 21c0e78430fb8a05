"""Keyword search over standards/ and usage/ (the real server uses a vector index)."""
from pathlib import Path

from mcp_server.config import PRAXIS_DIR

INDEX_VERSION = 2


class RagEngine:
    def __init__(self, roots=("standards", "usage")):
        self.documents = {}
        for root in roots:
            for path in sorted((PRAXIS_DIR / root).rglob("*.md")):
                self.documents[path.relative_to(PRAXIS_DIR).as_posix()] = path.read_text().lower()

    def search(self, query: str, limit: int = 5) -> list[str]:
        words = query.lower().split()
        scored = [(sum(text.count(w) for w in words), name) for name, text in self.documents.items()]
        return [name for score, name in sorted(scored, reverse=True) if score > 0][:limit]

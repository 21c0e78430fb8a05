"""Backups of an installation: .praxis-os/.backups/YYYY-MM-DD-HHMMSS/ with a SHA256SUMS manifest
(`sha256sum -c SHA256SUMS` checks one by hand) and requirements-snapshot.txt (pip freeze)."""
import hashlib
import shutil
from pathlib import Path

from mcp_server.config import PRAXIS_DIR

BACKED_UP = ["mcp_server", "config.json", "standards", "usage", "workflows", "VERSION.txt"]
MANIFEST = "SHA256SUMS"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class BackupManager:
    def __init__(self, praxis_dir: Path = PRAXIS_DIR):
        self.praxis_dir = Path(praxis_dir)
        self.backups_dir = self.praxis_dir / ".backups"

    def verify_backup_integrity(self, backup_path: Path) -> bool:
        backup_path = Path(backup_path)
        manifest = backup_path / MANIFEST
        if not manifest.exists():
            return False
        listed = set()
        for line in manifest.read_text().splitlines():
            digest, _, name = line.partition("  ")
            listed.add(name)
            target = backup_path / name
            if not target.is_file() or _sha256(target) != digest:
                return False
        present = {p.relative_to(backup_path).as_posix() for p in backup_path.rglob("*") if p.is_file()}
        return present - {MANIFEST} == listed

    def restore_from_backup(self, backup_path: Path) -> None:
        backup_path = Path(backup_path)
        for name in BACKED_UP:
            source, target = backup_path / name, self.praxis_dir / name
            if not source.exists():
                continue
            if target.is_dir():
                shutil.rmtree(target)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)

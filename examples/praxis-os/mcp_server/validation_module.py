"""Post-install checks, as the upgrade workflow's phase 4 and the manual rollback's step 7 use them."""
import json
import urllib.error
import urllib.request

from mcp_server import config


class ValidationModule:
    def __init__(self, timeout: float = 3.0):
        self.timeout = timeout

    def check_server_health(self) -> dict:
        url = f"http://127.0.0.1:{config.port()}/health"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                body = json.loads(response.read())
        except urllib.error.HTTPError as e:
            body = json.loads(e.read() or b"{}")
            return {"healthy": False, "error": body.get("error", f"HTTP {e.code}"), "url": url}
        except OSError as e:
            return {"healthy": False, "error": f"server not reachable: {e}", "url": url}
        return {"healthy": bool(body.get("healthy")), "error": body.get("error"), "version": body.get("version"),
                "url": url}

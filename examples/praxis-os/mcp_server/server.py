"""HTTP front of the MCP server: GET /health, /tools, /search?q=... on config.json's mcp.http_port."""
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from mcp_server import __version__, config, workflow_engine
from mcp_server.rag_engine import INDEX_VERSION, RagEngine

TOOLS = ["search_standards", "get_workflow", "start_workflow", "complete_phase", "get_server_info"]


def health(rag: RagEngine) -> tuple[int, dict]:
    required = int(config.load().get("rag", {}).get("index_version", INDEX_VERSION))
    body = {"version": __version__, "tools_registered": len(TOOLS), "documents_indexed": len(rag.documents),
            "workflows": len(workflow_engine.available()), "rag_index_version": INDEX_VERSION}
    if required != INDEX_VERSION:
        return 503, dict(body, healthy=False, status="unhealthy",
                         error=f"RAG index version {INDEX_VERSION}, config.json requires {required}")
    return 200, dict(body, healthy=True, status="ok")


def main() -> None:
    rag = RagEngine()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/health":
                status, body = health(rag)
            elif url.path == "/tools":
                status, body = 200, {"tools": TOOLS}
            elif url.path == "/search":
                status, body = 200, {"results": rag.search(parse_qs(url.query).get("q", [""])[0])}
            else:
                status, body = 404, {"error": "not found"}
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, fmt, *args):
            print(f"mcp_server: {self.requestline} -> {args[1] if len(args) > 1 else ''}", flush=True)

    server = ThreadingHTTPServer(("127.0.0.1", config.port()), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"mcp_server {__version__}: {len(TOOLS)} tools, {len(rag.documents)} documents, "
          f"listening on 127.0.0.1:{config.port()}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()

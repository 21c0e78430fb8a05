"""Stand-in for uvicorn, installed into an example's venv only when no real uvicorn is importable.

Debian's python3-uvicorn is not among the packages the examples may use, so this serves an ASGI
application over the standard library's http.server: HTTP/1.1 requests in, one `asyncio.run` per
request, `lifespan` not supported. Enough for a /health endpoint; not a web server for anything else.
Same entry points as uvicorn: `uvicorn.run("module:app", host=..., port=...)` and the
`uvicorn module:app --port N` command line (--reload and --log-level are accepted and ignored).
"""
import asyncio
import importlib
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__version__ = "0.0-standin"


def load(app):
    if not isinstance(app, str):
        return app
    module, _, attribute = app.partition(":")
    return getattr(importlib.import_module(module), attribute or "app")


def _handler(app):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self):
            url = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": self.command,
                     "scheme": "http", "path": url.path, "raw_path": url.path.encode(),
                     "query_string": url.query.encode(), "root_path": "",
                     "headers": [(k.lower().encode(), v.encode()) for k, v in self.headers.items()],
                     "client": self.client_address, "server": self.server.server_address}
            reply = {"status": 500, "headers": [], "body": b""}

            async def receive():
                return {"type": "http.request", "body": body, "more_body": False}

            async def send(message):
                if message["type"] == "http.response.start":
                    reply["status"] = message["status"]
                    reply["headers"] = message.get("headers", [])
                elif message["type"] == "http.response.body":
                    reply["body"] += message.get("body", b"")

            asyncio.run(app(scope, receive, send))
            self.send_response(reply["status"])
            names = set()
            for name, value in reply["headers"]:
                names.add(name.lower())
                self.send_header(name.decode(), value.decode())
            if b"content-length" not in names:
                self.send_header("content-length", str(len(reply["body"])))
            self.end_headers()
            self.wfile.write(reply["body"])

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, fmt, *args):
            print(f'INFO:     {self.client_address[0]} - "{self.requestline}" {args[1] if len(args) > 1 else ""}',
                  flush=True)

    return Handler


def run(app, host="127.0.0.1", port=8000, **_ignored):
    application = load(app)
    server = ThreadingHTTPServer((host, int(port)), _handler(application))
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"INFO:     Uvicorn running on http://{host}:{port} (Press CTRL+C to quit)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        print("INFO:     Shutting down", flush=True)

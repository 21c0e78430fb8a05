"""`python -m mcp_server`, run from .praxis-os/ (pkill -f "python -m mcp_server" finds it)."""
from mcp_server.server import main

main()

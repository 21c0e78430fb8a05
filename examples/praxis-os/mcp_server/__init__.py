"""prAxIs OS MCP server (example installation): standards search, workflows, health over HTTP."""
__version__ = "1.4.2"

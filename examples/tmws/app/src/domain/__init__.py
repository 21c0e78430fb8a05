"""Domain model: value objects shared by the services."""

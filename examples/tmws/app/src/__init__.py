"""TMWS: Trinitas Memory & Workflow Service."""

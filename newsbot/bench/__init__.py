"""Benchmarks: scripts that print figures (run with ``python -m newsbot.bench.<name>``)."""

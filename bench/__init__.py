"""Load and latency harness of the session stream (not part of the test run)."""

"""Benchmarks for tacitus (run the scripts directly; see README.md)."""

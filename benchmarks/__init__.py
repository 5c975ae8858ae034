"""The benchmark harness (issue 7): `python -m benchmarks.run`, or `make bench`."""

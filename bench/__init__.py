"""Pieces of `make bench` that run outside the bench command's own process.

- `bench.settings` / `bench.urls`: the project as it is, plus `/bench/ping` (a view that
  touches no database), for the gunicorn server of the API figure;
- `bench.beban`: the load generator, a separate process on loopback (stdlib only).

The figures themselves are in `asn_hr/management/commands/bench.py`.
"""

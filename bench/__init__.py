"""The benchmark kit of `make bench` (docs/PERFORMANCE.md), an app of its own.

Installed only where benchmarks run: `BENCH=1` in the environment adds it to INSTALLED_APPS
(`make bench` sets it). The product never imports it (an import-linter contract holds that).

- `management/commands/bench.py`: the command; one module per figure in `bench/angka/`
  (rekap, api, impor, kueri, kandidat, partisi), shared helpers in `bench/alat.py`;
- `management/commands/seed_scale.py`: provincial-scale data by COPY;
- `management/commands/ukur_kandidat.py`: timing of the candidate ranking;
- `sintetis.py`: synthetic employee rows in the import format;
- `settings.py` / `urls.py`: the project plus `/bench/ping`, for the gunicorn server of the
  API figure;
- `beban.py`: the load generator, a separate process on loopback (stdlib only).
"""

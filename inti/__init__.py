"""The ground floor: plumbing every app may use and that knows no app.

Bulk COPY (`bulk`), per-address rate limits (`laju`), streaming of scoped files (`berkas`),
API pagination and errors (`api`), periodic-task registration for data migrations
(`jadwal`), a service error onto a form (`formulir`), today's date (`waktu`), the HR-group
permission installer (`izin`), the retry options of Celery tasks (`tugas`), and the failure
handling around Redis: the client address behind trusted proxies (`alamat`), a circuit breaker
(`pemutus`), enqueueing that records a task when the broker is away (`antrean`, with the
`TugasTertunda` table and its beat job in `tasks`); request limits (`batas`), response headers
(`tajuk`) and formula-safe CSV/xlsx exports (`ekspor`).

It imports Django and third-party packages only, never an app of this project (an
import-linter contract in pyproject.toml holds that), so every app can stand on it.
"""

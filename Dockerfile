FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first so code changes reuse this layer.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Static files are baked into the image (served by whitenoise); the key is only for this step.
RUN SECRET_KEY=build-only-collectstatic DEBUG=0 python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --create-home app \
    && mkdir -p /app/media \
    && chown app:app /app/media
USER app

EXPOSE 8000

# Bind, workers, limits and the hidden Server banner: gunicorn.conf.py (read from /app).
CMD ["gunicorn", "asn_hr.wsgi:application", "--access-logfile", "-"]

# Production-like image: gunicorn serving Django; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=kcpo.settings.base
# Pango and fonts for WeasyPrint's PDF rendering.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 kcpo
WORKDIR /app
COPY pyproject.toml constraints.txt ./
COPY . .
RUN pip install --no-cache-dir -c constraints.txt .
COPY --from=frontend /app/node_modules ./node_modules
RUN python scripts/build_assets.py \
 && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
 && rm -rf node_modules
USER kcpo
EXPOSE 8000
CMD ["gunicorn", "kcpo.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

# syntax=docker/dockerfile:1
# The Trust Hotline bot as a container: see README.md, "Deployment".
#   docker build -t trust-hotline-bot .
#   docker run --env-file .env -p 8080:8080 -v hotline-data:/data trust-hotline-bot            (webhook mode)
#   docker run --env-file .env -v hotline-data:/data trust-hotline-bot run                      (long polling)
# tests/test_container.py lints this file with hadolint and runs its ENTRYPOINT/CMD/HEALTHCHECK outside a container.

# ---- builder: the package and its dependencies in a virtual environment (all of them ship wheels: no compiler)
FROM python:3.11-slim-bookworm AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/venv
# The dependencies from the lock (exact versions, every file's hash checked), in their own layer: a code change
# does not re-install them. Then the package, built with the locked backend, without touching the dependencies.
COPY requirements ./requirements
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps --no-build-isolation .

# ---- the image: the virtual environment, the knowledge base and the health probe; no build tools, no sources
FROM python:3.11-slim-bookworm
ARG UID=10001
ARG GID=10001
RUN groupadd --system --gid "${GID}" hotline \
    && useradd --system --uid "${UID}" --gid hotline --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin hotline \
    && install -d -o hotline -g hotline -m 0750 /data
COPY --from=builder /opt/venv /opt/venv
COPY knowledge /app/knowledge
COPY docker/healthcheck.py /app/healthcheck.py
# Settings the image fixes (the rest come from the environment: README.md lists them all, .env.example too).
# The knowledge base is not inside the package: point at the copy above. The app writes only to DATA_DIR.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATA_DIR=/data \
    KNOWLEDGE_DIR=/app/knowledge \
    WEBHOOK_HOST=0.0.0.0 \
    WEBHOOK_PORT=8080 \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=8081 \
    LOG_FORMAT=json
WORKDIR /app
USER ${UID}:${GID}
VOLUME ["/data"]
# 8080: webhook endpoint and /healthz (webhook mode); 8081: /healthz and /metrics, private (both modes).
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["python", "/app/healthcheck.py"]
# `hotline run` applies the database migrations itself before it takes updates.
ENTRYPOINT ["hotline"]
CMD ["run", "--webhook"]

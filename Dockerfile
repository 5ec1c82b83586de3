# survey-bot in a container: slim Python, a non-root user, knowledge and data as volumes.
#   docker build -t survey-bot .
#   docker run -d --name survey-bot -e TELEGRAM_BOT_TOKEN=... -v survey-bot-data:/data survey-bot
# See "Deploying" in the README (and deploy/compose.yaml for polling and for a webhook
# behind a reverse proxy).
# Any Debian-like image with Python 3.11+ and venv will do as BASE.
ARG BASE=python:3.12-slim
FROM ${BASE}

# The model cache and anything else "auto" goes to the data volume.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    XDG_CACHE_HOME=/data/cache \
    XDG_STATE_HOME=/data/state \
    PATH=/opt/survey-bot/bin:$PATH

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# A virtual environment: the same on python:*-slim and on a distribution's Python.
RUN python3 -m venv /opt/survey-bot \
    && /opt/survey-bot/bin/pip install . \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin surveybot \
    && mkdir -p /data /knowledge \
    && chown surveybot:surveybot /data && chmod 0700 /data
COPY deploy/container.yaml /etc/survey-bot/config.yaml
COPY deploy/entrypoint.sh /usr/local/bin/survey-bot-entrypoint

USER surveybot
# /data: journal, conversations, question logs, caches (back it up; see the README).
# /knowledge: your knowledge base (YAML); left empty, the bundled one is served.
VOLUME ["/data", "/knowledge"]
# 8443: the webhook server (webhook mode only); the health check listens inside.
EXPOSE 8443

HEALTHCHECK --interval=30s --timeout=6s --start-period=60s --retries=3 \
    CMD ["/opt/survey-bot/bin/python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=5).status != 200)"]

ENTRYPOINT ["survey-bot-entrypoint"]

# mediadesk: one image for the poller, the workers, beat and migrations.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN useradd --create-home --uid 10001 mediadesk
WORKDIR /srv/mediadesk
COPY pyproject.toml README.md ./
COPY src ./src
COPY mailbox ./mailbox
COPY worker ./worker
COPY storage ./storage
RUN pip install ".[postgres,spamd]"
# Deadlines count from the office's zone and the CLI shows times in it; an unknown name is a
# settings error at start-up. Override in .env; the build fails if the image lacks zone data.
ENV MEDIADESK_TIMEZONE=Asia/Riyadh
RUN python -c "import zoneinfo; zoneinfo.ZoneInfo('Asia/Riyadh'); zoneinfo.ZoneInfo('Europe/Paris')"
# The data directory (attachments, the triage model), owned by the user the containers run as:
# a named volume mounted on /data copies this ownership when first created. Without it Docker
# creates the mount point root-owned and no attachment can be written (`mediadesk doctor`'s
# "data" check and the worker's start-up say so).
RUN mkdir -p /data && chown mediadesk:mediadesk /data && chmod 700 /data
ENV MEDIADESK_DATA_DIR=/data
USER mediadesk
# Run from a directory other than the source tree, so `import mailbox` stays the stdlib.
WORKDIR /home/mediadesk
ENTRYPOINT ["mediadesk"]
CMD ["--help"]

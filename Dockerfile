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
RUN pip install ".[postgres]"
USER mediadesk
# Run from a directory other than the source tree, so `import mailbox` stays the stdlib.
WORKDIR /home/mediadesk
ENTRYPOINT ["mediadesk"]
CMD ["--help"]

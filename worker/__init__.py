"""The Celery workers and the pure pipeline steps they run: parse, thread, triage, draft, send."""

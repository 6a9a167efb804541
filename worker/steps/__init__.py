"""The path of a message, one module per step: parse → thread → triage → draft.

Each step's decision is a pure function elsewhere (``worker/parsing.py``, ``worker/thread.py``,
``worker/triage``, ``worker/drafting``) that returns its value and its reasons; a step here
reads what that function needs, applies its answer and records it. ``worker/pipeline.py`` runs
them in order.
"""

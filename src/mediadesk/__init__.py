"""mediadesk: the media contact mailbox, turned into triaged tickets with drafted acknowledgements."""

__version__ = "0.1.0"

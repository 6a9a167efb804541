"""The IMAP poller: watches the media mailbox and stores every new message exactly once."""

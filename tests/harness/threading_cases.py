"""A press office's traffic around one release, with the ticket each message must end on.

Shared by tests/test_threading.py (the pipeline on SQLite and PostgreSQL, in order and reversed)
and the two-worker run on real servers. Each message names its conversation; messages of one
conversation must share a ticket, and different conversations must not.
"""

from __future__ import annotations

from dataclasses import dataclass

MEDIA = "media@imctc.org"
INTERNAL = "imctc.org"
RELEASE = "<release-2026-11@imctc.org>"  # sent to journalists in Bcc: on no ticket


@dataclass(frozen=True)
class Mail:
    key: str
    conversation: str  # the ticket it belongs to (by the key of its first inquiry)
    raw: bytes
    team: bool = False  # the office's answer, recorded on the ticket, not an inquiry


def eml(msgid: str, sender: str, subject: str, body: str, *, to: str = MEDIA, cc: str = "",
        in_reply_to: str | None = None, references: str | None = None, extra: str = "",
        date: str = "Tue, 24 Nov 2026 10:00:00 +0300") -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {date}", f"Message-ID: {msgid}"]
    if cc:
        lines.append(f"Cc: {cc}")
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
        lines.append(f"References: {references or in_reply_to}")
    if extra:
        lines.extend(extra.strip().splitlines())
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


OUTLETS = [
    ("j1", "Lina Haddad <lina@waha-daily.example>", "Could your director speak to us about the summit on Thursday?"),
    ("j2", "Claire Martin <claire@lequotidien.example>", "Pouvez-vous nous envoyer les chiffres du rapport ?"),
    ("j3", "Omar Khalil <omar@alakhbar.example>", "نرغب في إجراء مقابلة مع المدير حول القمة"),
    ("j4", "Ben Carter <ben@globewire.example>", "Is there B-roll of the opening ceremony we may use?"),
    ("j5", "Sara Nilsson <sara.nilsson@gmail.com>", "I am a freelancer: can I be accredited for the summit?"),
    ("j6", "Yusuf Demir <yusuf@haberajans.example>", "Can you confirm the date of the next board meeting?"),
]


def traffic() -> list[Mail]:
    """Replies to one release and what follows, in the order they reached the mailbox."""
    copied = {"j5": "Erik Berg <erik.berg@gmail.com>"}  # Sara copies her editor
    mails = [Mail(key, key, eml(f"<{key}@mail.example>", sender, "Re: Press release: Water summit", body,
                                cc=copied.get(key, ""), in_reply_to=RELEASE)) for key, sender, body in OUTLETS]
    mails += [
        # Two out-of-office replies to the release, from different people.
        Mail("ooo1", "ooo1", eml("<ooo1@mail.example>", "Anna Weber <anna@tagespost.example>",
                                 "Automatic reply: Press release: Water summit",
                                 "I am out of the office until 7 December.", in_reply_to=RELEASE,
                                 extra="Auto-Submitted: auto-replied")),
        Mail("ooo2", "ooo2", eml("<ooo2@mail.example>", "Marc Dupont <marc@radiosud.example>",
                                 "Réponse automatique : Press release: Water summit",
                                 "Je suis absent jusqu'au 7 décembre.", in_reply_to=RELEASE,
                                 extra="Auto-Submitted: auto-replied")),
        # j1 follows up on their own reply.
        Mail("j1b", "j1", eml("<j1b@mail.example>", "Lina Haddad <lina@waha-daily.example>",
                              "Re: Press release: Water summit", "Any news on the interview?",
                              in_reply_to="<j1@mail.example>", references=f"{RELEASE} <j1@mail.example>")),
        # j2 replies to the release a second time (refers only to the release).
        Mail("j2b", "j2", eml("<j2b@mail.example>", "Claire Martin <claire@lequotidien.example>",
                              "Re: Press release: Water summit", "Et aussi les photos, merci.", in_reply_to=RELEASE)),
        # A colleague at j3's outlet answers "reply all".
        Mail("c3", "j3", eml("<c3@mail.example>", "Huda Saleh <huda@alakhbar.example>",
                             "Re: Press release: Water summit", "أضيف: نحتاج الرد قبل الخميس",
                             to="Omar Khalil <omar@alakhbar.example>", cc=MEDIA,
                             in_reply_to="<j3@mail.example>", references=f"{RELEASE} <j3@mail.example>")),
        # j5 (free-mail) copied her editor; the editor (free-mail too) answers all.
        Mail("j5c", "j5", eml("<j5c@mail.example>", "Erik Berg <erik.berg@gmail.com>",
                              "Re: Press release: Water summit", "I confirm Sara works for us on this.",
                              to="sara.nilsson@gmail.com", cc=MEDIA,
                              in_reply_to="<j5@mail.example>", references=f"{RELEASE} <j5@mail.example>")),
        # A stranger on the same free-mail provider replies to j5's message (forwarded to them).
        Mail("x5", "x5", eml("<x5@mail.example>", "Tom Holt <tom.holt@gmail.com>", "Re: Press release: Water summit",
                             "I saw this thread: I'd also like to be accredited.",
                             in_reply_to="<j5@mail.example>", references=f"{RELEASE} <j5@mail.example>")),
        # A spokesperson answers j4 directly, with the media address in CC.
        Mail("s4", "j4", eml("<s4@imctc.org>", "Sam Spokes <sam@imctc.org>", "Re: Press release: Water summit",
                             "Dear Ben, yes: the B-roll is on our media page.",
                             to="Ben Carter <ben@globewire.example>", cc=MEDIA,
                             in_reply_to="<j4@mail.example>", references=f"{RELEASE} <j4@mail.example>"),
             team=True),
        # A stranger copies j6's ticket tag into a subject: no way in.
        Mail("t6", "t6", eml("<t6@mail.example>", "Mallory <mallory@elsewhere.example>",
                             "Re: [MR-6] Press release", "Please add me too.")),
    ]
    return mails


def conversations(mails: list[Mail]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for mail in mails:
        groups.setdefault(mail.conversation, set()).add(f"<{mail.key}@mail.example>" if not mail.team
                                                        else f"<{mail.key}@imctc.org>")
    return groups

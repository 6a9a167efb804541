"""Phishing dressed in the office's own name: a sender's or a link's domain that borrows the acronym
(``imctc-docs.net``, ``hr@imctc-staff.com``) is spam, also when the message wears a machine's form (a
bounce, a "shared file" notice); the office's own subdomains, a service that names the office in its
own subdomain, and a person who asks whether such a site is genuine are not. A sender's domain dressed as a known
service's (``linkedin-mail-notify.com``, ``onedrive-docs-secure.net``) is phishing's mark too."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from harness import written
from mediadesk.settings import load_settings
from mediadesk.worker.triage.impersonation import lookalike_domains, service_lookalike

SENT = datetime(2026, 12, 1, 10, 0, tzinfo=timezone(timedelta(hours=3)))
ACRONYMS = ("IMCTC", "CIMCT")


@pytest.mark.parametrize("text, expected", [
    ("From hr@imctc-staff.com: see https://imctc-docs.net/s/1", ["imctc-staff.com", "imctc-docs.net"]),
    ("www.cimct-mail.org and https://IMCTC-Org.COM/login", ["cimct-mail.org", "imctc-org.com"]),
    # A subdomain dressed as the office's address under someone else's domain.
    ("postmaster@imctc-org.mailsecure-notice.com", []),
    # The office's whole address worn as the front of someone else's.
    ("Increase quota now: https://imctc.org.quota-center.net/upgrade", ["imctc.org.quota-center.net"]),
    # The office's own domain and its subdomains, under any public suffix.
    ("media@imctc.org, https://docs.imctc.org/x, https://imctc.org.sa", []),
    # A service that names its customer in a subdomain is that service's domain.
    ("https://imctc.mailprotect-cloud.com/release", []),
    ("an outlet's own address: desk@gazette.example", []),
])
def test_lookalike_domains(text, expected):
    assert lookalike_domains(text, ACRONYMS) == expected


def test_a_subdomain_dressed_as_the_office_counts_in_a_senders_address():
    assert lookalike_domains("postmaster@imctc-org.mailsecure-notice.com", ACRONYMS, subdomains=True) == [
        "imctc-org.mailsecure-notice.com"]
    # The bare name is a service naming its customer.
    assert lookalike_domains("alerts@imctc.mailprotect-cloud.com", ACRONYMS, subdomains=True) == []
    # The office's own tenant at its mail provider.
    assert lookalike_domains("postmaster@imctcorg.onmicrosoft.com, x@imctc-org.mail.protection.outlook.com", ACRONYMS,
                             subdomains=True) == []


def test_internal_domains_are_the_offices_own():
    assert lookalike_domains("https://imctc-press.org/kit", ACRONYMS, ("imctc-press.org",)) == []
    assert lookalike_domains("https://kit.imctc-press.org/a", ACRONYMS, ("imctc-press.org",)) == []


# Mail from, or linking to, a domain dressed as the office's (set GA's class): the sender, the message, the category.
LOOKALIKE_CASES = [
    ("HR Department <hr@imctc-staff.com>", "Action required: acknowledge the new allowance scale",
     "Dear colleagues,\n\nThe new allowance scale has been approved from January. All staff must review and "
     "acknowledge it on the self-service portal before Tuesday, otherwise salaries will follow the old scale.\n\n"
     "Human Resources", "spam"),
    ("Mail Delivery System <postmaster@imctc-mailservice.com>", "Undeliverable: 4 incoming messages held",
     "Message Delivery Notification\n\n4 incoming messages for media@imctc.org were held in quarantine and could not be "
     "delivered:\n\n  Interview request - urgent\n  Invitation: regional forum\n  Payment confirmation\n\nRelease "
     "messages to inbox: https://imctc-mailservice.com/release?u=media\n\nPostmaster", "spam"),
    # Reporting the look-alike is a person's question, not the phish.
    ("Nadia Karam <nadia.karam@gazette.example>", "Is imctc-awards.org yours?",
     "Hello, I'm a reporter at the Gazette. A site called imctc-awards.org is asking organisations for a fee to be "
     "shortlisted for a prize in your name. Is this genuine? I'd like your answer by Friday for my article.",
     "information_request"),
    # The office's own subdomains and a service naming the office in its own subdomain are no look-alikes.
    ("Omar Haddad <omar@newsroom.example>", "Photos from the forum",
     "Hello, the gallery link https://media.imctc.org/gallery/forum does not open for me; the file service "
     "https://imctc.filedrop-service.com/x also fails. Could you send the high-resolution photos by Thursday?",
     "media_assets"),
]


@pytest.mark.parametrize("address, expected", [
    ("Messages <messages-noreply@linkedin-mail-notify.com>", "linkedin-mail-notify.com"),
    ("share-noreply@onedrive-docs-secure.net", "onedrive-docs-secure.net"),
    ("DHL Express <noreply@dhl-customs-payment.info>", "dhl-customs-payment.info"),
    # The services' own domains, under any suffix, and the other domains they send from.
    ("noreply@dhl.de", None), ("dse@docusign.net", None), ("messages-noreply@linkedin.com", None),
    ("no-reply@sharepointonline.com", None), ("service@paypal-communication.com", None),
    ("desk@gazette.example", None), ("", None),
    # A name that holds the letters is no service's: "Fadhl".
    ("editor@alfadhl-news.com", None), ("noreply@linkedinmailer-alerts.com", "linkedinmailer-alerts.com"),
])
def test_service_lookalike(address, expected):
    assert service_lookalike(address) == expected


# Notices dressed as a known service's (sets FK, HH, HM): spam, even in a notification's form, unless the sender
# reports one.
SERVICE_CASES = [
    ("LinkedIn <messages-noreply@linkedin-mail-notify.com>", "You have 3 new messages from recruiters",
     "Hi IMCTC,\n\nYou have 3 new messages waiting. Sign in to read them before they expire.\n\nView messages\n\n"
     "You are receiving LinkedIn notification emails. Unsubscribe.", "spam"),
    ("OneDrive <share-noreply@onedrive-docs-secure.net>", "Khalid shared \"Accreditation_List.pdf\" with you",
     "Khalid shared a file with you\n\nAccreditation_List.pdf\n\nOpen: https://onedrive-docs-secure.net/s/acc\n\nThis link "
     "will expire in 24 hours.", "spam"),
    ("Nadia Karam <nadia.karam@gazette.example>", "Is this DHL notice genuine?",
     "Hello, I'm a reporter at the Gazette. Readers forwarded a notice from dhl-customs-payment.info asking for customs "
     "fees in your name. Is it genuine? I'd like your answer by Friday for my article.", "information_request"),
]


DRESSED_CASES = ([(*case, "dressed as the office's") for case in LOOKALIKE_CASES]
                 + [(*case, "dressed as a known service's") for case in SERVICE_CASES])


@pytest.mark.parametrize("settings", [load_settings(_env_file=None), load_settings(_env_file=None, base_model_weight=0)],
                         ids=["shipped", "rules"])
@pytest.mark.parametrize("sender, subject, body, category, mark", DRESSED_CASES, ids=[c[1][:40] for c in DRESSED_CASES])
def test_mail_dressed_as_the_office_or_a_known_service(sender, subject, body, category, mark, settings):
    d = written.decide(subject, body, sent=SENT, sender=sender, settings=settings)
    assert d.category == category, d.explanation
    if category == "spam":
        assert d.priority == "low" and d.deadline is None
        assert mark in " ".join(d.explanation)

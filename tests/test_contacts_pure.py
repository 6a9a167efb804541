"""The pure parts of contacts: the shipped outlet registry, free-mail domains, signatures and
``outlet_for`` (no database)."""

from __future__ import annotations

import collections
import io

import pytest

from mediadesk.worker.contacts.freemail import domain_of, is_free_mail
from mediadesk.worker.contacts.outlets import (KINDS, Outlet, Registry, RegistryError, read_csv, shipped_outlets,
                                               shipped_registry, write_csv)
from mediadesk.worker.contacts.recognise import outlet_for, recognise
from mediadesk.worker.contacts.signature import normalise_phone, read_signature

REG = shipped_registry()


def name_of(outlet: Outlet | None) -> str | None:
    return outlet.name if outlet else None


# --------------------------------------------------------------------------- the shipped registry


def test_shipped_registry_is_large_and_well_formed():
    outlets = shipped_outlets()
    assert len(outlets) >= 200
    assert all(o.kind in KINDS and 1 <= o.tier <= 3 and o.country and len(o.country) == 2 for o in outlets)
    names = collections.Counter(o.name for o in outlets)
    assert [n for n, c in names.items() if c > 1] == []
    domains = collections.Counter(d for o in outlets for d in o.domains)
    assert [d for d, c in domains.items() if c > 1] == []
    assert all(o.domains for o in outlets)
    countries = collections.Counter(o.country for o in outlets)
    arab = {"AE", "SA", "QA", "KW", "BH", "OM", "JO", "LB", "SY", "IQ", "PS", "EG", "SD", "LY", "YE", "TN", "DZ",
            "MA", "MR"}
    francophone = {"FR", "BE", "CH", "CA", "LU", "SN", "CI", "CM", "ML", "BF", "CD", "GA", "GN", "MG", "HT"}
    assert sum(countries[c] for c in arab) >= 100
    assert sum(countries[c] for c in francophone) >= 70
    assert sum(1 for o in outlets if o.kind == "agency") >= 40


@pytest.mark.parametrize("domain,name", [
    ("reuters.com", "Reuters"), ("a.b.reuters.com", "Reuters"), ("thomsonreuters.com", "Reuters"),
    ("afp.com", "Agence France-Presse"), ("ap.org", "Associated Press"), ("aljazeera.net", "Al Jazeera"),
    ("alarabiya.net", "Al Arabiya"), ("aawsat.com", "Asharq Al-Awsat"), ("lemonde.fr", "Le Monde"),
    ("jeuneafrique.com", "Jeune Afrique"), ("rfi.fr", "RFI"), ("france24.com", "France 24"), ("bbc.co.uk", "BBC"),
    ("arabic.bbc.co.uk", "BBC"), ("wam.ae", "Emirates News Agency"), ("hespress.com", "Hespress"),
    ("english.ahram.org.eg", "Al-Ahram"),
])
def test_domains_and_their_subdomains_find_the_outlet(domain, name):
    assert name_of(REG.by_domain(domain)) == name


@pytest.mark.parametrize("domain", ["example.com", "reuters.com.evil.example", "notreuters.com", "com", ""])
def test_other_domains_find_nothing(domain):
    assert REG.by_domain(domain) is None


def test_names_and_aliases_in_three_scripts():
    assert name_of(REG.by_name("العربية")) == "Al Arabiya"
    assert name_of(REG.by_name("الجزيرة")) == "Al Jazeera"
    assert name_of(REG.by_name("الشرق الأوسط")) == "Asharq Al-Awsat"
    assert name_of(REG.by_name("AFP")) == "Agence France-Presse"
    assert name_of(REG.by_name("le monde")) == "Le Monde"


@pytest.mark.parametrize("line,name", [
    ("Senior Correspondent | Reuters", "Reuters"),
    ("صحفي – العربية", "Al Arabiya"),
    ("مراسلة قناة العربية في دبي", "Al Arabiya"),
    ("مراسل للجزيرة", "Al Jazeera"),
    ("Journaliste au Monde", "Le Monde"),
    ("Le Monde diplomatique", "Le Monde diplomatique"),  # the longest name wins
    ("وكالة أنباء الشرق الأوسط", "Middle East News Agency"),
    ("الشرق الأوسط", "Asharq Al-Awsat"),
    ("AP", "Associated Press"),
])
def test_outlet_names_in_a_line(line, name):
    assert [m.outlet.name for m in REG.find_names(line)][:1] == [name]


@pytest.mark.parametrize("line", [
    "الرياض، المملكة العربية السعودية",  # "the Arab" in a country's name, not Al Arabiya
    "أستاذ اللغة العربية",
    "Institut du monde arabe",  # "du monde" is not Le Monde here
    "ap style",  # acronyms match in capitals only
    "Disponible le matin",  # not Le Matin
    "The National Museum of Qatar",
])
def test_common_words_that_are_also_outlet_names_do_not_match(line):
    assert REG.find_names(line) == []


def test_csv_round_trip_and_errors():
    outlets = shipped_outlets()[:5]
    buf = io.StringIO()
    write_csv(outlets, buf)
    again = read_csv(io.StringIO(buf.getvalue()), source="shipped")
    assert again == outlets
    with pytest.raises(RegistryError, match="line 2: kind 'blog'"):
        read_csv(io.StringIO("domains,name,kind\nx.example,X,blog\n"))
    with pytest.raises(RegistryError, match="not a domain"):
        read_csv(io.StringIO("domains,name\nnot_a_domain,X\n"))
    with pytest.raises(RegistryError, match="no domains column"):
        read_csv(io.StringIO("name\nX\n"))


def test_an_office_registry_adds_and_overrides_outlets():
    office = Outlet(name="Gulf Ledger", domains=("gulfledger.example",), aliases=("غلف ليدجر",), kind="newspaper",
                    tier=1, source="office")
    registry = REG.with_outlets([office, Outlet(name="Reuters", domains=("reuters.com",), tier=1, source="office")])
    assert registry.by_domain("desk.gulfledger.example") == office
    assert name_of(registry.by_name("غلف ليدجر")) == "Gulf Ledger"
    assert registry.by_domain("reuters.com").source == "office"
    assert len(registry) == len(REG) + 1


# --------------------------------------------------------------------------- free mail


@pytest.mark.parametrize("domain", [
    "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "hotmail.com", "hotmail.co.uk", "hotmail.fr",
    "live.com", "live.fr", "yahoo.com", "yahoo.fr", "yahoo.com.eg", "icloud.com", "me.com", "proton.me",
    "protonmail.com", "yandex.ru", "mail.ru", "163.com", "126.com", "qq.com", "gmx.de", "web.de", "laposte.net",
    "orange.fr", "free.fr", "wanadoo.fr", "menara.ma", "topnet.tn", "sky.com", "maktoob.com",
])
def test_free_mail_domains(domain):
    assert is_free_mail(domain)
    assert is_free_mail(f"someone@{domain.upper()}")


@pytest.mark.parametrize("domain", ["reuters.com", "lemonde.fr", "aljazeera.net", "mail.gov.sa", "yahooinc.com",
                                    "gmail.example.org", "orange.com", "gulfledger.example", ""])
def test_other_domains_are_not_free_mail(domain):
    assert not is_free_mail(domain)


def test_domain_of():
    assert domain_of("Jo <JO@Desk.Reuters.com>") == "desk.reuters.com"
    assert domain_of("no-at-sign") is None and domain_of(None) is None


def test_free_mail_never_implies_an_outlet_but_a_signature_may():
    assert outlet_for("nadia@gmail.com", "Hello,\n\nCould you help?\n\nThanks,\nNadia") is None
    body = "Hello,\n\nCould you help?\n\nBest regards,\nNadia Haddad\nCorrespondent, Agence France-Presse\n"
    found = recognise("nadia@gmail.com", body)
    assert name_of(found.outlet) == "Agence France-Presse" and found.via == "signature" and found.free_mail


def test_the_domain_decides_before_the_signature():
    body = "Hi,\n\nA question.\n\nRegards,\nOmar\nformerly of Al Jazeera\n"
    found = recognise("omar@desk.reuters.com", body)
    assert name_of(found.outlet) == "Reuters" and found.via == "domain"
    assert "reuters.com" in found.reason


def test_an_unknown_domain_with_no_signature_gives_no_outlet():
    found = recognise("press@bank.example", "Dear team,\n\nPlease see the attached.\n\nKind regards,\nLina\n")
    assert found.outlet is None and "not in the outlet registry" in found.reason


# --------------------------------------------------------------------------- signatures


def test_english_signature():
    sig = read_signature("Dear team,\n\nCould you send me the report?\n\nBest regards,\nJohn Smith\n"
                         "Senior Correspondent | Reuters\nTel: +971 (0)4 123 4567\n", REG)
    assert (sig.name, sig.role, name_of(sig.outlet), sig.phone) == (
        "John Smith", "Senior Correspondent", "Reuters", "+97141234567")


def test_arabic_signature_with_arabic_digits():
    sig = read_signature("السلام عليكم،\n\nأرجو تزويدي بالبيانات.\n\nمع التحية،\nأحمد علي\nصحفي – العربية\n"
                         "جوال: ٠٠٩٦٦ ٥٠ ١٢٣ ٤٥٦٧\n", REG)
    assert (sig.name, sig.role, name_of(sig.outlet), sig.phone) == ("أحمد علي", "صحفي", "Al Arabiya", "+966501234567")


def test_french_signatures():
    sig = read_signature("Bonjour,\n\nPourriez-vous me transmettre le dossier de presse ?\n\nCordialement,\n"
                         "Marie Dupont\nRédactrice en chef adjointe — Jeune Afrique\n+33 (0)1 44 30 19 60\n", REG)
    assert (sig.name, sig.role, name_of(sig.outlet), sig.phone) == (
        "Marie Dupont", "Rédactrice en chef adjointe", "Jeune Afrique", "+33144301960")
    sig = read_signature("Bonjour,\n\nUne question sur le rapport.\n\nBien à vous,\nPaul Martin\nJournaliste, Le Monde\n",
                         REG)
    assert (sig.role, name_of(sig.outlet)) == ("Journaliste", "Le Monde")


def test_arabic_role_and_outlet_in_one_phrase():
    sig = read_signature("مرحبا،\n\nنرجو تأكيد الموعد.\n\nمع خالص التحية،\nليلى حسن\nمراسلة قناة الجزيرة في الدوحة\n", REG)
    assert (sig.role, name_of(sig.outlet)) == ("مراسلة", "Al Jazeera")


def test_outlet_named_in_the_letter_is_not_the_senders():
    body = ("Hello,\n\nI saw your spokesperson's interview on Al Jazeera last night and have a question about "
            "the figures she quoted.\n\nThanks,\nPaul\n")
    assert read_signature(body, REG).outlet is None
    assert outlet_for("paul@gmail.com", body) is None


def test_outlet_in_quoted_history_is_not_the_senders():
    body = ("Thanks, that helps.\n\nSam\n\nOn Mon, 1 Dec 2026 at 10:00, Press Office <media@x.example> wrote:\n"
            "> Best regards,\n> Press Office\n> Reuters\n")
    assert read_signature(body, REG).outlet is None


def test_freelancer_lists_clients_but_has_no_outlet():
    body = "Hello,\n\nA question.\n\nThanks\nSam Lee\nFreelance journalist | work in The Guardian, Al Jazeera\n"
    found = recognise("sam.lee@gmail.com", body)
    assert found.outlet is None and found.signature.freelance and "freelance" in found.reason
    assert found.signature.role == "Freelance journalist"


def test_outlet_by_a_domain_written_in_the_signature():
    body = "Hi,\n\nQuick question.\n\nBest,\nKarim\nkarim.b@hespress.com | +212 6 61 23 45 67\n"
    found = recognise("karim.b1985@gmail.com", body)
    assert name_of(found.outlet) == "Hespress" and found.signature.phone == "+212661234567"


@pytest.mark.parametrize("text,phone", [
    ("+971 50 123 4567", "+971501234567"), ("00 33 1 44 30 19 60", "+33144301960"),
    ("+44 (0)20 7946 0958", "+442079460958"), ("050-123-4567", "0501234567"), ("12 34", None),
])
def test_normalise_phone(text, phone):
    assert normalise_phone(text) == phone


def test_a_national_number_needs_a_label():
    assert read_signature("Hi,\n\nQ.\n\nThanks,\nAmal\nRoom 0123 4567 89\n", REG).phone is None
    assert read_signature("Hi,\n\nQ.\n\nThanks,\nAmal\nTél. : 06 12 34 56 78\n", REG).phone == "0612345678"


def test_registry_built_from_values_is_pure():
    registry = Registry([Outlet(name="Desk One", domains=("one.example",))])
    assert registry.by_domain("x.one.example").name == "Desk One"
    assert outlet_for("a@one.example", "", registry).name == "Desk One"
    assert outlet_for("a@reuters.com", "", registry) is None


def test_a_sign_off_on_the_card_line_still_gives_the_outlet():
    assert name_of(outlet_for("t@gmail.com", "Hi,\n\nAny comment?\n\nThanks, Tariq Aziz | Reuters | Cairo\n")) == "Reuters"


def test_closing_formulas_and_coverage_lines_name_no_outlet():
    body = ("Madame, Monsieur,\n\nL'Ambassade vous convie à la réception.\n\n"
            "Veuillez agréer l'expression de nos salutations distinguées.\n\nService culturel\n")
    assert outlet_for("culture@ambassade.example", body) is None
    body = "Dear team,\n\nA sponsorship idea.\n\nBest regards,\nLucy Grant\nBright PR\nAs featured in: BBC, Reuters\n"
    assert outlet_for("lucy@brightpr.example", body) is None


def test_a_last_paragraph_that_is_a_sentence_is_no_signature():
    assert outlet_for("x@gmail.com", "Hello,\n\nI saw your spokesperson on Al Jazeera yesterday.\n") is None
    assert name_of(outlet_for("x@gmail.com", "Hi,\nCould you send the report?\nJohn Smith\nReuters\n")) == "Reuters"

"""Mail meant for another body that shares the office's acronym (stop 38, set EQ).

"IMCTC" is also a toy collectors' club and a maritime conference; "CIMCT" a thoracic medicine centre
and a congress on composite materials. A letter that spells the acronym out as another body's name
was meant for that body: general, whatever it asks for and by when. Written here, not copied from a
labelled set.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from harness import written
from mediadesk.settings import load_settings
from mediadesk.worker.triage.acronym import other_body
from mediadesk.worker.triage.rules import DEFAULT_RULES_FILE, RulesError, load_rules

SENT = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=3)))  # a Monday morning
SETTINGS = load_settings(_env_file=None)
RULES_ONLY = load_settings(_env_file=None, base_model_weight=0)
RULES = load_rules()
ACRONYMS = RULES.own_acronyms


def test_the_shipped_rules_name_the_office_s_acronyms_and_its_own_words():
    assert set(ACRONYMS) == {"IMCTC", "CIMCT"}
    assert RULES.own_words.search("Islamic Military Counter Terrorism Coalition")


@pytest.mark.parametrize("text, name", [
    ("Is this still the address of the IMCTC (Isle of Man Classic Toy Collectors)? I'd like two tables.",
     "Isle of Man Classic Toy Collectors"),
    ("Je confirme mon rendez-vous au Centre International de Médecine et Chirurgie Thoracique (CIMCT) lundi.",
     "Centre International de Médecine et Chirurgie Thoracique"),
    ("Je souhaite soumettre un résumé au Colloque international sur les matériaux composites et la thermique "
     "(CIMCT 2026).", "Colloque international sur les matériaux composites et la thermique"),
    ("We'd like two exhibitor badges for IMCTC 2026, the International Maritime Conference & Trade Convention.",
     "International Maritime Conference & Trade Convention"),
])
def test_another_body_s_name_is_found(text, name):
    assert other_body(text, ACRONYMS, RULES.own_words) == name


@pytest.mark.parametrize("text", [
    # The office's own name spells the acronym out too.
    "I am writing about the IMCTC (Islamic Military Counter Terrorism Coalition) and its forum.",
    "La Coalition islamique militaire contre le terrorisme (CIMCT) a publié un communiqué.",
    # Words that happen to begin with the right letters, not a name beside the acronym.
    "IMCTC update: Important meetings continue this coming week.",
    "IMCTC: I met colleagues today concerning the forum.",
    # The sender's own body, writing to the office.
    "On behalf of our International Media Communication Training Centre (IMCTC), we invite your spokesperson.",
])
def test_the_office_and_ordinary_words_are_not_another_body(text):
    assert other_body(text, ACRONYMS, RULES.own_words) is None


@pytest.mark.parametrize("subject, body", [
    ("Confirmation de rendez-vous", "Bonjour, j'ai rendez-vous au CIMCT (Centre International de Médecine et Chirurgie "
     "Thoracique) pour un scanner le 24 novembre. Pourriez-vous me confirmer l'heure avant jeudi ? Merci."),
    ("Table booking", "Hello, is this the right address for the IMCTC (Isle of Man Classic Toy Collectors) winter swap "
     "meet? Please let me know by the 30th how much a table costs."),
])
def test_a_letter_for_another_body_is_general_without_a_deadline(subject, body):
    for settings in (None, load_settings(_env_file=None, base_model_weight=0)):
        d = written.decide(subject, body, sent=SENT, settings=settings)
        assert d.category == "general", d.explanation
        assert d.deadline is None and d.priority == "low"
        assert any("another body's name" in line for line in d.explanation)


def test_a_journalist_asking_about_the_office_stays_an_inquiry():
    d = written.decide("Question for the IMCTC", "I'm a reporter at the Gulf Ledger. Could the IMCTC (Islamic Military "
                       "Counter Terrorism Coalition) confirm how many member states it has? I need it by Thursday.", sent=SENT)
    assert d.category == "information_request" and d.deadline is not None


def test_an_administrator_s_rules_without_acronyms_read_no_other_body(tmp_path):
    text = re.sub(r"(?ms)^own_acronyms:.*?\n\n", "", DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    assert "own_acronyms" not in text
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)
    assert rules.own_acronyms == () and rules.other_body_weight == 0


@pytest.mark.parametrize("entry, named", [
    ("own_acronyms:\n  acronyms: IMCTC\n  own_words: 'coalition'\n", "a list of acronyms"),
    ("own_acronyms:\n  acronyms: [I, M]\n  own_words: 'coalition'\n", "a list of acronyms"),
    ("own_acronyms:\n  acronyms: [IMCTC]\n", "own_words is needed"),
])
def test_a_malformed_own_acronyms_entry_is_a_clear_error(tmp_path, entry, named):
    text = re.sub(r"(?ms)^own_acronyms:.*?\n\n", entry + "\n", DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=named):
        load_rules(path)


# --------------------------------------------------------------------------- another body's own business (stop 39, set EV)

# Mail meant for a clinic, a school, a university office, a landlord or a supplier that never spells the
# acronym out: the sender's own affairs say whose mail it is. In words written here.
OTHER_BUSINESS = [
    ("Appointment on Thursday - fasting?", "Dear reception, my follow-up with the cardiology nurse is on Thursday at "
     "10.40. Could you please confirm by tomorrow whether I need to fast beforehand? Hospital no. 5520931, DOB 02/07/1961."),
    ("Rencontre parents-professeurs", "Bonjour, je souhaiterais rencontrer l'enseignante de ma fille (CM2 B). Pourriez-"
     "vous me confirmer un créneau après 17 h d'ici lundi ? Merci, la maman de Chloé."),
    ("Immatrikulationsbescheinigung", "Sehr geehrte Damen und Herren, ich benötige die Immatrikulationsbescheinigung für "
     "das Wintersemester bis spätestens 15. Oktober. Könnten Sie sie mir bitte zusenden? Matrikelnummer 4418201."),
    ("Parking bay and visitor permit", "Hello building management, please update the access card for parking bay B2-12 "
     "(apartment 1408): I have a new car. Could you also tell me how to register my parents with security by Friday?"),
    ("Facture F-2291 : quantité", "Bonjour, sur votre facture vous avez compté 30 cartons alors que le bon de livraison "
     "en indique 24. Merci de m'envoyer un avoir avant la fin du mois."),
    ("تصديق شهادة", "السلام عليكم، أرغب في تصديق شهادة البكالوريوس والسجل الأكاديمي. ما الرسوم المطلوبة؟ وأحتاجها قبل الخميس."),
    # A participant's course registration, paid; a drama's location shoot (stop 40).
    ("تأكيد التسجيل", "السلام عليكم، سجلت في دورة التسويق الرقمي المقررة الشهر القادم وحولت رسوم التسجيل أمس. أرجو "
     "تأكيد التسجيل قبل يوم الأحد."),
    ("Congress registration", "Dear committee, I want to register for the surgery workshops and ask whether they earn CME "
     "points. Please confirm whether the early registration fee is still available until 30 November."),
    ("تصوير في الرياض", "نرغب في تصوير مشاهد من مسلسلنا الجديد في أحد أحياء الرياض القديمة، نرجو إفادتنا بالإجراءات قبل نهاية الأسبوع."),
    # A hall to hire, a supplier's questions on a tender.
    ("استئجار قاعة", "نحن شركة فعاليات ونرغب في استئجار قاعة المؤتمرات لديكم لملتقى في يناير. نرجو الرد بالأسعار قبل الخميس."),
    ("Tender query", "Greetings from a security systems supplier. We are interested in participating in the tender for "
     "access control published on the Etimad platform. Is a site visit mandatory? We need an answer by Monday."),
    # A customer's grievance about another body's service: where a complaint's wording leads, the complaint is that
    # body's (stop 40; other_business.grievances). A complaint about the office in a customer's words stays one (below).
    ("COMPLAINT - lost baggage, flight QX 418", "To whom it may concern, my checked bag did not arrive after flight QX 418 "
     "on 2 November. Nobody answers at the airport desk. I demand compensation and news of my bag within 5 days."),
    ("Réclamation - vol annulé, réservation H2KQ7", "Madame, Monsieur, mon vol a été annulé la veille du départ. "
     "Conformément au règlement européen 261/2004, je demande l'indemnisation forfaitaire sous huitaine."),
    ("شكوى - خصم من حسابي", "السلام عليكم، تم خصم مبلغ 900 ريال من حسابي لعملية لم أقم بها، وتواصلت مع خدمة العملاء "
     "ثلاث مرات دون رد. أطالب بإرجاع المبلغ خلال ثلاثة أيام وإلا سأشتكي للبنك المركزي."),
    ("Complaint - order 88120 still faulty", "This is my third email. The router from order number 88120 does not work "
     "and no technician has come. I want a full refund by Friday or I go to Trading Standards."),
]


@pytest.mark.parametrize("subject, body", OTHER_BUSINESS)
def test_another_body_s_own_business_is_general_without_a_deadline(subject, body):
    for settings in (None, load_settings(_env_file=None, base_model_weight=0)):
        d = written.decide(subject, body, sent=SENT, settings=settings)
        assert d.category == "general", d.explanation
        assert d.deadline is None and d.priority == "low"
    rules_only = written.decide(subject, body, sent=SENT, settings=load_settings(_env_file=None, base_model_weight=0))
    assert any("another body's" in line for line in rules_only.explanation), rules_only.explanation


@pytest.mark.parametrize("subject, body, category", [
    # The press about the same places: a reporter's identity or the office's subject matter keeps it ours.
    ("Hospital security after the attack", "I'm a reporter at the Gulf Ledger. Did the coalition's advisers review "
     "security at the maternity ward after last week's attack? I need a comment by Thursday.", "information_request"),
    ("Interview on Wednesday - gate and parking", "Dear Media Office, our correspondent will come for the interview with "
     "the spokesperson on Wednesday. Which gate should he use, and is there a parking bay for a car with equipment? "
     "Please confirm the time by tomorrow.\n\nAhmed Karim\nAssignment Editor, Gulf TV", "interview_request"),
    ("Extremism in schools", "Our newsroom is preparing a piece on how extremist groups target pupils in the 5th grade "
     "and above. Could the coalition give us figures on its prevention programmes by Sunday?", "information_request"),
])
def test_the_press_about_the_same_places_stays_an_inquiry(subject, body, category):
    d = written.decide(subject, body, sent=SENT, settings=load_settings(_env_file=None, base_model_weight=0))
    assert d.category == category and d.deadline is not None, d.explanation


def test_a_malformed_other_business_entry_is_a_clear_error(tmp_path):
    text = re.sub(r"(?ms)^other_business:.*?\n\n", "other_business:\n  weight: 8\n  patterns: 'clinic'\n\n",
                  DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="other_business"):
        load_rules(path)
    # An administrator's copy may leave it out: nothing is added then.
    path.write_text(re.sub(r"(?ms)^other_business:.*?\n\n", "", DEFAULT_RULES_FILE.read_text(encoding="utf-8")),
                    encoding="utf-8")
    assert load_rules(path).other_business_weight == 0
    # Its grievances must be a list of patterns too.
    path.write_text(DEFAULT_RULES_FILE.read_text(encoding="utf-8").replace("  grievances:\n", "  grievances: 'refund'\n  unused:\n", 1),
                    encoding="utf-8")
    with pytest.raises(RulesError, match="other_business.grievances"):
        load_rules(path)


def test_a_report_card_is_not_a_school_s_business():
    # A newsletter's "report card" on a product (a SpamAssassin hard_ham letter) is a metaphor, not a pupil's.
    d = written.decide("Michael's Minute: the Report Card", "Our quarterly report card: downloads doubled and the store "
                       "opened in three countries. Thanks for reading.", sent=SENT)
    assert not any("another body's own business" in line for line in d.explanation), d.explanation


@pytest.mark.parametrize("subject, body", [
    ("Complaint about your press office", "Your customer service is appalling: I asked the spokesperson's office three "
     "times to correct the figure in your statement and nobody answered. Correct it by Friday."),
    ("Complaint: my name in your release", "Your release of 3 November misspells my name and calls me a bank official. "
     "Please correct it; I want an apology by Thursday."),
])
def test_a_complaint_about_the_office_in_a_customer_s_words_stays_a_complaint(subject, body):
    d = written.decide(subject, body, sent=SENT, sender="Reader <r@mail.example>", settings=RULES_ONLY)
    assert d.category == "correction_complaint" and d.deadline is not None, d.explanation

"""Deadlines in the languages the press office hears from beyond Arabic, English and French.

Written from how people phrase a deadline in each language (not from any labelled set's
messages): a cue word ("antes del", "spätestens", "не позднее", "senast", "kabla ya"), a
weekday or a date in that language, a duration ("в течение 48 часов"), a newsroom's closing
time ("cerramos la edición el miércoles"). And dates that are not deadlines: when the sender is
free, a meeting held today, a Persian calendar month that is not an Arabic one.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mediadesk.worker.drafting.localise import restate_deadline
from mediadesk.worker.triage.core import _deadline
from mediadesk.worker.triage.deadline import history_date

MONDAY = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=1)))

CASES = [
    ("es", "Necesitamos su respuesta antes del jueves 19 de noviembre.", "2026-11-19"),
    ("es", "¿Podrían enviarnos un comentario a más tardar el viernes?", "2026-11-20"),
    ("es", "Cerramos la edición el miércoles a las 18:00, ¿nos podrían responder antes?", "2026-11-18"),
    ("es", "Les agradecería una respuesta en las próximas 48 horas.", "2026-11-18"),
    ("de", "Könnten Sie mir bitte spätestens am Mittwoch antworten?", "2026-11-18"),
    ("de", "Redaktionsschluss ist morgen um 14 Uhr.", "2026-11-17"),
    ("it", "Avremmo bisogno di una risposta entro giovedì 19 novembre.", "2026-11-19"),
    ("pt", "Pedimos a gentileza de responder até o dia 20 de novembro.", "2026-11-20"),
    ("pt", "Poderiam responder em até 48 horas?", "2026-11-18"),
    ("tr", "Yanıtınızı 19 Kasım Perşembe gününe kadar bekliyoruz.", "2026-11-19"),
    ("ru", "Ответьте, пожалуйста, не позднее пятницы.", "2026-11-20"),
    ("ru", "Просим ответить до четверга, 19 ноября.", "2026-11-19"),
    ("id", "Mohon tanggapan paling lambat hari Kamis, 19 November.", "2026-11-19"),
    ("nl", "Kunt u vóór vrijdag reageren?", "2026-11-20"),
    ("nl", "Graag uw reactie uiterlijk donderdag 19 november.", "2026-11-19"),
    ("pl", "Prosimy o odpowiedź do czwartku, 19 listopada.", "2026-11-19"),
    ("pl", "Czy mogliby Państwo odpowiedzieć do piątku?", "2026-11-20"),
    ("sv", "Vi behöver ert svar senast torsdag den 19 november.", "2026-11-19"),
    ("sv", "Kan ni svara före fredag?", "2026-11-20"),
    ("fa", "لطفاً تا پنجشنبه ۲۸ آبان پاسخ دهید.", "2026-11-19"),
    ("ur", "براہ کرم جمعرات تک جواب دیں۔", "2026-11-19"),
    ("ms", "Mohon maklum balas sebelum hari Jumaat.", "2026-11-20"),
    ("sw", "Tafadhali jibu kabla ya Ijumaa.", "2026-11-20"),
    ("en", "Any update on the numbers? We close the issue Thursday at noon, so anything after that won't make it in.",
     "2026-11-19"),
    # Not deadlines.
    ("en", "Happy to jump on a call any time in the next couple of weeks.", None),
    ("ar", "نرجو تزويدنا بتسجيل المؤتمر الصحفي الذي عقد اليوم.", None),
    ("pt", "O seminário acontece em novembro e queremos convidar o vosso diretor.", None),
]


@pytest.mark.parametrize("language, text, expected", CASES, ids=[f"{c[0]}: {c[1][:40]}" for c in CASES])
def test_deadline_in_the_senders_language(language, text, expected):
    found = _deadline(text, MONDAY, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# Dates beside a request that are not its deadline: an event's days, a statement's date, when the
# sender is away or free, when a programme airs or a piece is published (Monday 16 November, +03:00).
MONDAY_RIYADH = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=3)))
NOT_DEADLINES = [
 ("en", "Could you send me the figures? The conference takes place from 24 to 26 November in Riyadh."),
 ("en", "I'm in Riyadh until Thursday, so could we meet to discuss the report?"),
 ("en", "I am on leave until Monday 23 November but my colleague can help. Could you confirm the numbers?"),
 ("en", "Our programme airs on Friday at 8pm. Would your spokesperson be available for an interview?"),
 ("en", "Following your statement of 12 November, could you clarify the number of member states?"),
 ("en", "We will publish the piece on Sunday. Could you comment on the new centre?"),
 ("en", "Since 2019 the coalition has grown. Can you tell me how many countries joined this year?"),
 ("en", "Please find attached the invitation for the forum on 25 November. We hope your director can speak."),
 ("en", "The summit on 3 December will gather 40 ministers; we'd love you to join the panel."),
 ("en", "Last Thursday's briefing was very useful. Could you share the slides?"),
 ("en", "I'm free on Wednesday or Thursday afternoon for a call if that helps."),
 ("en", "The report was released on 10 November. Is there an Arabic version?"),
 ("fr", "La conférence aura lieu du 24 au 26 novembre à Riyad. Pourriez-vous nous envoyer le programme ?"),
 ("fr", "Suite à votre communiqué du 12 novembre, pourriez-vous préciser le nombre de pays membres ?"),
 ("fr", "Notre émission est diffusée vendredi à 20h. Votre porte-parole serait-il disponible ?"),
 ("fr", "Je serai à Riyad jusqu'à jeudi : pourrions-nous nous rencontrer ?"),
 ("fr", "Je suis en congé jusqu'au lundi 23 novembre mais ma collègue peut vous aider. Pouvez-vous confirmer les chiffres ?"),
 ("fr", "L'article paraîtra dimanche. Pourriez-vous commenter ?"),
 ("fr", "Je suis disponible mercredi ou jeudi après-midi pour un appel."),
 ("fr", "Le forum du 25 novembre réunira 40 ministres ; nous serions ravis que votre directeur intervienne."),
 ("ar", "يسعدنا دعوتكم للمشاركة في المنتدى الذي سيعقد يوم 25 نوفمبر في الرياض."),
 ("ar", "بالإشارة إلى بيانكم الصادر بتاريخ 12 نوفمبر، نرجو توضيح عدد الدول الأعضاء."),
 ("ar", "سيبث البرنامج يوم الجمعة الساعة الثامنة مساء، هل يمكن استضافة المتحدث الرسمي؟"),
 ("ar", "سأكون في الرياض حتى يوم الخميس، هل يمكن أن نلتقي؟"),
 ("ar", "أنا في إجازة حتى يوم الاثنين، ويمكن لزميلي مساعدتكم. هل يمكن تأكيد الأرقام؟"),
 ("ar", "سننشر التقرير يوم الأحد، ونرجو تزويدنا بتعليقكم."),
 ("ar", "منذ عام 2019 انضمت دول كثيرة للتحالف، كم عدد الدول هذا العام؟"),
 ("ar", "أنا متاح يوم الأربعاء أو الخميس بعد الظهر لإجراء مكالمة."),
 ("ar", "تقام الفعالية من 24 إلى 26 نوفمبر، نرجو إرسال البرنامج."),
 ("en", "The exhibition runs until 30 November. Could you send us high-res photos of the stand?"),
 ("en", "Applications for the fellowship close on 1 December; could you share this with your network?"),
 ("en", "We met at the forum on Tuesday. Could you send the photos from the session?"),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES])
def test_a_date_beside_a_request_is_not_its_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


# How people in Arabic, English and French write a deadline (Monday 16 November 10:00, +03:00):
# COB, "before our 7pm bulletin", dialect "بكرة", "قبل صلاة الجمعة", "الساعة 8 المسا".
PHRASINGS = [
 ("en", "Could you get back to me by COB today?", "2026-11-16"),
 ("en", "We'd need your comment within 48 hours.", "2026-11-18"),
 ("en", "Ideally before the weekend, if possible.", "2026-11-20"),  # an English sender's week ends on Friday
 ("en", "A reply by the 18th would be perfect.", "2026-11-18"),
 ("en", "Please respond by 9am New York time tomorrow.", "2026-11-17"),
 ("en", "Our deadline is Wednesday 5pm GMT.", "2026-11-18"),
 ("en", "Can you send it over before our 7pm bulletin?", "2026-11-16"),
 ("en", "I'm filing tonight, so anything before 10pm helps.", "2026-11-16"),
 ("en", "We need this end of day tomorrow at the latest.", "2026-11-17"),
 ("en", "Could you confirm by Thursday noon Riyadh time?", "2026-11-19"),
 ("en", "Would it be possible to have the photos by tomorrow morning?", "2026-11-17"),
 ("en", "Please let me know no later than 20 November.", "2026-11-20"),
 ("en", "We go live at 8 tonight; any statement before then would be great.", "2026-11-16"),
 ("en", "Need it by Weds if at all possible.", "2026-11-18"),
 ("en", "The piece runs Thursday, so I need answers by Wednesday evening.", "2026-11-18"),
 ("en", "Could you reply within the next two days?", "2026-11-18"),
 ("en", "I need to file by 4pm UK time.", "2026-11-16"),
 ("fr", "Pourriez-vous me répondre au plus tard le 19 ?", "2026-11-19"),
 ("fr", "Nous aurions besoin d'une réponse d'ici jeudi 15h.", "2026-11-19"),
 ("fr", "Merci de me répondre avant demain midi, heure de Paris.", "2026-11-17"),
 ("fr", "Une réponse sous 48 heures serait idéale.", "2026-11-18"),
 ("fr", "Pouvez-vous nous faire parvenir les photos avant la fin de la semaine ?", "2026-11-20"),
 ("fr", "Nous bouclons mercredi soir : votre réponse avant cela serait précieuse.", "2026-11-18"),
 ("fr", "J'ai besoin de votre réaction aujourd'hui avant 18h.", "2026-11-16"),
 ("fr", "Dans l'idéal, un retour d'ici la fin de journée.", "2026-11-16"),
 ("fr", "Pourriez-vous confirmer votre présence au plus tard lundi prochain ?", "2026-11-23"),
 ("fr", "Délai de réponse : vendredi 20 novembre.", "2026-11-20"),
 ("ar", "نرجو الرد في موعد أقصاه يوم الخميس.", "2026-11-19"),
 ("ar", "نحتاج التعليق خلال 48 ساعة.", "2026-11-18"),
 ("ar", "يرجى تزويدنا بالمعلومات قبل نهاية الدوام اليوم.", "2026-11-16"),
 ("ar", "نأمل الرد قبل الساعة الثالثة عصرا بتوقيت الرياض.", "2026-11-16"),
 ("ar", "نرجو إرسال الصور بحلول يوم الأربعاء.", "2026-11-18"),
 ("ar", "ممكن الرد قبل بكرة الظهر؟", "2026-11-17"),
 ("ar", "نحتاج الرد قبل نهاية الأسبوع.", "2026-11-19"),
 ("ar", "آخر موعد لاستلام الإجابات هو 20 نوفمبر.", "2026-11-20"),
 ("ar", "نرجو التكرم بالرد قبل صلاة الجمعة.", "2026-11-20"),
 ("ar", "بدنا الرد اليوم قبل الساعة 8 المسا.", "2026-11-16"),
 ("ar", "نأمل موافاتنا بالرد حتى مساء الأربعاء.", "2026-11-18"),
 ("ar", "نرجو الرد في أسرع وقت، وحد أقصى يوم الثلاثاء.", "2026-11-17"),
]


@pytest.mark.parametrize("language, text, expected", PHRASINGS, ids=[f"{c[0]}: {c[1][:40]}" for c in PHRASINGS])
def test_deadline_phrasings_in_the_office_languages(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# Set G's deadline classes, in other words (Monday 16 November 10:00, +03:00): a zone named as a
# region, a dialect's "tonight" after the hour, a check to "close" on a weekday, "by then"
# pointing back to a day; and a dialect's "today's" that names a thing.
G_CLASSES = [
    ("en", "Please send the answers by close of business Gulf time on Wednesday the 18th.", "2026-11-18"),
    ("ar", "نحتاج التعليق قبل الساعة ١٠ الليلة لأن الخبر ينزل الساعة ١١.", "2026-11-16"),
    ("fr", "Nous voudrions boucler notre article jeudi prochain.", "2026-11-19"),
    ("en", "The pages are locked on Thursday, so if we could have the photos by then that would be great.", "2026-11-19"),
    ("ar", "ممكن ترسلون لي البيان حق اليوم؟", None),
]


@pytest.mark.parametrize("language, text, expected", G_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in G_CLASSES])
def test_deadline_classes_of_set_g(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# A second round of dates beside a request (4 of 22 were taken for deadlines before): how long the
# sender is away ("travelling until Friday", "en déplacement jusqu'à mercredi", "مسافر حتى يوم
# الجمعة"), and a day that names an event in Arabic ("صور حفل اليوم").
NOT_DEADLINES_2 = [
 ("en", "We interviewed your colleague on Thursday and would like a follow-up. Could you send the transcript?"),
 ("en", "The article will appear in Sunday's edition. Could you send a photo of the director?"),
 ("en", "The conference is on Wednesday 18 November. Can one of your experts speak on the panel?"),
 ("en", "I will be travelling until Friday; please reply by email rather than phone."),
 ("en", "We aired the segment last night. Thanks again for your help; could you share it on your channels?"),
 ("en", "Our magazine comes out monthly, on the 1st. Could we feature your new programme?"),
 ("en", "The webinar is scheduled for 10 December at 3pm GMT. Would your director join as a speaker?"),
 ("en", "I'm available tomorrow afternoon for a call, if that suits you. Could you confirm the figures?"),
 ("en", "Your statement of Monday mentioned 40 countries. Could you clarify?"),
 ("en", "Could you send the photos from today's ceremony?"),
 ("fr", "L'émission sera diffusée jeudi soir. Pourriez-vous nous envoyer des images ?"),
 ("fr", "Le colloque se tiendra le 10 décembre à Rabat. Votre directeur pourrait-il intervenir ?"),
 ("fr", "Je suis en déplacement jusqu'à mercredi ; merci de répondre par courriel."),
 ("fr", "Pourriez-vous nous transmettre les photos de la cérémonie d'aujourd'hui ?"),
 ("fr", "Suite à la conférence de presse de mardi, pourriez-vous préciser les chiffres ?"),
 ("fr", "Notre magazine paraît le 1er de chaque mois. Pourrions-nous présenter votre programme ?"),
 ("ar", "سيعقد المؤتمر يوم الأربعاء 18 نوفمبر، نرجو مشاركة أحد خبرائكم في الجلسة."),
 ("ar", "نشرنا التقرير يوم الخميس الماضي، ونرجو تزويدنا بتعليقكم على ردود الفعل."),
 ("ar", "أنا مسافر حتى يوم الجمعة، أرجو الرد عبر البريد."),
 ("ar", "نرجو تزويدنا بصور حفل اليوم."),
 ("ar", "البرنامج يبث كل يوم خميس الساعة التاسعة مساء، ونود استضافة المتحدث الرسمي."),
 ("ar", "بالإشارة إلى المؤتمر الصحفي يوم الثلاثاء، نرجو توضيح الأرقام."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_2, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_2])
def test_a_date_beside_a_request_is_not_its_deadline_second_round(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


# Set J's classes, in words written here (3 of 10 found before): a newsroom's bulletin hour
# ("before our 6 o'clock bulletin", "قبل نشرة الساعة السادسة"), Egyptian "النهارده" and Gulf
# "ضروري اليوم", an appearance on air tonight, "the 20th of this month", a formal request "within
# 48 hours", COB on a weekday, and "by then" pointing back to the end of the month.
J_CLASSES = [
    ("en", "Any chance of the clip? We need it before our 6 o'clock bulletin.", "2026-11-16"),
    ("ar", "نحتاج الصور قبل نشرة الساعة السادسة مساءً.", "2026-11-16"),
    ("ar", "محتاجين تأكيد النهارده عشان نقفل الحلقة، والبث بكرة الساعة ٩.", "2026-11-16"),
    ("ar", "العدد ينزل بكره وضروري اعرف اليوم.", "2026-11-16"),
    ("ar", "نرغب باستضافة المتحدث في نشرة التاسعة مساء اليوم، والفقرة مباشرة على الهواء.", "2026-11-16"),
    ("en", "It would help to receive the figures no later than the 20th of this month.", "2026-11-20"),
    ("ar", "نطلب حذف الصورة ونشر توضيح خلال 48 ساعة من تاريخ هذه الرسالة.", "2026-11-18"),
    ("en", "Grateful if you could send whatever you have by COB Wednesday.", "2026-11-18"),
    ("en", "Our budget is fixed at the end of the month, so it would help to hear from you by then.", "2026-11-30"),
    ("pt", "Conseguem enviar até segunda-feira? A matéria sai na terça.", "2026-11-23"),
]


@pytest.mark.parametrize("language, text, expected", J_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in J_CLASSES])
def test_deadline_classes_of_set_j(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# A third round of time beside a request that is not a deadline (6 of 8 taken for deadlines before;
# sets I and J's invented ones, in
# words written here): some time with no count ("in the coming weeks", "dans les prochains
# jours"), how long past mail took ("my third message in two weeks"), the sender away on a shoot,
# an Arabic event named by its day ("حفل توقيع اليوم") beside "as soon as possible".
NOT_DEADLINES_3 = [
    ("en", "Would someone be open to an exploratory call in the coming weeks?"),
    ("fr", "Pourrions-nous échanger par téléphone dans les prochains jours ?"),
    ("es", "¿Podríamos hablar en los próximos días sobre una colaboración?"),
    ("ar", "هذه ثالث رسالة أرسلتها خلال أسبوعين ولم يصلني أي رد حتى الآن."),
    ("en", "This is the second email I sent within 10 days and nobody has replied."),
    ("fr", "Rien d'urgent : je suis en repérage jusqu'au 10 mai, mais je lis mes mails."),
    ("en", "No rush: I'll be on location until Friday, but I check my email."),
    ("ar", "نرجو تزويدنا بصور حفل توقيع اليوم، والمجلة تحت الطبع لذا نرجو الإرسال في أسرع وقت."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_3, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_3])
def test_a_date_beside_a_request_is_not_its_deadline_third_round(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


# ... while a count keeps a duration a deadline, singular or dual ("within a week", "خلال أسبوع",
# "خلال يومين") and hours without a count ("خلال الساعات القادمة").
COUNTED = [
    ("en", "Could you reply within a week?", "2026-11-23"),
    ("ar", "لو ممكن تردون علينا خلال أسبوع عشان نثبت الجدول.", "2026-11-23"),
    ("ar", "نرجو الرد خلال يومين.", "2026-11-18"),
    ("en", "Please send the answers within two weeks.", "2026-11-30"),
]


@pytest.mark.parametrize("language, text, expected", COUNTED, ids=[f"{c[0]}: {c[1][:40]}" for c in COUNTED])
def test_a_counted_duration_is_still_a_deadline(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# Set M's classes, in words written here: "بموعد لا يتجاوز", an afternoon hour "3 العصر",
# Levantine "تردولي خبر بكرا".
M_CLASSES = [
    ("ar", "نحتاج التسجيل بموعد لا يتجاوز يوم الأربعاء.", "2026-11-18"),
    ("ar", "ضروري اليوم قبل الساعة 3 العصر لو سمحتوا.", "2026-11-16"),
    ("ar", "فيكن تردولي خبر بكرا؟ بدنا نسكّر الجدول.", "2026-11-17"),
]


@pytest.mark.parametrize("language, text, expected", M_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in M_CLASSES])
def test_deadline_classes_of_set_m(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# How fast the office says it answers, and an interview's length read by dateparser as "fifteen
# minutes from now" (sets L's invented ones, in words written here).
NOT_DEADLINES_4 = [
    ("fr", "On m'avait pourtant assuré que votre équipe répondait sous 48 heures. Merci de me dire si mes messages sont arrivés."),
    ("en", "Your colleague promised to reply within a week, and I am still waiting. Could you check?"),
    ("fa", "ما مایلیم با یکی از سخنگویان یک مصاحبه کوتاه (حدود ۱۵ دقیقه) انجام دهیم. هر زمان که مناسب باشد در خدمت هستیم."),
    ("de", "Wir würden gern ein Interview von etwa 30 Minuten führen, wann immer es Ihnen passt."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_4, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_4])
def test_a_promised_reply_time_or_an_interviews_length_is_not_a_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


# Sets W and X's classes (deadlines and dates), in words written here: a weekday of next week, a
# day of next month, the end of a named month, Levantine/Egyptian "لحد", a bulletin's hour that
# "قبل النشرة" points back to, "within the hour", a page that closes, a text handed in, a reply's
# own day, more zones, Urdu weekdays.
W_CLASSES = [
    ("en", "Please reply by Wednesday next week.", "2026-11-25"),
    ("en", "Please get back to me by Thursday next week (the 26th).", "2026-11-26"),
    ("ar", "الرجاء الرد في موعد أقصاه العاشر من الشهر القادم.", "2026-12-10"),
    ("en", "We would need the figures by the 3rd of next month.", "2026-12-03"),
    ("fr", "Merci de nous répondre avant le 4 du mois prochain.", "2026-12-04"),
    ("fr", "Une réponse d'ici fin novembre nous permettrait de boucler le programme.", "2026-11-30"),
    ("en", "Anything before the end of December works for us.", "2026-12-31"),
    ("ar", "نرجو إفادتنا قبل نهاية شهر ديسمبر.", "2026-12-31"),
    ("ar", "بدنا الرد لحد يوم الأربعاء إذا بتقدروا.", "2026-11-18"),
    ("ar", "ياريت تبعتوا الصور قبل الويكند.", "2026-11-19"),
    ("ar", "عندنا نشرة الساعة ٦ المساء، ونحتاج تعليقكم قبل النشرة.", "2026-11-16"),
    ("ar", "سنبث الحلقة الساعة ٩ مساءً ونود أن يصلنا الرد قبل هذا الوقت.", "2026-11-16"),
    ("ar", "موعد تسليم التقرير الأربعاء الساعة 2 ظهرا، هل من تعليق؟", "2026-11-18"),
    ("ar", "نحتاج أي تصريح خلال الساعة القادمة.", "2026-11-16"),
    ("en", "Need a line from you within the next hour, please.", "2026-11-16"),
    ("en", "Our page closes tonight at 9pm UAE, can you send the photo?", "2026-11-16"),
    ("fr", "Le magazine part à l'impression jeudi 19 à 8h, pouvez-vous confirmer les chiffres ?", "2026-11-19"),
    ("fr", "Remise des tribunes le 15 janvier, en 6 000 signes.", "2027-01-15"),
    ("fr", "Rien de pressé : mercredi suffit.", "2026-11-18"),
    ("fr", "Une réponse vendredi serait idéale.", "2026-11-20"),
    ("es", "Cierro el texto el jueves a las 17:00 (hora de Madrid).", "2026-11-19"),
    ("ur", "براہ کرم ہفتہ تک جواب دیں۔", "2026-11-21"),
    ("ar", "اعطيوني الجواب أقصى حد نهار الخميس باش نكمل البرنامج.", "2026-11-19"),
    ("en", "Could you answer by 6pm Tokyo time on Tuesday?", "2026-11-17"),
    ("en", "The piece airs in our 8pm bulletin on Wednesday, so we need the footage before then.", "2026-11-18"),
]


@pytest.mark.parametrize("language, text, expected", W_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in W_CLASSES])
def test_deadline_classes_of_sets_w_and_x(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


def test_a_named_zone_is_kept_for_the_acknowledgement():
    found = _deadline("Could you answer by 6pm Tokyo time on Tuesday?", MONDAY_RIYADH, "en")
    assert (found.zone, found.at.hour, found.has_time) == ("Asia/Tokyo", 18, True)
    assert restate_deadline(found.at, "en", has_time=True, zone=found.zone) == "Tuesday 17 November 2026 at 18:00 (Tokyo time)"
    found = _deadline("Merci de répondre avant 17h (heure de Montréal).", MONDAY_RIYADH, "fr")
    assert restate_deadline(found.at, "fr", has_time=True, zone=found.zone).endswith("(heure de Montréal)")


# "No particular deadline" before a leave's dates, "today's issue", an outlet called "… اليوم", an hour that is not asked for.
NOT_DEADLINES_5 = [
    ("fr", "Aucun délai particulier : je serai en congé du 20 décembre au 4 janvier."),
    ("ar", "نقلنا البيان في عدد اليوم، ونرجو تصحيح الاسم على موقعكم."),
    ("ar", "أعمل في صحيفة مصر اليوم وأود الاستفسار عن عدد الدول الأعضاء."),
    ("en", "I spoke to your colleague within the hour of the announcement and he was very helpful."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_5, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_5])
def test_a_cut_off_the_office_set_or_no_deadline_said_is_not_a_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_a_forwarded_date_without_a_year_is_the_forwards_year():
    """"Date : jeudi 27 novembre" forwarded in November 2025 is 2025's, and "demain 16h" in the
    forwarded request is the 28th of that year (it was read against the current year)."""
    paris = timezone(timedelta(hours=1))
    forward = datetime(2025, 11, 27, 15, 35, tzinfo=paris)
    assert history_date("De : Hélène\nDate : jeudi 27 novembre\nObjet : son", paris, before=forward).date().isoformat() == "2025-11-27"
    assert history_date("From: كريم\nDate: 7 يوليو\nSubject: طلب", paris, before=datetime(2024, 7, 8, tzinfo=paris)).year == 2024
    # A forwarded date after the forward is a misreading: the forward's own Date counts instead.
    assert history_date("From: x\nDate: 30 December\nSubject: y", paris, before=datetime(2025, 1, 2, tzinfo=paris)).year == 2024


# A day restated more exactly ("i.e. Friday", "يعني الخميس"), a weekday with its day of the month
# and an hour, tomorrow noon in Arabic with a zone: the date and the hour the priority counts to.
TIMED = [
    ("ar", "لو تردون علينا قبل نهاية الأسبوع يعني الأحد يكون أحسن.", "2026-11-22 23:59"),
    ("en", "Could you send it before the weekend, i.e. Saturday morning?", "2026-11-21 23:59"),
    ("fr", "Le numéro part à l'impression mercredi 18 à 10h (heure de Paris), merci de confirmer.", "2026-11-18 10:00"),
    ("ar", "نحتاج ردكم قبل ظهر الغد بتوقيت لندن.", "2026-11-17 12:00"),
    ("ar", "نرجو الرد قبل الخميس 5 مساء.", "2026-11-19 17:00"),  # an hour, not the 5th
]


@pytest.mark.parametrize("language, text, expected", TIMED, ids=[f"{c[0]}: {c[1][:40]}" for c in TIMED])
def test_the_day_and_hour_a_sender_restates(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert found is not None and found.at.strftime("%Y-%m-%d %H:%M") == expected, found


# Sets AD and AE's classes (deadlines as busy writers put them), in words written here.
AD_CLASSES = [
    ("en", "Our copy deadline is Wednesday week, could you send a written comment?", "2026-11-25 23:59"),
    ("ar", "نحتاج النص باچر قبل الظهر لو سمحتوا.", "2026-11-17 12:00"),
    ("ar", "ياريت ترسلون التصحيح قبل المغرب اليوم.", "2026-11-16 18:00"),
    ("ar", "الرجاء تأكيد المشاركة قبل آخر هالشهر.", "2026-11-30 23:59"),
    ("ar", "عندنا نشرة الساعة ٧ المسا ونبي الرقم قبلها.", "2026-11-16 19:00"),
    ("fr", "Le journal passe sous presse à 21 h ce soir : une réaction est-elle possible ?", "2026-11-16 21:00"),
    ("fr", "Merci de nous répondre avant le comité de rédaction de jeudi 10h.", "2026-11-19 10:00"),
    ("ar", "الرجاء التأكيد قبل الساعة الثانية عشرة ظهرا يوم الخميس 19 نوفمبر.", "2026-11-19 12:00"),
    ("ar", "نرجو الرد في موعد أقصاه الرابع والعشرين من الشهر الجاري.", "2026-11-24 23:59"),
]


@pytest.mark.parametrize("language, text, expected", AD_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in AD_CLASSES])
def test_deadline_classes_of_sets_ad_and_ae(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert found is not None and found.at.strftime("%Y-%m-%d %H:%M") == expected, found


def test_questions_sent_a_day_before_an_agreed_slot_are_no_deadline():
    # "هبعتلكم الأسئلة قبلها بيوم": the sender's own plan, a day before the interview it names.
    assert _deadline("تمام، يوم الأربعاء الساعة 2 الظهر مناسب. هبعتلكم الأسئلة قبلها بيوم.", MONDAY_RIYADH, "ar") is None


# Sets AF and AG's classes (dates that are not deadlines, and deadlines said in passing), in
# words written here. MONDAY_RIYADH is Monday 16 November 2026.
AF_CLASSES = [
    ("ar", "نأمل موافاتنا بالمعلومات في موعد أقصاه 25 الجاري.", "2026-11-25 23:59"),
    ("ar", "نرجو الرد قبل السابع والعشرين من الجاري.", "2026-11-27 23:59"),
    ("fr", "Pourriez-vous nous envoyer trois photos ? Notre bouclage a lieu jeudi 19 novembre.", "2026-11-19 23:59"),
    ("en", "Could someone send the footage? We edit tomorrow morning, so end of day today would really help.",
     "2026-11-16 23:59"),
    # Set AD's remaining classes, in words written here.
    ("en", "Kindly revert before 24 hours as the story is scheduled.", "2026-11-17 10:00"),
    ("ar", "نطالبكم بحذف المنشور ونشر تصحيح خلال ٤٨ ساعة.", "2026-11-18 10:00"),
    ("fr", "Nous exigeons le retrait de ces propos sous 48 heures.", "2026-11-18 10:00"),
    ("en", "Is there any chance of the figure before our 1700 GMT bulletin?", "2026-11-16 17:00"),
    ("ar", "نرجو إفادتنا برأيكم بحلول ٨ جمادى الآخرة الموافق ١٩ نوفمبر.", "2026-11-19 23:59"),
    # Set AJ's classes: a Hijri date as the deadline (15 Jumada II 1448 is 25 November 2026); the
    # end of a Levantine month name after "ل" (until); a Levantine "I need"; an hour in words
    # without "الساعة"; a French edition "bouclée ce soir" with "bienvenue avant".
    ("ar", "نأمل التكرم بتأكيد المشاركة في موعد أقصاه 15 جمادى الآخرة 1448هـ.", "2026-11-25 23:59"),
    ("ar", "إذا ممكن تردّولنا خبر لآخر تشرين الثاني، لأنه لازم نثبّت الحجوزات.", "2026-11-30 23:59"),
    ("ar", "المقال رح ينزل الجمعة، فبحتاج التعليق لغاية الخميس الساعة 3 العصر.", "2026-11-19 15:00"),
    ("ar", "نرجو أن يتم التسجيل في موعد أقصاه الرابعة عصر يوم الأربعاء 18 نوفمبر.", "2026-11-18 16:00"),
    ("fr", "Notre édition de demain est bouclée ce soir à 21h ; votre réaction serait la bienvenue avant.", "2026-11-16 21:00"),
    # "المتحدث" (the spokesman) holds "حدث" (it happened): not a past event before "اليوم".
    ("ar", "نرجو مشاركة المتحدث في نشرة الساعة التاسعة مساء اليوم.", "2026-11-16 21:00"),
]


@pytest.mark.parametrize("language, text, expected", AF_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in AF_CLASSES])
def test_deadline_classes_of_sets_af_and_ag(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert found is not None and found.at.strftime("%Y-%m-%d %H:%M") == expected, found


NOT_DEADLINES_6 = [
    # A word inside a longer one: "غدا" in بغداد (Baghdad), "اليوم" in اليومية (daily), "الغد" in الغداء (lunch).
    ("ar", "نرجو توضيح ما ورد في البيان بعد الاجتماع الذي عقد في بغداد يوم 2 نوفمبر.", None),
    ("ar", "نرجو التكرم بالرد على أسئلة صحيفة اليومية حول البرنامج.", None),
    ("ar", "نرجو الرد على سؤالنا لمجلة الغداء الصحي عن مبادرتكم.", None),
    # A day of the month just past, without its year: the date of something, not next year's deadline.
    ("en", "Our deadline was 3 November, but the editor has given us more time: could you still comment?", None),
    ("fr", "La date limite était le 3 novembre, mais la rédaction nous laisse du temps : un commentaire reste possible ?", None),
    # "At the end of the day" is an idiom, not the close of a working day.
    ("en", "Could you comment? At the end of the day today's vote is what our readers care about.", None),
    ("en", "I wrote to you before 2 days but got no reply, could you check?", None),
    ("ar", "عقد الاجتماع في 3 جمادى الأولى الموافق 14 نوفمبر، ونرجو توضيح ما جرى.", None),
    ("ar", "صدر البيان في 5 رمضان 1446هـ، ونرجو توضيح الفقرة الثانية منه.", None),
    ("ar", "سافرت لآخر تشرين الثاني وما في شي مستعجل، ابعتولي المعلومات لما تقدروا.", None),
]


@pytest.mark.parametrize("language, text, expected", NOT_DEADLINES_6, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_6])
def test_a_word_inside_another_or_a_date_just_past_is_no_deadline(language, text, expected):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_a_date_without_its_year_early_next_year_is_still_ahead():
    # Written in late November, "by 5 January" is the coming January, not last one.
    found = _deadline("Could you reply by 5 January?", MONDAY_RIYADH, "en")
    assert found is not None and found.at.date().isoformat() == "2027-01-05"


def test_a_request_thousands_of_characters_away_does_not_make_a_date_a_deadline():
    # Text without stops is not one sentence: "tomorrow" here is not asked for by the "please reply"
    # at the far end (and each date's check reads a bounded stretch, however long the letter).
    filler = " ".join(["word"] * 1500)
    assert _deadline(f"The ceremony is tomorrow {filler} please reply", MONDAY_RIYADH, "en") is None
    assert _deadline("The ceremony is tomorrow, please reply before it", MONDAY_RIYADH, "en") is not None


# Sets AO and AR's classes (phrasings written here): dates beside a deadline that is not the sender's.
NOT_DEADLINES_7 = [
    # A question about the office's cut-off: the date beside it is the event's.
    ("fr", "Quelle est la date limite d'accréditation pour le symposium du 4 décembre ? Faut-il une carte de presse ?"),
    ("en", "What is the accreditation deadline for the 9 December forum? Do you need a copy of my press card?"),
    ("en", "When is the registration deadline for the conference on 9 December?"),
    ("ar", "ما هو آخر موعد للتسجيل في المنتدى يوم 9 ديسمبر؟"),
    # A print date the sender has already missed.
    ("en", "Our December issue goes to print on 1 December, so it's too late for that one, but we would publish the op-ed later."),
    ("fr", "Notre numéro part sous presse le 1er décembre, c'est donc trop tard pour celui-ci : envoyez la tribune quand vous voulez."),
    # The office's own promise, quoted back by a complainant.
    ("en", "All I get back is your automatic reply saying you will respond within two working days. It has been three weeks."),
    # A statement published today; a newspaper named "Today" (Al-Yaum).
    ("ar", "البيان الصادر عنكم اليوم نسب إلى الوزير تصريحاً لم يصدر عنه، ونطالب بتصحيحه."),
    ("ar", 'أطلب إضافة الإشارة "تصوير: وليد الفرج / صحيفة اليوم" أو حذف الصورتين.'),
    # When a thing was set to happen, in a letter that asks for something else.
    ("en", "You confirmed the interview for Thursday and cancelled it again. I'd appreciate an explanation."),
    ("fr", "L'entretien prévu pour jeudi a été annulé sans explication ; merci de nous dire pourquoi."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_7, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_7])
def test_a_cut_off_asked_about_a_date_missed_or_a_paper_called_today_is_no_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_the_same_words_with_a_deadline_of_the_senders_own_still_give_it():
    # The counterparts: the sender's own cut-off, a request for today, a reply asked within two days.
    assert _deadline("The deadline for my piece is 4 December.", MONDAY_RIYADH, "en").at.day == 4
    assert _deadline("نرجو الرد اليوم على أسئلة صحيفة اليوم.", MONDAY_RIYADH, "ar") is not None
    assert _deadline("Could you please respond within two working days?", MONDAY_RIYADH, "en") is not None
    assert _deadline("Could you send the answers for Thursday, please?", MONDAY_RIYADH, "en") is not None


# Set AO's deadline classes (phrasings written here).
THURSDAY_AFTERNOON = datetime(2026, 11, 26, 17, 0, tzinfo=timezone(timedelta(hours=3)))
AO_CLASSES = [
    # The cue after the weekday's "next": "يوم الاثنين الجاي كحد أقصى".
    ("ar", "نبي نثبت الضيف يوم الاثنين الجاي كحد أقصى.", "2026-11-30T23:59"),
    # A zone written in full ("بتوقيت مكة المكرمة") still joins the time to the day after it.
    ("ar", "نرجو تزويدنا بتعليقكم قبل الساعة الثالثة عصراً بتوقيت مكة المكرمة يوم الثلاثاء 1 ديسمبر.", "2026-12-01T15:00"),
    # A bare hour written in the afternoon, with no am/pm: this evening, not tomorrow morning.
    ("ar", "عندنا حلقة مباشرة الليلة الساعة 10، نحتاج تأكيد المشاركة قبل الساعة 8.", "2026-11-26T20:00"),
    # What the answer must come before, then its day.
    ("ar", "نحتاج النص الكامل قبل اجتماع اللجنة يوم الأحد 29 نوفمبر الساعة 9 صباحاً.", "2026-11-29T09:00"),
    ("en", "Please send the figures before the board meeting on Monday.", "2026-11-30T23:59"),
]


@pytest.mark.parametrize("language, text, expected", AO_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in AO_CLASSES])
def test_deadline_classes_of_set_ao(language, text, expected):
    found = _deadline(text, THURSDAY_AFTERNOON, language)
    assert found is not None and found.at.strftime("%Y-%m-%dT%H:%M") == expected


def test_an_hour_with_its_half_of_the_day_or_a_statement_before_an_event_keeps_its_reading():
    # "8 صباحاً" is the morning whatever the hour of writing; "issued before the summit on Monday" asks nothing.
    found = _deadline("نحتاج الرد قبل الساعة 8 صباحاً.", THURSDAY_AFTERNOON, "ar")
    assert found is not None and found.at.strftime("%Y-%m-%dT%H:%M") == "2026-11-27T08:00"
    assert _deadline("The statement was issued before the summit on Monday.", THURSDAY_AFTERNOON, "en") is None


# Sets AS and AT's classes (phrasings written here).
def test_today_in_a_polite_request_is_its_deadline_but_todays_thing_is_not():
    assert _deadline("The name is misspelt, could you fix it online today please?", MONDAY_RIYADH, "en") is not None
    assert _deadline("اسمي مكتوب غلط في الخبر، ياليت تعدلونه اليوم.", MONDAY_RIYADH, "ar") is not None
    assert _deadline("Pourriez-vous nous envoyer les photos de la cérémonie d'aujourd'hui ?", MONDAY_RIYADH, "fr") is None
    # With its hour, tomorrow's bulletin is when the answer is needed.
    found = _deadline("Pourriez-vous nous envoyer l'enregistrement ? Nous le diffusons dans notre journal de demain 7h.", MONDAY_RIYADH, "fr")
    assert found is not None and found.at.strftime("%Y-%m-%dT%H:%M") == "2026-11-17T07:00"
    assert _deadline("Can you tell me what the minister said today?", MONDAY_RIYADH, "en") is None


def test_the_senders_return_or_a_slot_already_set_is_no_deadline():
    for language, text in [
        ("en", "I'm not back until Monday 23 November, so could we move the interview?"),
        ("es", "La entrevista estaba prevista para el martes 17 de noviembre, pero no vuelvo hasta el lunes 23 de noviembre. "
               "¿Podríamos cambiarla?"),
    ]:
        assert _deadline(text, MONDAY_RIYADH, language) is None, text
    # Their own cue still reads: "antes del viernes 20 de noviembre".
    found = _deadline("Necesito la respuesta antes del viernes 20 de noviembre, por favor.", MONDAY_RIYADH, "es")
    assert found is not None and found.at.date().isoformat() == "2026-11-20"


def test_a_bare_hour_after_tomorrow_morning_stays_in_the_morning():
    found = _deadline("ياليت ترسلون الرد باكر الصبح قبل الساعة ٩ لأن التقرير بينزل الظهر.", THURSDAY_AFTERNOON, "ar")
    assert found is not None and found.at.strftime("%Y-%m-%dT%H:%M") == "2026-11-27T09:00"


# Sets U and AV's classes (phrasings written here).
NOT_DEADLINES_8 = [
    # A programme's title in quotation marks: "Tonight" names the show.
    ("en", 'I produce "Beirut Tonight", which airs every Thursday, and would like your spokesman on it in December.'),
    ("fr", "Je suis rédactrice en chef de « Demain l'Afrique » et souhaiterais un entretien en décembre."),
    ("ar", "أنا معدّ برنامج «حصاد اليوم» ونود استضافة المتحدث الشهر القادم."),
    # What must not happen again: the day it might, not a day to answer by.
    ("en", "I was refused entry this morning and expect an explanation and an assurance that this will not recur tomorrow."),
    ("ar", "نطلب توضيحاً رسمياً لما حدث وضمان عدم تكراره غداً في الجلسة الختامية."),
    ("fr", "Nous demandons des excuses et l'assurance que cela ne se reproduise pas demain."),
    # "No rush": a window the sender allows, not a deadline.
    ("en", "No rush - we publish early next month, so anything in the next couple of weeks is fine."),
    ("fr", "Rien ne presse : une réponse dans les deux semaines nous convient."),
    ("ar", "الموضوع مو مستعجل، خلال أسبوعين يكون ممتاز."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_8, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_8])
def test_a_title_a_repeat_or_a_window_allowed_is_no_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_the_same_words_asking_by_a_date_still_give_it():
    # Words quoted elsewhere in the letter do not hide the sender's own "tomorrow"; "not urgent, but"
    # takes the window back; midnight of a named day ("منتصف ليل الأربعاء") is that day's end.
    found = _deadline('He said "we will answer tomorrow". Please reply by tomorrow.', MONDAY_RIYADH, "en")
    assert found is not None and found.at.date().isoformat() == "2026-11-17"
    found = _deadline("Not urgent, but please reply within 48 hours.", MONDAY_RIYADH, "en")
    assert found is not None and found.at.date().isoformat() == "2026-11-18"
    found = _deadline("نرجو موافاتنا بالإجابات قبل موعد النشر، أي قبل منتصف ليل الأربعاء 18 نوفمبر.", MONDAY_RIYADH, "ar")
    assert found is not None and found.at.strftime("%Y-%m-%dT%H:%M") == "2026-11-18T23:59"


def test_levantine_at_the_latest_after_next_sunday():
    # "ع الأحد الجاي بالكتير": by next Sunday at the latest (set AW's class, words written here).
    found = _deadline("ياريت تردوا علينا ع الأحد الجاي بالكتير لأنو عم نسكّر الجدول.", MONDAY_RIYADH, "ar")
    assert found is not None and found.at.date().isoformat() == "2026-11-22"


# Today or tomorrow beside a request, but what happens that day is someone's doing, not by when
# to answer (phrasings written here; classes found probing the grammar, not in a labelled set).
NOT_DEADLINES_9 = [
    ("en", "I will call your office tomorrow; please let me know who to ask for."),
    ("en", "I am travelling tomorrow, so please reply to my colleague Sara."),
    ("en", "The minister arrives tomorrow - could you tell me who is in the delegation?"),
    ("en", "Could you send me the full text of the speech delivered today?"),
    ("en", "Could you send the photos from today?"),
    ("ar", "نرجو تزويدنا بنص الكلمة التي ألقيت اليوم."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_9, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_9])
def test_what_happens_that_day_beside_a_request_is_no_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_today_or_tomorrow_asked_in_the_same_clause_still_is():
    for language, text, day in [
        ("en", "We go on air tomorrow - please confirm the guest today.", "2026-11-16"),
        ("en", "We are publishing tomorrow, could you send a comment?", "2026-11-17"),
        ("en", "Can you confirm before the end of tomorrow?", "2026-11-17"),
        ("ar", "نرجو الرد اليوم.", "2026-11-16"),
    ]:
        found = _deadline(text, MONDAY_RIYADH, language)
        assert found is not None and found.at.date().isoformat() == day, text


# Set BC's classes (phrasings written here): dialect spellings and cues, and "no hurry" in the
# words people use for it, whatever the date beside it.
BC_CLASSES = [
    ("ar", "لو ينفع الرد يوصلنا بحد أقصى بعد بكرة، لأن العدد بيتقفل.", "2026-11-18"),
    ("ar", "لازم توصلنا الصور قبل ما نسكّر العدد يوم الأربعا الضهر.", "2026-11-18T12:00"),
    ("ar", "نستنا الرد تاعكم حتى لنهار الخميس باه نبرمجو الحوار.", "2026-11-19"),
    ("ur", "ہمیں یہ معلومات کل شام تک درکار ہیں۔", "2026-11-17"),
]


@pytest.mark.parametrize("language, text, expected", BC_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in BC_CLASSES])
def test_deadline_classes_of_set_bc(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    got = found.at.strftime("%Y-%m-%dT%H:%M") if found and "T" in expected else (found.at.date().isoformat() if found else None)
    assert got == expected, found


NOT_DEADLINES_10 = [
    ("ar", "مفيش استعجال خالص، التقرير مش هينزل قبل آخر الشهر الجاي، فخدوا وقتكم."),
    ("de", "Die Dreharbeiten laufen ohnehin bis Ende November, wir sind also flexibel."),
    ("fr", "Aucune contrainte de délai de votre côté : si le texte arrive après le 16, nous le publierons en ligne."),
    ("en", "We're quite flexible: filming runs until the end of the month."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_10, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_10])
def test_no_hurry_in_its_many_words_leaves_the_dates_beside_it_alone(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_a_flexible_sender_who_still_says_before_has_a_deadline():
    for text in ["Nous sommes flexibles, idéalement avant le 15 décembre.", "We're flexible, but before 15 December would help."]:
        found = _deadline(text, MONDAY_RIYADH, "fr" if "Nous" in text else "en")
        assert found is not None and found.at.date().isoformat() == "2026-12-15", text


# Set BE's classes (phrasings written here): a call the sender will make ("I'll", not only "I will"),
# a talk that took place today, and the sender's own confirmation of an appointment ask nothing.
NOT_DEADLINES_11 = [
    ("en", "I'll call the office tomorrow morning to follow up on my request for comment."),
    ("en", "Following up on our phone call today, here are the topics we discussed."),
    ("fr", "Je vous confirme l'entretien convenu pour mercredi 18 novembre à 11h."),
    ("ar", "تأكيدا لما اتفقنا عليه هاتفيا صباح اليوم، نلتقي يوم الخميس في المقر."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_11, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_11])
def test_a_call_to_come_a_talk_that_took_place_or_an_appointment_confirmed_is_no_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


# Sets BE and BF: "at the latest" in Levantine and Maghrebi words before or after the day, Moroccan
# month names, and "by my departure on…".
BE_CLASSES = [
    ("ar", "لازم يكون التسجيل الأربعاء بأبعد تقدير.", "2026-11-18"),
    ("ar", "نحتاجو الجواب ديالكم على أقصى تقدير نهار الخميس 19 نونبر.", "2026-11-19"),
    ("ar", "بغينا الصور قبل 3 دجنبر عافاكم.", "2026-12-03"),
    ("fr", "D'ici mon départ mardi à 9h, j'aurais besoin du dossier de presse.", "2026-11-17T09:00"),
    # Set BG: "I ask for" in the first person, Gulf "I want it tonight", "يا ريت" with its space, and
    # tonight's nine o'clock in the evening.
    ("ar", "أطالب باعتذار رسمي خلال 24 ساعة.", "2026-11-17"),
    ("ar", "ممكن برنامج جلسات بكرة؟ ابيه الليلة عشان نوزع الزملاء.", "2026-11-16"),
    ("ar", "يا ريت تصلحوا الرابط اليوم.", "2026-11-16"),
    ("ar", "نرجو تأكيد المداخلة الليلة الساعة 9.", "2026-11-16T21:00"),
]


@pytest.mark.parametrize("language, text, expected", BE_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in BE_CLASSES])
def test_deadline_classes_of_sets_be_and_bf(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    got = found.at.strftime("%Y-%m-%dT%H:%M") if found and "T" in expected else (found.at.date().isoformat() if found else None)
    assert got == expected, found


def test_the_senders_words_that_still_ask_by_a_date_keep_it():
    for language, text, day in [
        ("en", "I'll be brief: could you send the figures tomorrow?", "2026-11-17"),
        ("en", "Could you call me today?", "2026-11-16"),
        ("fr", "Merci de me confirmer pour jeudi.", "2026-11-19"),
    ]:
        found = _deadline(text, MONDAY_RIYADH, language)
        assert found is not None and found.at.date().isoformat() == day, text


# Set BK's classes (phrasings written here): the office's closure reported from its auto-reply is
# no deadline, nor a German weekday inside a French word; a closing day that "anything after"
# would miss, "il me le faudrait pour", and Egyptian "الاتنين" are deadlines.
def test_an_absence_reported_or_a_word_that_hides_a_weekday_is_no_deadline():
    for language, text in [
        ("en", "Your auto-reply says the office is closed until Thursday 19 November; when you are back, could we set up an interview?"),
        ("fr", "Votre message automatique indique que le bureau est fermé jusqu'au 19 novembre. Pourriez-vous me rappeler ensuite ?"),
        ("fr", "Il nous faudrait la réaction rapidement pour le montage."),
        ("en", "Today's letter threatens legal action if we do not pay within 5 days. Please tell me what to do."),
    ]:
        assert _deadline(text, MONDAY_RIYADH, language) is None, text


BK_CLASSES = [
    ("en", "Could you send us the exterior shots? Our edit locks on Friday 20 November; anything that arrives after that won't make it.", "2026-11-20"),
    ("ar", "نود معرفة عدد المتدربين. يُغلق العدد يوم الخميس، وأي رد يصلنا بعد ذلك لن يلحق بالطبعة.", "2026-11-19"),
    ("fr", "Il me le faudrait pour mercredi, la page part à l'imprimerie ce jour-là.", "2026-11-18"),
    ("ar", "ياريت تعدلوا الاسم لحد يوم الاتنين الجاي بالكتير.", "2026-11-23"),
    # Turkish puts its endings on the weekday itself: still the day.
    ("tr", "Başvurumuzu kabul edebilir misiniz? Pazartesiye kadar dönüş yapabilirseniz çok seviniriz.", "2026-11-23"),
]


@pytest.mark.parametrize("language, text, expected", BK_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in BK_CLASSES])
def test_deadline_classes_of_set_bk(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# Stop 32: "today" that says when something is done or how far something runs, not by when an
# answer is needed. Arabic "اليوم" belongs to the verb before it ("نعمل اليوم على تقرير",
# "أكتب إليكم اليوم لأطلب"), to a relative clause ("التصريحات التي أدلى بها المتحدث اليوم"),
# to a participle ("الاجتماع المنعقد اليوم"); "حتى اليوم" is "so far"; "اليوم العالمي" is a day's name.
NOT_DEADLINES_12 = [
    ("ar", "نعمل اليوم على تقرير حول التحالف، ونرجو تزويدنا ببعض الأرقام."),
    ("ar", "أكتب إليكم اليوم لأطلب مقابلة مع الأمين العام."),
    ("ar", "نرجو تعليقكم على التصريحات التي أدلى بها المتحدث اليوم."),
    ("ar", "أرجو إرسال الصور التي نشرتموها اليوم على موقعكم."),
    ("ar", "نرجو تزويدنا بتفاصيل الاجتماع المنعقد اليوم في الرياض."),
    ("ar", "نرجو توضيح الخبر المتداول اليوم حول انسحاب إحدى الدول."),
    ("ar", "وصلتنا اليوم معلومات عن اجتماع، نرجو التأكيد."),
    ("ar", "أرسلت لكم اليوم رسالة، أرجو الرد."),
    ("ar", "مع تزايد خطر التطرف اليوم، نرغب في إجراء مقابلة مع أحد خبرائكم."),
    ("ar", "لم نتلق أي رد حتى اليوم، نرجو الرد على استفسارنا."),
    ("ar", "نرجو إفادتنا بعدد الدول الأعضاء حتى اليوم."),
    ("ar", "بمناسبة اليوم العالمي لمكافحة الإرهاب، نرجو تزويدنا بتصريح."),
    # Today's event named with its complement: "كلمة الأمين العام اليوم", "صور حفل التخرج اليوم".
    ("ar", "نرجو تزويدنا بنسخة من كلمة الأمين العام اليوم."),
    ("ar", "نرجو إرسال صور حفل التخرج اليوم."),
    ("ar", "نحتاج تعليقكم على تصريحات الوزير اليوم."),
    ("en", "Until today nobody has answered my questions, could you please reply?"),
    ("en", "Can you send the figures up to today?"),
    ("en", "Could you send the speech the Secretary General gave today?"),
    ("en", "Please send the recording of the event you hosted today."),
    ("fr", "Jusqu'à aujourd'hui, nous n'avons reçu aucune réponse. Merci de nous répondre."),
    ("de", "Bis heute haben wir keine Antwort erhalten. Bitte antworten Sie."),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_12, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_12])
def test_today_as_when_something_is_done_or_so_far_is_no_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_today_asked_for_is_still_the_deadline():
    for language, text, expected in [
        ("ar", "نرجو الرد اليوم.", "2026-11-16"),
        ("ar", "ممكن ترسلوا الصور اليوم؟", "2026-11-16"),
        ("ar", "أرجو إرسال الصور، اليوم إن أمكن.", "2026-11-16"),
        ("ar", "نود إجراء مقابلة مع المتحدث، هل يمكن ذلك اليوم؟", "2026-11-16"),
        ("ar", "عافاكم جاوبونا اليوم قبل العشية.", "2026-11-16"),
        ("ar", "نرجو الرد على طلب المقابلة اليوم.", "2026-11-16"),
        ("ar", "نرجو الرد حتى اليوم الساعة 5 مساء.", "2026-11-16"),
        ("de", "Können Sie mir bis heute antworten?", "2026-11-16"),
        ("fr", "Merci de répondre jusqu'à aujourd'hui 17h.", "2026-11-16"),
    ]:
        found = _deadline(text, MONDAY_RIYADH, language)
        assert found is not None and found.at.date().isoformat() == expected, text


# Sets BN, BO and BP (phrasings written here): the office's promised reply time reported back
# ("ستوافونني بالجواب خلال ثلاثة أيام عمل", "le bureau de presse répond « sous 48 heures »"), when
# speakers must arrive, when the sender is free, a bill's due date, a stay "from the 10th to the
# 14th" and dates just past that the calendar library would put next year.
NOT_DEADLINES_13 = [
    ("ar", "توصلت برد آلي يفيد بأنكم ستوافونني بالجواب خلال ثلاثة أيام عمل، غير أنني لم أتوصل بأي جديد. هل ملفي كامل؟"),
    ("fr", "Votre site indique pourtant que le bureau de presse répond « sous 48 heures ouvrées »."),
    ("en", "The panel runs 14:00-15:15; speakers are asked to arrive by 13:15 for a sound check. Could you send a short bio?"),
    ("en", "Kindly confirm the interview schedule. Our team is available any day in the next two weeks except Friday."),
    ("en", "Please find attached invoice INV-0412. Payment is due on 30 November 2026. Kindly let me know if a meeting works."),
    ("ur", "براہِ کرم ایکریڈیٹیشن کا طریقۂ کار بتائیں۔ میں 18 سے 20 نومبر تک ریاض میں موجود رہوں گا۔"),
    ("es", "Les escribí el 10 y el 12 de noviembre y hasta ahora no recibí respuesta:\n- 12/11: \"Consulta de prensa\""),
]


@pytest.mark.parametrize("language, text", NOT_DEADLINES_13, ids=[f"{c[0]}: {c[1][:40]}" for c in NOT_DEADLINES_13])
def test_a_promise_reported_an_arrival_time_a_bill_or_a_stay_is_no_deadline(language, text):
    assert _deadline(text, MONDAY_RIYADH, language) is None


def test_the_same_words_asking_for_an_answer_keep_their_deadline():
    for language, text, expected in [
        ("ar", "نرجو الرد خلال ثلاثة أيام عمل.", "2026-11-19"),
        ("fr", "Merci de répondre sous 48 heures.", "2026-11-18"),
        ("en", "Could you confirm by 13:15 tomorrow?", "2026-11-17"),
        ("en", "Please send the photos by 30 November.", "2026-11-30"),
        ("es", "Necesitamos la respuesta antes del 20/11, por favor.", "2026-11-20"),
    ]:
        found = _deadline(text, MONDAY_RIYADH, language)
        assert found is not None and found.at.date().isoformat() == expected, (text, found)


def test_a_date_with_its_full_stop_the_instant_month_and_a_dutch_weekend():
    for language, text, expected in [
        ("en", "It would be very kind if you could send me an answer until 20.11. I apologise for the short notice.", "2026-11-20"),
        ("en", "Kindly confirm the accreditation latest by 19th inst. so that we may process the visa.", "2026-11-19"),
        ("nl", "Het stuk verschijnt zaterdag. Zouden jullie vóór het weekend kunnen reageren?", "2026-11-20"),
    ]:
        found = _deadline(text, MONDAY_RIYADH, language)
        assert found is not None and found.at.date().isoformat() == expected, (text, found)
    # A version number is still no date.
    assert _deadline("Version 2.1. is out, could you send the figures?", MONDAY_RIYADH, "en") is None


def test_set_bu_an_hour_said_as_a_cardinal_and_todays_speech_with_its_clitic():
    """Set BU (words written here): "الساعة ستة" is six o'clock as Egyptian and Levantine speakers
    say it; "بكلمة اليوم" ("in today's speech") is what, not by when."""
    found = _deadline("محتاجين الرد قبل الساعة ستة بتوقيت الرياض.", MONDAY_RIYADH, "ar")
    assert found is not None and found.at.strftime("%Y-%m-%d %H:%M") == "2026-11-16 18:00"
    found = _deadline("بدنا الرد قبل الساعه تلاته العصر.", MONDAY_RIYADH, "ar")
    assert found is not None and found.at.strftime("%Y-%m-%d %H:%M") == "2026-11-16 15:00"
    assert _deadline("الاجتماع استمر اربعه ساعات، ممكن الرد؟", MONDAY_RIYADH, "ar") is None
    assert _deadline("توضيح رقم ورد بكلمة اليوم", MONDAY_RIYADH, "ar") is None


# Set BZ's classes (words written here): a deadline before the sender's flight beside when they
# are offline again; a correction or deletion asked for today; the office's own promised or usual
# response time; a vendor's "we can fix it in 24 hours".
BZ_CLASSES = [
    ("en", "Could you send two photos before my flight tomorrow at 6am? I won't have a laptop until Friday.", "2026-11-17"),
    ("en", "I need the numbers before my 7am flight tomorrow; I'll be offline until Thursday.", "2026-11-17"),
    ("en", "Please delete the post today - it is being shared widely.", "2026-11-16"),
    ("en", "Your colleague promised a response to my query within 48 hours. Could you tell me whether it is with someone?", None),
    ("en", "Your office usually responds to written requests within five working days, which is fine. Could you send the figures?", None),
    ("en", "Our crawler found 37 broken links. We can fix everything in 24 hours for only $199.", None),
    # Set BY (words written here): a count in words ("huit", "quinze", "eight", "fourteen"), "dans un
    # délai de"; a Malay or Indonesian hour ("jam 6", "pukul 5") is no month.
    ("fr", "Nous vous demandons de publier ce droit de réponse dans un délai de huit jours.", "2026-11-24"),
    ("fr", "Merci de nous répondre sous quinze jours.", "2026-12-01"),
    ("en", "Kindly revert within fourteen days of this letter.", "2026-11-30"),
    # More of set BY: "2x24 hours", "le 10 courant", a date restated in brackets before its cue.
    ("en", "I hope this mistake can be corrected within 2x24 hours, the article is shared everywhere.", "2026-11-18"),
    ("fr", "Merci de me faire parvenir votre réponse au plus tard le 25\ncourant.", "2026-11-25"),
    ("ar", "نرجو الرد يوم الخميس (19 نوفمبر) كحد أقصى.", "2026-11-19"),
    ("ur", "براہ کرم بدھ ۱۸ نومبر ۲۰۲۶ء (۸ جمادی الآخر ۱۴۴۸ھ) تک آگاہ فرما دیں۔", "2026-11-18"),
    # Set CB (words written here): Spanish "como muy tarde", Levantine "قبل نص الليل" beside tomorrow's paper.
    ("es", "Necesitaríamos las cifras como muy tarde el jueves para el análisis.", "2026-11-19"),
    ("ar", "ممكن تبعتولي نص الكلمة؟ التقرير بينزل بكرا الصبح، فإذا بيوصل قبل نص الليل بكون ممنون.", "2026-11-16"),
]


def test_a_malay_hour_is_not_read_as_june():
    # "jam 6" is six o'clock; dateparser reads a month into it (June, within the date window from December).
    sent = datetime(2026, 12, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    found = _deadline("Sila beri maklum balas sebelum jam 6 petang esok.", sent, "ms")
    assert found is None or found.at.date().isoformat() == "2026-12-02", found


# Set CH's classes (words written here): a length of time counted from something else ("within 48
# hours of your release"), something that happened within it ("was viewed … within 24 hours",
# "انحذفت خلال ساعة"), a rule quoted ("يجب تقديم الاعتراض خلال 30 يوماً"), the office's published
# response time ("media inquiries are answered within 3 working days"), "last time". The same
# lengths asked for still count, from now ("of receipt of this letter", "من الرسالة دي").
CH_CLASSES = [
    ("en", "Within 48 hours of your release going out we noticed the PDF link is broken. Could you fix it?", None),
    ("en", "Outlets reported that within 72 hours of last month's summit three states joined. Could you confirm?", None),
    ("en", "Your clip was viewed two million times within 24 hours of being posted. Could we use it?", None),
    ("en", "Your contact page states that media inquiries are answered within 3 working days. I wrote twice.", None),
    ("en", "Thank you for getting back to us within a day last time. Could you send the programme?", None),
    ("ar", "يجب تقديم الاعتراض خلال 30 يوماً من صدور القرار، فهل يمكنكم توضيح الإجراء؟", None),
    ("ar", "التغريدة انحذفت خلال ساعة من نشرها، هل تؤكدون ذلك؟", None),
    ("en", "Please respond within 48 hours of receipt of this letter.", "2026-11-18"),
    ("ar", "نتمنى الرد خلال 48 ساعة من الرسالة دي قبل ما نلجأ للإجراءات القانونية.", "2026-11-18"),
    ("en", "Please publish a correction within 24 hours.", "2026-11-17"),
    # Set CK: a draft offered "within one week of acceptance" counts from the office's yes.
    ("en", "Would you consider a 900-word op-ed? Draft within one week of acceptance.", None),
    ("en", "Please confirm within one week.", "2026-11-23"),
    # Set CL: a cut-off someone else set, reported ("وذكرت أن آخر موعد … هو", "announced that the deadline
    # is", "précise que les demandes doivent parvenir avant le"); a story that "files at" an hour today.
    ("ar", "أعلنت جامعة خليجية عن منح بحثية، وذكرت أن آخر موعد لتقديم الطلبات هو 30 نوفمبر. هل التحالف شريك فيها؟", None),
    ("en", "The academy announced that the deadline for applications is 30 November. Is the coalition a partner?", None),
    ("fr", "Votre avis aux médias précise que les demandes doivent parvenir avant le 20 novembre. Je souhaite être accrédité.", None),
    ("en", "Could you confirm how many states took part? Our story files at 17:00 GMT today.", "2026-11-16"),
    ("ar", "نرجو تزويدنا بالأرقام قبل آخر موعد للنشر يوم الخميس 19 نوفمبر.", "2026-11-19"),
    # Set CM: Swahili "ifikapo" / "kabla ya" and Bengali "মধ্যে" introduce the date.
    ("sw", "Ningeshukuru kupata majibu ifikapo tarehe 20 Novemba 2026, kwani ripoti yangu inawasilishwa mwezi Januari.", "2026-11-20"),
    ("sw", "Naomba jibu kabla ya tarehe 19 Novemba.", "2026-11-19"),
    ("bn", "অনুগ্রহ করে ১৮ নভেম্বরের মধ্যে আপনাদের উত্তর জানাবেন।", "2026-11-18"),
    # Set CU: a length of time in Persian ("ظرف") and with Bengali's genitive on the unit ("৪৮ ঘণ্টার
    # মধ্যে"). (Not Swahili "ndani ya saa 24" nor Russian "в течение 48 часов": dateparser reads the
    # 24th and 48 days into them.)
    ("fa", "اگر امکانش هست ظرف ۴۸ ساعت آینده پاسخ دهید.", "2026-11-18"),
    # A word that starts like a month is no month: "মেরামতের" (of the repair) is not "মে" (May).
    ("bn", "গত ৫ মেরামতের মধ্যে কোনটি সবচেয়ে ব্যয়বহুল ছিল, জানাবেন?", None),
    ("bn", "অনুগ্রহ করে ৪৮ ঘণ্টার মধ্যে উত্তর দিন।", "2026-11-18"),
]


def test_a_year_alone_is_no_date():
    # Set CI: "2025" in a quoted header under a Persian letter; dateparser reads a bare year as today.
    sent = datetime(2025, 5, 27, 12, 50, tzinfo=timezone(timedelta(hours=3, minutes=30)))
    text = "هر زمان كه پاسخ‌ها آماده شد، ممنون مي‌شوم برايم بفرستيد.\nتاريخ: 18 May 2025\nموضوع: تا 2025"
    assert _deadline(text, sent, "fa") is None


@pytest.mark.parametrize("language, text, expected", BZ_CLASSES + CH_CLASSES,
                         ids=[f"{c[0]}: {c[1][:40]}" for c in BZ_CLASSES + CH_CLASSES])
def test_deadline_classes_of_sets_bz_to_ch(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


# Stop 36 (sets DO, DP): attendance confirmed "for the 19th" names the event's day; a bare day after a
# deadline written with its month is that month's (not after a date that is no deadline); an American
# month-first date; Arabic "في موعد أقصاه سبعة أيام" (a number in words), Maghrebi "غدوة", a promise
# the office made reported ("ذكرتم … أنكم سترسلون … خلال يومين"), "الجواب إلى يوم الخميس".
STOP36_CLASSES = [
    ("en", "Please confirm my attendance for the 19th; I will come with a camera operator.", None),
    ("fr", "Je souhaite confirmer ma présence pour le 19, accompagnée d'une photographe.", None),
    ("en", "Please confirm my accreditation by the 19th.", "2026-11-19"),
    ("en", "If possible by 20 December; failing that, by the 22nd at the latest.", "2026-12-20"),
    ("en", "The chapter goes to the editors on 1 December, so anything before the 28th would help.", "2026-11-28"),
    ("ar", "نرجو موافاتنا بالإجابات في موعد أقصاه سبعة أيام.", "2026-11-23"),
    ("ar", "نحب نعرفو جوابكم بعد غدوة.", "2026-11-18"),
    ("ar", "ممكن تبعثولنا الصور غدوة؟", "2026-11-17"),
    ("ar", "ذكرتم في ردكم السابق أنكم سترسلون الصور خلال يومين، لكنها لم تصل. أرجو إرسالها بحلول مساء الخميس.", "2026-11-19"),
    ("ar", "أحتاج الجواب إلى يوم الخميس القادم لأن المقال يُسلَّم يوم الجمعة.", "2026-11-19"),
]


# Stop 37 (sets EC, ED): a document's validity ("valid until", "valable jusqu'au", "صالحة حتى"); a
# programme between the hour and its day ("before our 6 pm bulletin tomorrow", "avant notre journal de
# 20 h ce soir"); an event "annoncée pour le 3"; a bare day followed by "si"/"svp"; the answer named
# then its day in an Arabic request ("نرجو الرد يوم الخميس"), not a publication; a weekday "الماضي" /
# "dernier" gone by (but "mercredi dernier délai" is the last day); Arabic ordinal days with a month.
STOP37_CLASSES = [
    ("en", "My press card (valid until 31/12/2026) is attached; I can send my passport on request.", None),
    ("fr", "Ma carte de presse, valable jusqu'au 31 décembre, est jointe. Pouvez-vous confirmer mon accréditation ?", None),
    ("ar", "بطاقتي الصحفية صالحة حتى 31 ديسمبر، أرجو تأكيد اعتمادي.", None),
    ("en", "We'd like your comment before our 6 pm bulletin tomorrow.", "2026-11-17"),
    ("fr", "Une réaction est-elle possible avant notre journal de 20 h ce soir ?", "2026-11-16"),
    ("fr", "J'espère que ce sera corrigé pour la prochaine conférence, annoncée pour le 3 décembre.", None),
    ("fr", "Merci de nous dire au plus tard le 20 si vous pourrez intervenir.", "2026-11-20"),
    ("ar", "نرجو الرد يوم الخميس لأن التصوير يوم الأحد.", "2026-11-19"),
    ("ar", "نشرنا الرد يوم الخميس.", None),
    ("ar", "وعدني أحد موظفيكم بالرد يوم الأحد الماضي ولم يصلني شيء.", None),
    ("fr", "On m'avait promis une réponse avant jeudi dernier.", None),
    ("fr", "Merci de répondre avant mercredi dernier délai.", "2026-11-18"),
    ("ar", "نرجو التكرم بالرد بحلول العشرين من نوفمبر.", "2026-11-20"),
    ("ar", "نأمل الرد قبل الخامس عشر من شهر ديسمبر.", "2026-12-15"),
]


# Stop 38 (set EM): a weekday, its Hijri date and the Gregorian one it restates ("قبل الخميس 16 جمادى
# الآخرة 1448هـ الموافق 26 نوفمبر"); "ب" written onto "نهاية" ("بنهاية الأسبوع القادم" is "by the end of
# next week"); French days written out ("avant le vingt-huit février"); a deadline changed further on
# ("Update: … pushed back, so Monday is fine") — in its own sentence only.
STOP38_CLASSES = [
    ("ar", "نرجو موافاتنا بالإجابات قبل الخميس 16 جمادى الآخرة 1448هـ الموافق 26 نوفمبر 2026م.", "2026-11-26"),
    ("ar", "ونأمل استلام المواد بنهاية الأسبوع القادم لإرسالها إلى المطبعة.", "2026-11-26"),
    ("ar", "سنغطي الحدث بنهاية الأسبوع القادم.", None),
    ("fr", "Pourriez-vous nous confirmer votre disponibilité au plus tard le mardi vingt-quatre novembre ?", "2026-11-24"),
    ("fr", "Pourriez-vous nous transmettre ces données avant le premier décembre ?", "2026-12-01"),
    ("fr", "L'émission du six décembre sera consacrée à la coalition.", None),
    ("en", "I had hoped to hear back by Wednesday. Update: my editor has pushed the feature back a week, so a reply by "
           "Monday 23rd is fine.", "2026-11-23"),
    ("fr", "Nous avions besoin de votre réponse avant mercredi. Mise à jour : la rédaction a repoussé la publication, une "
           "réponse d'ici vendredi suffira.", "2026-11-20"),
    ("en", "Please reply by Friday. The summit has been postponed to December. Photos by Monday would help too.", "2026-11-20"),
    # (Set EL) "by end of Monday"; "avant la clôture des inscriptions le vendredi 20" (four words between the cue and
    # its day); Egyptian "يوم 20 الشهر ده" (this month).
    ("en", "Could you let me know by end of Monday whether media accreditation is open?", "2026-11-23"),
    ("fr", "Pourriez-vous me confirmer, avant la clôture des inscriptions le vendredi 20 novembre, si les pigistes peuvent "
           "être accrédités ?", "2026-11-20"),
    ("en", "We will cover it before the end of the forum on Monday.", None),
    ("ar", "محتاج أعرف لحد يوم 20 الشهر ده لأن موعد السفارة يوم 21.", "2026-11-20"),
    ("ar", "نشرنا التقرير يوم 10 الشهر ده.", None),
    # (Set ER) the piece "doit être rendu pour demain 17 h": the sender's own cut-off, which the answer must beat.
    ("fr", "Pouvez-vous me confirmer ce lien ? Mon article doit être rendu pour demain 17 h.", "2026-11-17"),
    ("fr", "Le colis a été livré pour le 20 novembre.", None),
]
STOP36_TO_38 = STOP36_CLASSES + STOP37_CLASSES + STOP38_CLASSES

# Stop 39 (set FC's classes, in words written here; sent Monday 16 November 2026): Swahili "ifikapo" (by), Hausa
# weekdays with "kafin" (before) or "ko kafin nan" (or before then), a Bengali "today" with "জানান" (let us know),
# Roman Urdu "aaj" (today) with "confirm kar dein". Beside them the same weekdays with no ask.
STOP39_CLASSES = [
    ("sw", "Tafadhali tujulishe ifikapo Alhamisi kama mahojiano yanawezekana.", "2026-11-19"),
    ("sw", "Kipindi kitarushwa Alhamisi ijayo.", None),
    ("ha", "Don Allah ku sanar da mu kafin ranar Talata.", "2026-11-17"),
    ("ha", "Don Allah ku sanar da mu a ranar Laraba ko kafin nan ko hakan zai yiwu.", "2026-11-18"),
    ("ha", "Za a watsa shirin ranar Laraba da yamma.", None),
    ("bn", "দয়া করে আজ বিকেল ৪টার মধ্যে জানান।", "2026-11-16"),
    ("ur", "Please aaj shaam 6 baje tak confirm kar dein taake hum promo chala saken.", "2026-11-16"),
    # "Aaj Tak", "Aaj News": newsrooms' names ("till today", "today's news"), not a day.
    ("en", "I am a correspondent for Aaj Tak and need a reply on the casualty figures.", None),
    ("en", "Aaj News would like a response from the spokesperson.", None),
]


@pytest.mark.parametrize("language, text, expected", STOP39_CLASSES, ids=[f"{c[0]}: {c[1][:40]}" for c in STOP39_CLASSES])
def test_deadline_classes_of_stop_39(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


@pytest.mark.parametrize("language, text, expected", STOP36_TO_38, ids=[f"{c[0]}: {c[1][:40]}" for c in STOP36_TO_38])
def test_deadline_classes_of_stops_36_to_38(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


def test_an_american_month_first_date_that_would_otherwise_be_past():
    # "06/03" written on 27 May is 3 June to its American sender, not 6 March gone by.
    sent = datetime(2026, 5, 27, 17, 20, tzinfo=timezone(timedelta(hours=-4)))
    found = _deadline("Please confirm by 06/03 so I can book my flight.", sent, "en")
    assert found is not None and found.at.date().isoformat() == "2026-06-03"
    # A day-first date just past stays past: "03/11" written on 20 November is not next March.
    assert _deadline("Please reply before 03/11.", datetime(2026, 11, 20, 10, tzinfo=timezone(timedelta(hours=3))), "en") is None


# Stop 40, in words written here: the office's own published cut-off that the sender quotes is not
# their deadline when it is a week or more away or when they say they are writing ahead of it; a near
# one they apply by stays (the development set's "the accreditation deadline on your website says
# 1 December, so please treat this as our formal application").
STOP40_CLASSES = [
    ("en", "Your website gives 30 November as the accreditation deadline, so I am applying early.", None),
    ("en", "The accreditation deadline on your website says 19 November, so please treat this as my application.", "2026-11-19"),
    ("en", "The deadline on your site is 4 December; here are my details.", None),
    ("fr", "Votre site indique que la date limite des demandes est fixée au 18 novembre ; je vous écris donc dès maintenant.", None),
    ("fr", "Selon votre annonce, la date limite d'inscription est le 3 décembre. Quels documents faut-il joindre ?", None),
    ("ar", "وحسب إعلانكم فإن آخر موعد للتسجيل يوم الأربعاء، لذا نرسل بياناتنا مبكراً.", None),
    ("ar", "اطلعت على موقعكم وفيه أن آخر موعد لاستلام الطلبات هو 30 نوفمبر.", None),
    ("tr", "Duyurunuzda başvuruların en geç 28 Kasım'a kadar yapılması gerektiği belirtildiği için şimdiden yazıyorum.", None),
    # A deadline of the sender's own beside it still counts.
    ("en", "Your website says the deadline is 30 November; could you confirm my accreditation by Thursday?", "2026-11-19"),
    ("fr", "Merci de me répondre avant le 4 décembre, date limite de notre bouclage.", "2026-12-04"),
    # A "but" after both the date and "no rush" is about something else; one before the date takes it back.
    ("en", "No rush on your side - I have a registration deadline on 20 November, but the thesis is due in spring.", None),
    ("en", "No rush at all, but a reply by 20 November would help.", "2026-11-20"),
    # "Within a day, … had published": how fast something happened.
    ("en", "Within a day, two newspapers had printed the wrong figure.", None),
    ("en", "Within a day, please, if you can: our editor wants it.", "2026-11-17"),
    # Arabic "اليوم" in a clause of when or why something happened ("عندما", "فقد").
    ("ar", "اتصلت عدة مرات، وعندما رد الموظف اليوم أغلق الخط في وجهي.", None),
    ("ar", "أرجو إزالة اسمي من القائمة، فقد وصلتني النشرة نفسها أربع مرات اليوم.", None),
    ("ar", "أرجو الرد اليوم، فالحلقة تسجل مساء.", "2026-11-16"),
    # Someone else's journey tomorrow is what the sender asks about, not by when.
    ("en", "Can you confirm the Secretary-General is travelling to Dakar tomorrow?", None),
    ("en", "Can you confirm by tomorrow whether the Secretary-General is travelling to Dakar?", "2026-11-17"),
    # The sender's own "avant le 20" after the office's published cut-off stays theirs.
    ("fr", "La date limite indiquée sur votre site est le 30 novembre, mais pourriez-vous confirmer avant le 25 novembre ?", "2026-11-25"),
    # The office's own promise, chased; an embargo the sender says they will keep.
    ("en", "You said you'd be able to send the transcript by Thursday; that still works for us.", None),
    ("en", "You said you'd reply by Thursday, but please answer by Wednesday instead.", "2026-11-18"),
    ("fr", "Vous m'aviez promis les photos pour jeudi ; je me permets de vous relancer.", None),
    ("ar", "كما وعدتم بإرسال الصور يوم الخميس، ننتظرها.", None),
    ("en", "The release is not for publication before 06:00 on Thursday 19 November. We will of course respect the embargo.", None),
    ("en", "The release is embargoed until Thursday 19 November; we need your comment before then.", "2026-11-19"),
    ("ar", "وصلتنا نسخة من التقرير مع حظر النشر حتى صباح الخميس 19 نوفمبر، وسنلتزم بذلك.", None),
    # "Please don't feel rushed: whenever convenient works for us."
    ("en", "Please don't feel rushed: anything by the end of November is fine, whenever convenient.", None),
    ("en", "Whenever convenient, but before the end of November please.", "2026-11-30"),
    # A registration's own cut-off needs no "your website" to be the office's; the sender's "before then" or "avant
    # la clôture des inscriptions" makes it theirs.
    ("en", "I know the registration deadline is 21 November; I only want to check that my application is in.", None),
    ("en", "Media registration closes on 24 November. Could you let me know before then whether I am accredited?", "2026-11-24"),
    ("fr", "Pourriez-vous me confirmer, avant la clôture des inscriptions le mardi 24 novembre, si je suis accrédité ?", "2026-11-24"),
    # "had to leave before … on the 21st" told of the past; "for planning purposes" tells, unless a request follows.
    ("en", "Our crew had to leave before the demonstration on the 21st. Could you share the footage?", None),
    ("en", "For planning purposes, our January issue goes to press on 20 December.", None),
    ("fr", "Pour votre information, mon vol doit être réservé : merci de me confirmer au plus tard le 25 novembre.", "2026-11-25"),
    # Someone else's cut-off, reported in the present tense ("الإعلان يذكر أن آخر موعد للتسجيل").
    ("ar", "الإعلان يذكر أن آخر موعد للتسجيل 26 نوفمبر، فأرجو تأكيد تسجيلي.", None),
]


# Stop 41 (set FP): "المقبل" (next) ends in "قبل" (before) and is no cue; a stay "until" a date is not by when;
# an evening print run is what the answer must come before.
STOP41_CLASSES = [
    ("ar", "يرغب قسم الأخبار في تسجيل مندوبه لحضور اليوم الإعلامي المفتوح في مقر التحالف يوم الخميس المقبل 26 نوفمبر.", None),
    ("ar", "نود المشاركة في الندوة يوم الأحد المقبل 22 نوفمبر، ونرجو تزويدنا بالبرنامج.", None),
    ("ar", "نرجو تأكيد حضورنا قبل يوم الخميس المقبل 19 نوفمبر.", "2026-11-19"),
    ("ar", "نرجو الرد وقبل الخميس 19 نوفمبر إن أمكن.", "2026-11-19"),
    ("fr", "Je suis actuellement en stage à Riyad jusqu'au 30 novembre et je serais très heureuse de couvrir l'atelier "
           "« Jeunesse, prévention et médias » des 24 et 25 novembre, qui concerne directement nos lecteurs.", None),
    ("en", "I'm currently on an internship in Riyadh until 30 November and would be very happy to cover the “Youth and "
           "Media” workshop on 24 and 25 November, which concerns our readers directly.", None),
    ("fr", "Pourriez-vous me répondre jusqu'au 20 novembre ?", "2026-11-20"),
    # The thing to answer before, then the part of its day ("قبل موعد الطباعة مساء الخميس").
    ("ar", "ونحتاج الإجابات قبل موعد الطباعة مساء الخميس 19 نوفمبر.", "2026-11-19"),
    # An abbreviated weekday after "by" or "avant" (sets FP, FW): "Please confirm by Wed", "avant jeu. 14 h".
    ("en", "Please confirm by Wed - need it before I pay for the hotel.", "2026-11-18"),
    ("en", "Could you reply by Thu? Our editor needs it.", "2026-11-19"),
    ("fr", "Merci de répondre avant mon retour de mission, si possible.", None),
    ("fr", "Pourriez-vous me répondre avant jeu. 14 h ? Notre page part ensuite.", "2026-11-19"),
    ("fr", "Merci de répondre d'ici ven. midi.", "2026-11-20"),
    # "avant cette heure-là" points back to the hour named before it, as "before then" does.
    ("fr", "Le ministère transmet la liste définitive des voyageurs vendredi 20 novembre à 16 h (heure de Djibouti). Nous "
           "aurions donc besoin de votre confirmation avant cette heure-là.", "2026-11-20"),
    # Turkish puts "within" after its count (set FS): in a request it is a deadline, in a threat it is not.
    ("tr", "Vize işlemlerimiz için akreditasyonlarımızın 48 saat içinde onaylanmasını rica ederiz.", "2026-11-18"),
    ("tr", "Lütfen yanıtlarınızı 3 gün içinde iletin.", "2026-11-19"),
    ("tr", "Posta kutunuz 24 saat içinde askıya alınacak.", None),
]


STOP42_CLASSES = [
    # A span's start before "bis"/"hasta" is no by-when (German and Spanish go to dateparser).
    ("de", "Wir würden uns freuen, wenn Sie am Freitag, 4. Dezember, von 10:00 bis 11:30 Uhr an unserem Podium teilnehmen.", None),
    ("es", "Estaré en Riad del 3 de diciembre hasta el 6, si les parece bien.", None),
    ("de", "Bitte antworten Sie uns bis Donnerstag, 3. Dezember.", "2026-12-03"),
    # A card's validity, however the language puts it.
    ("es", "Soy corresponsal y tengo carné de prensa vigente hasta diciembre de 2027. ¿Qué documentos necesitan?", None),
    ("ur", "میرا پریس کارڈ 30 جون 2027 تک کارآمد ہے۔ کیا کیمرے کے لیے الگ اجازت درکار ہے؟", None),
    ("tr", "Basın kartım 31 Aralık 2026'ya kadar geçerli. Akreditasyon için hangi belgeler gerekiyor?", None),
    # A date after "تک" belongs to the next sentence; the hour of the day between a date and its "تک".
    ("ur", "میرا پریس کارڈ 30 جون 2027 تک کارآمد ہے۔ میں 5 دسمبر کو ریاض پہنچوں گا۔", None),
    ("ur", "اگر آپ جمعرات 3 دسمبر کو پاکستانی وقت کے مطابق شام 5 بجے تک جواب دے سکیں تو مہربانی ہوگی۔", "2026-12-03"),
    # "تا" inside a word ("پاکستانی") is no cue.
    ("ur", "ہمارا پروگرام جمعہ 4 دسمبر کو پاکستانی ناظرین کے لیے نشر ہوگا۔", None),
]


STOP43_CLASSES = [
    # A weekday after its cue carries no digit (sets GK, GM): dateparser reads it too.
    ("es", "Necesitaríamos la información antes del jueves (hora de Madrid), que es cuando cerramos la pieza.", "2026-11-19"),
    ("de", "Wir bräuchten Ihre Antwort bis Donnerstag, damit der Beitrag erscheinen kann.", "2026-11-19"),
    ("it", "Avremmo bisogno della risposta entro giovedì a mezzogiorno.", "2026-11-19"),
    ("pt", "Precisaríamos da resposta até ao meio-dia de quinta-feira.", "2026-11-19"),
    ("tr", "Cevabınızı perşembe öğlene kadar rica ederiz.", "2026-11-19"),
    ("id", "Mohon jawaban paling lambat Kamis siang.", "2026-11-19"),
    # A farewell is no by-when; nor is a weekday far from its cue.
    ("de", "Vielen Dank für Ihre Hilfe. Bis morgen!", None),
    ("es", "Gracias por todo. ¡Hasta mañana!", None),
    ("es", "El programa se emite el jueves por la noche y estará disponible hasta el final de la temporada.", None),
    # Today, tonight, tomorrow, the day after, the month's end and "within N hours" beside a cue (sets BQ, BY, CI, CU,
    # GM): words dateparser does not give as dates.
    ("pt", "Agradecia, por isso, uma resposta até às 18h de hoje (hora de Lisboa).", "2026-11-16"),
    ("ur", "اگر کل دوپہر 2 بجے تک جواب مل جائے تو بہت مہربانی ہو گی۔", "2026-11-17"),
    ("ur", "براہ کرم آج رات 10 بجے تک جواب دیں۔", "2026-11-16"),
    ("fa", "لطفا تا امشب پاسخ دهید.", "2026-11-16"),
    ("it", "Vi chiediamo una risposta entro dopodomani.", "2026-11-18"),
    ("it", "Avremmo bisogno di una risposta entro fine mese.", "2026-11-30"),
    ("es", "Les solicitamos que, en un plazo de 48 horas desde el envío de este correo, retiren la imagen.", "2026-11-18"),
    ("sw", "Tafadhali jibu ndani ya saa 24.", "2026-11-17"),
    # Not beside a cue, or Urdu "کل" (also yesterday) without its "تک".
    ("ur", "کل ہماری ٹیم نے آپ کی پریس کانفرنس کی خبر نشر کی۔ کیا ترجمان سے انٹرویو ممکن ہے؟", None),
    ("it", "Domani pubblichiamo l'articolo. Grazie per la collaborazione.", None),
    # An Urdu span ("پیر سے بدھ تک", "20 نومبر سے 25 نومبر تک") is when, not by when (set GL); "آپ سے بدھ تک" is by when.
    ("ur", "اگلے ہفتے پیر سے بدھ تک کسی بھی دن، پاکستانی وقت کے مطابق دوپہر 2 بجے کے بعد ہمارے لیے موزوں ہے۔", None),
    ("ur", "ہم 20 نومبر سے 25 نومبر تک ریاض میں ہوں گے۔", None),
    ("ur", "ہم آپ سے بدھ تک جواب کی توقع رکھتے ہیں۔", "2026-11-18"),
    # A duration asked for, in hours (Malay "dalam tempoh 48 jam"); one that tells how fast something went is none.
    ("ms", "Saya memohon agar gambar tersebut diturunkan dalam tempoh 48 jam dari e-mel ini.", "2026-11-18"),
    ("de", "Das Video wurde innerhalb von 24 Stunden zwei Millionen Mal angesehen.", None),
    ("pt", "Precisamos da resposta até amanhã às 9h.", "2026-11-17"),
    ("pt", "A reportagem foi gravada às 9h da manhã.", None),
    # A by-when taken back (set GL): the one that stands is read.
    ("en", "The studio has moved our recording to Thursday 24 June, so there's no longer any need to confirm by tomorrow. "
           "If you could let me know by Thursday 19 November whether the spokesperson is available, that would be perfect.",
     "2026-11-19"),
    ("fr", "Il n'y a plus besoin de confirmer avant demain : le tournage est reporté à une date ultérieure.", None),
    # Until today is so far.
    ("es", "Hasta hoy no hemos recibido respuesta a nuestra solicitud. ¿Podrían confirmarnos si la recibieron?", None),
    ("pt", "Até hoje não recebemos qualquer resposta. Podem confirmar se o pedido chegou?", None),
]

STOP44_CLASSES = [
    # What went live or was said today or tonight happened (set GS); a reply asked for tonight is by when.
    ("en", "Our episode on terrorist financing went live today, and listeners wrote in. Would someone join us?", None),
    ("ar", "تسجل رابطة الصحفيين اعتراضها على ما قاله متحدثكم الليلة على الهواء مباشرة في برنامج «حديث الخليج».", None),
    ("ar", "نرجو الرد الليلة قبل البث على الهواء مباشرة.", "2026-11-16"),
    # Quebec French "date de tombée": a deadline (set GT).
    ("fr", "Notre date de tombée est le vendredi 20 novembre.", "2026-11-20"),
    # A clock between the weekday and its cue is that day's hour (set GR); a clock in another clause is not.
    ("tr", "Haberi cuma günü saat 12:00'ye kadar teslim etmem gerekiyor; o saate kadar bir yanıt rica ederim.", "2026-11-20"),
    ("tr", "Haberimiz yarın yayınlanacak, bu akşam saat 20:00'ye kadar gönderebilirseniz çok seviniriz.", "2026-11-16"),
]

STOP45_CLASSES = [
    # A clause that opens with this morning and goes on to what someone did tells when it happened (set GX).
    ("en", "This morning your official account shared a post claiming we invented the quote, and we need a correction.", None),
    ("fr", "Ce matin, votre porte-parole a déclaré que notre journal avait inventé l'information. Merci de rectifier au "
           "plus vite.", None),
    ("en", "Could you send the figures this morning? Our bulletin closes at noon.", "2026-11-16"),
    # Text-speak: "tmrw", "2moro", "b4" (sets GW, GX).
    ("en", "Doing a calendar piece, need it by tmrw if poss. Thx", "2026-11-17"),
    ("en", "can u send the pics b4 Thursday pls", "2026-11-19"),
    # A stay until a date is no by-when, nor is the evening one arrives (set GY); a reply asked until a date is.
    ("tr", "Bu akşam Riyad'a varıyorum ve 20 Kasım'a kadar şehirde olacağım. Toplantı saat kaçta başlıyor?", None),
    ("tr", "Lütfen 20 Kasım'a kadar yanıt verin.", "2026-11-20"),
    # A clock written "saat 10'a" between tomorrow and "kadar" is that day's hour (set GY).
    ("tr", "Haberimizi yarın sabah yayımlayacağız; cevabınızı yarın sabah saat 10'a kadar alabilirsem sevinirim.", "2026-11-17"),
    # "We're moving the story at 1800 GST today": a wire's by-when, its hour in a Gulf zone (set GY).
    ("en", "Can you confirm or deny the report? We're moving the story at 1800 GST today, with or without comment.",
     "2026-11-16"),
    # A formal notice's "أمهلكم 48 ساعة" (I give you 48 hours); "je boucle jeudi", "on boucle ce soir"; Spanish "mi plazo
    # es el jueves" (sets GW, HD).
    ("ar", "أطالب بحذف التغريدة ونشر توضيح. أمهلكم 48 ساعة من تاريخ هذه الرسالة، وبعدها سأتقدم بشكوى رسمية.", "2026-11-18"),
    ("fr", "Pouvez-vous me confirmer si la Coalition a reçu ce courrier ? Je boucle jeudi à midi.", "2026-11-19"),
    ("fr", "besoin d'une reaction du porte parole sur l'attaque d'hier, on boucle ce soir stp", "2026-11-16"),
    ("es", "¿Podrían indicarme cuál es la cifra correcta? Mi plazo es el jueves a las 14:00.", "2026-11-19"),
]

STOP46_CLASSES = [
    # Malay's "selewat-lewatnya" (at the latest) before its date, and a formal letter's line wrapped between them.
    ("ms", "Kami mohon maklum balas selewat-lewatnya esok kerana kertas kerja perlu dihantar.", "2026-11-17"),
    ("ms", "Sukacita sekiranya pihak tuan/puan dapat memberikan maklum balas selewat-lewatnya\npada 20 November 2026. "
           "Untuk makluman, pejabat kami akan ditutup pada 18 November.", "2026-11-20"),
    ("ms", "Forum ini akan diadakan pada 15 Disember 2026 di Kuala Lumpur.\nSekian, terima kasih.", None),
    # A night desk's "Going to print at 11pm tonight" and a picture editor who "closes the page at 17:00 CET" say
    # by when (sets DX, T); a paper that is not going to print yet does not.
    ("en", "Is \"IMCTC headquarters\" the right caption for the cover photo? Going to print at 11pm tonight.", "2026-11-16"),
    ("en", "Could you send hi-res photos of this morning's signing? Our picture editor closes the page at 17:00 CET.",
     "2026-11-16"),
    ("en", "We are not going to print until the spring, so there is no rush at all.", None),
    # An Urdu stay from the first of the month to a date is no by-when (set HG).
    ("ur", "ہماری ٹیم یکم سے 4 دسمبر تک ریاض میں ہو گی، اس لیے ملاقات انہی دنوں میں ہو سکتی ہے۔", None),
    ("ur", "براہ کرم 4 دسمبر تک جواب دیں۔", "2026-12-04"),
    # A weekday before a Hijri date is that date's weekday, not a Gregorian day of its own (set HI).
    ("ar", "نأمل إفادتنا باسم المتحدث في موعد أقصاه يوم الخميس 9 جمادى الآخرة 1448هـ لإدراجه في البرنامج.", "2026-11-19"),
    # "saat 14.00'e kadar": a Turkish hour written with a dot (set HI).
    ("tr", "Dosyamızı yarın saat 14.00'e kadar kapatmamız gerekiyor, bu saate kadar dönebilir misiniz?", "2026-11-17"),
    # The day after tomorrow in Persian with its zero-width joiner, in Swahili ("kesho kutwa"); Spanish "como tarde".
    ("fa", "لطفاً حداکثر تا پس‌فردا پاسخ دهید؛ گزارش پنجشنبه منتشر می‌شود.", "2026-11-18"),
    ("sw", "Tafadhali nijibu ifikapo kesho kutwa, kwa sababu makala itachapishwa Ijumaa.", "2026-11-18"),
    ("sw", "Tafadhali nijibu ifikapo kesho.", "2026-11-17"),
    ("es", "¿Podrían decirme, como tarde el jueves 19, con quién debo coordinar la entrevista?", "2026-11-19"),
    # "cob" is close of business only as a word of its own: not in Portuguese "cobrir", "cobertura" (set HI).
    ("pt", "Os nossos jornalistas nem sempre têm preparação para cobrir o conflito; propomos uma parceria.", None),
    ("en", "Could you send the figures by COB?", "2026-11-16"),
    # "Please fix it today": a correction asked for today is due today, as "correct it today" was.
    ("en", "It was in Kano, not Kaduna. Please fix it today, people are quoting it.", "2026-11-16"),
    # "Mon papier part ce soir" (my piece goes out tonight) says by when; "mon article paraît samedi", when it appears,
    # does not, as the authors of sets BE and GK label it (set HN).
    ("fr", "Pouvez-vous me confirmer que ces propos sont exacts ? Mon papier part ce soir.", "2026-11-16"),
    ("fr", "Notre article paraît samedi. Merci encore pour les photos.", None),
    # A day of the month alone before what it allows ("d'ici le 25 me permettrait", set GB).
    ("fr", "Une réponse d'ici le 25 me permettrait de finaliser mon texte.", "2026-11-25"),
    # "Within the coming hours", and a phrase followed by the Arabic comma (set GS).
    ("ar", "نرجو تأكيد صحة الوثيقة أو نفيها خلال الساعات القادمة، فالمادة تنتشر بسرعة.", "2026-11-16"),
    ("en", "Can you confirm or deny within the next few hours? The claim is spreading.", "2026-11-16"),
    # Egyptian "يوم الأربع" (Wednesday; "الأربع" alone is "the four"), Gulf "ودي أعرف قبل الويكند" (set HQ).
    ("ar", "يا ريت توصلنا الصور لحد يوم الأربع بالكتير عشان نلحق نجهز الصفحات.", "2026-11-18"),
    ("ar", "عندنا أربع أسئلة، والأربع مهمين للتقرير.", None),
    ("ar", "ودي أعرف قبل الويكند إذا فيه إمكانية، عشان أرتب الاستوديو.", "2026-11-19"),
    # The words dateparser does not give as dates end at the Arabic comma too ("تا پس‌فردا،", "تا امشب،").
    ("fa", "لطفاً حداکثر تا پس‌فردا، پاسخ دهید.", "2026-11-18"),
    ("fa", "لطفا تا امشب، پاسخ دهید", "2026-11-16"),
]


STOP47_CLASSES = [
    # "d'ici 18h", "d'ici 23h ce soir" are by six and eleven in the evening, not 18 and 23 hours from now (sets DJ, HV and
    # three unseen letters, all read as hours before); "d'ici 48h", "d'ici 3h" stay hours from now.
    ("fr", "Une réponse d'ici 18h nous permettrait d'intégrer votre position.", "2026-11-16"),
    ("fr", "Nous publions demain à 7h ; une réponse d'ici 23h ce soir serait idéale.", "2026-11-16"),
    ("fr", "Merci de nous répondre d'ici 48h.", "2026-11-18"),
    # Turkish case endings on a weekday ("salıya kadar"), not the words that start with one: Spanish "salir", the name
    # "Salim" (set ID: "antes de salir" had made Tuesday the deadline).
    ("es", "¿Podría confirmarme antes del 4 de diciembre si sería posible? Necesito cerrar la agenda antes de salir.",
     "2026-12-04"),
    ("en", "My colleague Salim would need your answer by Friday.", "2026-11-20"),
    ("tr", "Cevabınızı salıya kadar bekliyoruz.", "2026-11-17"),
]


STOP48_CLASSES = [
    # A newsroom's own hour after "my" ("before my 4pm edit", set IN) is the deadline, as after "our".
    ("en", "Any chance of a 2-min soundbite from the spokesman? Need it before my 4pm edit.", "2026-11-16"),
    # "End of play" is the working day's close, as "close of play" (set IN).
    ("en", "Grateful for comment by end of play today - the story moves on the wire this evening.", "2026-11-16"),
    ("en", "Any chance of a comment by end of play Thursday?", "2026-11-19"),
    # A full month's name ends its sentence at the full stop: "28 December. By Friday" is two dates, and Friday is the
    # deadline (set IN read the air date); an abbreviated month keeps its dot ("4 déc.").
    ("en", "We will use two clips in a review programme that airs on 28 December.\nBy Friday if possible.", "2026-11-20"),
    ("en", "The programme airs on 28 December. By Friday, please.", "2026-11-20"),
    ("fr", "Merci de nous répondre avant le 4 déc. si possible.", "2026-12-04"),
    # Arabic by-whens of set IV: a day of "the month" ("بحلول 30 الشهر"), a bare day before "عشان" (so that), the
    # evening bulletin's hour after "على", a Hijri date in figures, and "نأمل" (we hope) asking for it within 48 hours.
    ("ar", "أحتاج الإجابات بحلول 30 الشهر إذا أمكن، لأن الورقة ستُرسل للتحكيم بعدها.", "2026-11-30"),
    ("ar", "فياريت توصلنا المواد في موعد أقصاه يوم ٢٠ عشان نلحق المونتاج.", "2026-11-20"),
    ("ar", "المرجو إفادتنا قبل موعد النشرة المسائية على الساعة السادسة مساء.", "2026-11-16"),
    ("ar", "على أن يتم تزويدنا بها في موعد أقصاه 27/6/1448هـ ليتسنى إدراجها ضمن العدد.", "2026-12-07"),
    ("ar", "ونأمل أن يتم ذلك خلال 48 ساعة من تاريخه.", "2026-11-18"),
    # ... and not a day of last month, nor a day that is an event's.
    ("ar", "حضرنا الورشة في 10 الشهر الماضي، ونرجو تزويدنا بالصور.", None),
]

STOP49_CLASSES = [
    # The office's registration cut-off that the sender acts on, not asks by (sets EB, GY, ID, IV): "so I am sending my
    # request now", "je vous adresse", "so I wanted to get in before then", "I will complete it before the deadline".
    ("ar", "أرفقت صورة البطاقة الصحفية، وسأستكمل التسجيل في البوابة الإلكترونية قبل آخر موعد للتسجيل حسب إعلانكم (٢٠ نوفمبر).", None),
    ("en", "I see on your site that the accreditation window runs until Wednesday, so I wanted to get in before then.", None),
    ("ar", "علمت من الاعلان المنشور على موقعكم ان اخر موعد للتسجيل هو 18 نوفمبر، لذا ارسل طلبي الان مع بياناتي.", None),
    ("fr", "Conformément à la date limite d'inscription fixée par vos services au 18 novembre, je vous adresse ma demande "
     "d'accréditation.", None),
    # ... while one they ask an answer before stays theirs.
    ("en", "Registration closes on 18 November, so I am sending my details now. Could you confirm my badge before then?", "2026-11-18"),
    ("ar", "آخر موعد للتسجيل حسب الإعلان هو 18 نوفمبر، فنرجو التأكيد قبل ذلك.", "2026-11-18"),
    # A newsroom publishing "within the hour" needs the answer today (set JD), as "within the next hour" did.
    ("en", "Can you confirm whether the exercise was run under the IMCTC framework? We're updating the story within the "
     "hour, so a quick reply would be much appreciated.", "2026-11-16"),
    ("fr", "Nous publions dans l'heure : pouvez-vous nous envoyer une réaction ?", "2026-11-16"),
    ("en", "The video was shared 5,000 times within the hour.", None),
    # When the talk itself would be, not a reply-by (sets IT, JF): "some time in the next couple of weeks".
    ("en", "I'd welcome the chance to talk with your spokesperson for 20-30 minutes some time in the next couple of weeks.", None),
    ("en", "Would you be open to a 30-minute intro call in the next couple of weeks?", None),
    ("en", "Could you reply in the next two weeks?", "2026-11-30"),
    # An embargo's date in the languages dateparser reads (set JF): when the report may be published.
    ("es", "Hemos recibido, bajo embargo hasta el 9 de diciembre, un informe de un centro de estudios europeo. ¿Podrían "
     "darnos una valoración?", None),
    ("es", "Necesitamos su respuesta hasta el 9 de diciembre.", "2026-12-09"),
]


STOP50_CLASSES = [
    # A weekday restated as its date with "الموافق" (corresponding to), the Arabic letter's formal way (set JT): the date.
    ("ar", "نرجو أن يصلنا ردكم في موعد أقصاه يوم الخميس الموافق 26 نوفمبر 2026.", "2026-11-26"),
    ("ar", "أحتاج الرد قبل يوم الأحد الموافق ٢٩ نوفمبر.", "2026-11-29"),
    ("ar", "سيعقد المؤتمر يوم الخميس الموافق 26 نوفمبر، ونرجو تزويدنا بالصور.", None),
    # "By the end of working hours on Thursday 26 November" in Turkish (set JU): "mesai bitimine kadar".
    ("tr", "26 Kasım Perşembe günü mesai bitimine kadar yanıt verebilirseniz çok memnun oluruz.", "2026-11-26"),
    ("tr", "Cuma günü mesai bitimine kadar dönüş yapabilir misiniz?", "2026-11-20"),
    # A release's embargo named after its hour in German, "bis 10:00 Uhr unter Sperrfrist" (set JU): when it could be
    # published, not a reply-by; a plain "bis 10:00 Uhr morgen" still is one.
    ("de", "Ihre Pressemitteilung vom 9. November (die laut Verteiler bis 10:00 Uhr MESZ unter Sperrfrist stand) erwähnt "
     "neue Ausbildungsprogramme. Dazu hätte ich einige Fragen:", None),
    ("de", "Bitte antworten Sie bis 10:00 Uhr morgen.", "2026-11-17"),
    # A day that opens its sentence as the one wished for (sets HN, IK): "Tomorrow would be great, as the piece runs at the
    # weekend" — not a slot accepted ("Thursday would be perfect for me") nor a wish about an event.
    ("en", "Could we get the map in high resolution? Tomorrow would be great, as the piece runs at the weekend.", "2026-11-17"),
    ("en", "We only need the existing recording. Monday would be great if possible.", "2026-11-23"),
    ("en", "Thank you for proposing a call. Thursday would be perfect for me: shall we say 10am?", None),
    ("en", "The first meeting on Friday would be great to attend.", None),
    # "The 25th of this month", "يوم ٢٥ من هذا الشهر" (set KF).
    ("ar", "نرجو تزويدنا بتأكيد الاعتماد في موعد أقصاه يوم ٢٥ من هذا الشهر.", "2026-11-25"),
    ("en", "Could you confirm my badge by the 25th of this month?", "2026-11-25"),
    ("en", "The forum opens on the 25th of this month.", None),
    # A colloquial reply verb addressed to the office before the day (set KF): "لو ينفع تردوا عليا آخر الأسبوع".
    ("ar", "لو ينفع تردوا عليا آخر الأسبوع عشان نلحق نرتب الملف.", "2026-11-19"),
    # Maghrebi "نهار" for "يوم" after an event the answer must precede (set KF).
    ("ar", "لازم يوصلونا قبل ما نطبعو العدد نهار الأحد.", "2026-11-22"),
    # "خلال ساعات الدوام" is during office hours, not within hours (set KB).
    ("ar", "حاولت الاتصال بكم يوم الأحد 15 نوفمبر خلال ساعات الدوام المعلنة ولم يرد أحد.", None),
    ("ar", "نرجو الرد خلال 3 ساعات.", "2026-11-16"),
    # "A few weeks before that" is no "before then" (set KB).
    ("en", "The film airs on 3 December. Our edit lock is a few weeks before that, so there is no immediate rush.", None),
    ("en", "The film airs on 3 December, so we need the footage before then.", "2026-12-03"),
    # The end of this week in German, Spanish and Indonesian (set KC).
    ("de", "Ich bitte Sie, den Eintrag bis Ende dieser Woche (Freitag) zu berichtigen.", "2026-11-20"),
    ("es", "Por favor, respondan antes del final de esta semana.", "2026-11-20"),
    ("id", "Mohon balas paling lambat akhir minggu ini.", "2026-11-20"),
    ("de", "Die Konferenz findet am Ende der Woche statt.", None),
    # A need, then the day, in Arabic (set KF): "أحتاج المعلومات يوم الأربعاء إن أمكن" (every such letter in the sets gives it).
    ("ar", "أحتاج المعلومات يوم الأربعاء إن أمكن.", "2026-11-18"),
    ("ar", "سأكون في الرياض يوم الأربعاء وأحتاج موعدا.", None),
]


STOP51_CLASSES = [
    # A payment term on a supplier's invoice (sets DQ, DR, GL, KC, KJ): when a bill is paid, not a reply-by, in every
    # language it is written in; a reply-by that mentions a payment still counts.
    ("en", "Attached is my invoice for the filming day. Payment within 14 days to the account below, thanks!", None),
    ("en", "Kindly settle the invoice within 14 days.", None),
    ("de", "Zahlbar innerhalb von 30 Tagen nach Rechnungsdatum ohne Abzug.", None),
    ("de", "Bitte überweisen Sie den Betrag innerhalb von 10 Tagen unter Angabe der Rechnungsnummer.", None),
    ("fr", "Merci de régler la facture sous 30 jours par virement.", None),
    ("es", "Rogamos abonen el importe pendiente en un plazo de 15 días.", None),
    ("ar", "يرجى سداد المبلغ خلال 14 يوماً من تاريخ الفاتورة.", None),
    ("ar", "عايزين مني ادفع ٧٥٠ جنيه رسوم تحويل قبل يوم السبت.", None),
    ("ar", "هل دفع التحالف أي رسوم؟ نرجو الرد قبل يوم الخميس.", "2026-11-19"),
    ("en", "Please send the photos by Friday so that we can process your payment.", "2026-11-20"),
    ("en", "Kindly transfer the footage within 48 hours.", "2026-11-18"),
    # A date that was replaced, after a cue (set KI): "the print deadline - not 30 November as his email says" is not the
    # by-when; the date that replaces it is. "Not later than" is still one.
    ("en", "We need the files by 11 December to make the print deadline - not 30 November as Daniel's email says.", "2026-12-11"),
    ("en", "The deadline is now Friday rather than Wednesday.", "2026-11-20"),
    ("fr", "Le bouclage est avancé : il me faut votre réponse jeudi et non plus vendredi.", "2026-11-19"),
    ("en", "Could you reply not later than Friday?", "2026-11-20"),
    # How long the sender can wait is by when they need it (sets KI, KP): "I can wait until Monday", "je peux donc attendre
    # jusqu'à mardi", "puedo esperar hasta el jueves"; waiting for something else is not.
    ("en", "I want to be precise in the piece. I can wait until Monday.", "2026-11-23"),
    ("fr", "Mon article a été décalé : je peux donc attendre jusqu'à mardi en fin de journée.", "2026-11-17"),
    ("es", "Mi editor movió la nota, así que puedo esperar hasta el jueves.", "2026-11-19"),
    ("en", "We will wait until the launch before we decide on the feature.", None),
    # The end of next week in German, Spanish and Italian, and "entro fine novembre" (set KP).
    ("de", "Könnten Sie mir bis Ende nächster Woche Bescheid geben, ob das möglich ist?", "2026-11-27"),
    ("es", "¿Podrían responderme antes del final de la próxima semana?", "2026-11-27"),
    ("it", "Gradiremmo un riscontro entro fine novembre, per poter pubblicare il programma.", "2026-11-30"),
    ("it", "Una bella giornata di fine novembre a Roma.", None),
    # A day word, then a cue before a clock: "mañana antes de las 10 de la mañana", "hoy mismo, antes de las 9 p. m."
    # (sets GM, KI, KP): that day is the by-when; a day with no cue after it is not.
    ("es", "Mi editor necesita el texto mañana antes de las 10 de la mañana (hora de Bogotá).", "2026-11-17"),
    ("es", "Necesito que me confirmen\nhoy mismo, antes de las 9 p. m. de aquí, el nombre del entrevistado.", "2026-11-16"),
    ("es", "Les propongo mañana a las 7:10, unos seis minutos al aire.", None),
]

STOP52_CLASSES = [
    # French asks the rules did not read as asks (sets KV, AK): "votre réaction", a document to "transmettre" or "faire
    # parvenir", "serait-il possible de …" — a day beside them is the by-when ...
    ("fr", "Nous souhaiterions votre réaction dans la journée pour notre dépêche.", "2026-11-16"),
    ("fr", "Pourriez-vous me la faire parvenir pour le jeudi 19 novembre ?", "2026-11-19"),
    ("fr", "Merci de nous transmettre les chiffres pour jeudi.", "2026-11-19"),
    # ... and "dans la journée de demain" is tomorrow itself, not "le journal de demain" (tomorrow's).
    ("fr", "Serait-il possible de l'enregistrer dans la journée de demain, à l'heure qui vous conviendra ?", "2026-11-17"),
    ("fr", "Le journal de demain consacrera un dossier à la coalition ; pourriez-vous nous transmettre une photo ?", None),
    ("fr", "Je vous transmets ci-joint le programme du forum de jeudi.", None),
    # A meeting "annoncée à Riyad pour le 30 novembre" is set for that day, the place between (set KV).
    ("fr", "Pouvez-vous nous confirmer la tenue de la réunion des chefs d'état-major, annoncée à Riyad pour le 30 novembre ?",
     None),
    # "Friday would be my deadline" names the sender's own by-when, as "our deadline" does (set LC).
    ("en", "Would it be possible to get the full transcript? Friday would be my deadline, if that works.", "2026-11-20"),
    # What an agency "reported today" ("نقلت وكالة … اليوم") happened today; "قبل منتصف نهار الغد" is tomorrow noon (set KU).
    ("ar", "نقلت وكالة أجنبية اليوم عن مصدر قوله إن الدعم سيزيد.", None),
    ("ar", "نقلت وكالة أجنبية اليوم عن مصدر قوله إن الدعم سيزيد. هل يمكن تأكيد ذلك؟ أرجو الرد قبل منتصف نهار الغد.",
     "2026-11-17"),
]

STOP53_CLASSES = [
    # The end of a Hijri month, "نهاية شهر ربيع الآخر 1448هـ", is its last day by the Umm al-Qura tables (set LH) ...
    ("ar", "نأمل تأكيد المشاركة في موعد أقصاه نهاية شهر جمادى الآخرة 1448هـ.", "2026-12-09"),
    ("ar", "نرجو الرد قبل نهاية شهر رجب.", "2027-01-08"),
    # ... and a month's end that is past, or that dates what happened, is no by-when.
    ("ar", "التقينا بكم في آخر رمضان وكان لقاء مثمرا.", None),
    # A day 0, in words or figures, is no date — not the month's end.
    ("ar", "نرجو الرد قبل 0 رمضان 1448هـ", None),
    ("ar", "نرجو الرد قبل 0/9/1448هـ", None),
]
STOP54_CLASSES = [
    # A correspondent's filing or closing time without a day is today's (sets LS, LO, LV: "Filing at 4pm GMT.", "Je boucle
    # à 16h.", "Nous bouclons vers 21 h.") ...
    ("en", "Can you give me a line on the Niamey workshop? Filing at 4pm GMT.", "2026-11-16"),
    ("en", "Is the figure right? I'm filing at 1500 GMT, thanks.", "2026-11-16"),
    ("fr", "Pouvez-vous confirmer ce chiffre ? Je boucle à 16h.", "2026-11-16"),
    ("fr", "Une réponse en une ligne suffira. Nous bouclons vers 21 h.", "2026-11-16"),
    # "Before it starts at 11:00", "before the start at 11:00 on Wednesday", "before tomorrow's sessions begin at 10:00":
    # the event's start is the by-when (sets FB, FO, LW); an event's opening day without "before" is not.
    ("en", "I'd need the link before it starts at 11:00 Riyadh time.", "2026-11-16"),
    ("en", "Could you send me the link before the start at 11:00 Riyadh time on Wednesday 18 November?", "2026-11-18"),
    ("en", "We ask you to correct the release before tomorrow's sessions begin at 10:00 a.m.", "2026-11-17"),
    ("en", "The forum opens on 20 November and we hope to attend.", None),
    # A magazine's layout that closes on a day is its by-when, as its pages' (set MF).
    ("en", "Could you send his official headshot? Our layout closes on Friday 20 November.", "2026-11-20"),
]

STOP55_CLASSES = [
    # An hour with a dot ("17.00", "09.00 WIB") is no day and month, in English as in Indonesian (sets ML, MN); a day and
    # month with dots ("20.11.") still is, and a span's end ("vom 30.11. bis 4.12.") is no by-when.
    ("en", "Please reply by Friday, 27 November 2026 at 17.00.", "2026-11-27"),
    ("en", "Could you confirm by 25 November 2026 at 09.30?", "2026-11-25"),
    ("en", "Please reply by 27 November 2026 at 17.00.", "2026-11-27"),
    ("id", "Mohon tanggapan sebelum pukul 17.00 WIB.", "2026-11-16"),
    ("id", "Kami membutuhkan foto-foto itu sebelum pukul\n09.00 WIB besok.", "2026-11-17"),
    ("de", "Eine Bestätigung bis zum 20.11. wäre sehr hilfreich.", "2026-11-20"),
    ("de", "Vom 30.11. bis 4.12. bin ich für eine Reportage in Riad.", None),
    # An hour after the cue belongs to the day its clause names ("mañana, martes, antes de las 18:00"; "entro stasera alle
    # 21", which dateparser read as the 21st).
    ("es", "Cerramos la pieza mañana,\nmartes, antes de las 18:00.", "2026-11-17"),
    ("it", "Avrei bisogno di una conferma entro stasera alle 21, con un numero di telefono.", "2026-11-16"),
    # A Hijri date restated in the Gregorian calendar in brackets: the brackets are read (set MN).
    ("ms", "Kami mohon jawapan sebelum 15 Jamadilawal 1448H (bersamaan 27 November 2026).", "2026-11-27"),
    # A Hijri date with its weekday: calendars can be a day apart, and the weekday said tells which one the sender used
    # (set MU: "يوم الأحد القادم 29 ربيع الآخر 1448هـ").
    ("ar", "نرجو الرد في موعد أقصاه يوم الخميس 9 جمادى الآخرة 1448هـ.", "2026-11-19"),
    ("ar", "نرجو الرد في موعد أقصاه يوم الأربعاء 9 جمادى الآخرة 1448هـ.", "2026-11-18"),
    ("ar", "نرجو الرد في موعد أقصاه يوم الجمعة 9 جمادى الآخرة 1448هـ.", "2026-11-20"),
    # Someone's words of this morning are when they were said, not a by-when (set MW); "send me the remarks this morning"
    # may still be one.
    ("en", "Please send us the full text of the Secretary-General's statement this morning on the operation. Kindly send "
     "ASAP.", None),
    ("en", "Can you send me the remarks this morning, please?", "2026-11-16"),
]

STOP56_CLASSES = [
    # A month's end in the languages read by their cues: Turkish says it after the month ("Eylül sonuna kadar", set J),
    # Russian, Indonesian and Portuguese before it ("до конца октября", set MN); a week's end too ("до конца недели",
    # "sebelum akhir pekan ini"). The end of a month a sender will be somewhere, or a weekend edition, is no by-when.
    ("tr", "Katılım durumunuzu Aralık sonuna kadar bildirmenizi rica ederiz.", "2026-12-31"),
    ("tr", "Programı kesinleştirebilmemiz için yanıtınızı Aralık ayı sonuna kadar bekliyoruz.", "2026-12-31"),
    ("tr", "Görüşme talebimize ayın sonuna kadar dönüş yapabilir misiniz?", "2026-11-30"),
    ("ru", "Так как визу нужно оформлять заранее, буду благодарен за ответ до конца ноября.", "2026-11-30"),
    ("ru", "Просим ответить до конца недели.", "2026-11-20"),
    ("id", "Mohon balas sebelum akhir November.", "2026-11-30"),
    ("id", "Mohon konfirmasi sebelum akhir pekan ini.", "2026-11-20"),
    ("pt", "Poderiam responder até o final de novembro?", "2026-11-30"),
    ("pt", "Responda até o fim do mês, por favor.", "2026-11-30"),
    ("es", "Necesitamos su respuesta antes del final de noviembre.", "2026-11-30"),
    ("tr", "Kasım sonunda İstanbul'da olacağız, uygun bir zaman var mı?", None),
    ("id", "Laporan akan terbit pada edisi akhir pekan.", None),
    # How long a price holds is no by-when (set FC: a database seller's "Скидка 50% только до конца недели!", which triage
    # read as a request for data).
    ("ru", "Скидка 50% только до конца недели! Всего 9 900 руб.", None),
    ("en", "Get 20% off every package until Friday!", None),
    ("en", "Our offer is valid until 30 November.", None),
    ("en", "This rate is valid for bookings confirmed until 30 November 2026 and is subject to availability.", None),
    ("en", "Attacks fell 30% last year - can you confirm the figure by Friday?", "2026-11-20"),
    # A zone in brackets between the hour and its cue ("5pm today (UK) is my cut-off", "saat 10:00'a (Türkiye saati)
    # kadar"; set NB's chasers), which sent the Turkish letter to dateparser and a Monday two months away.
    ("en", "I'm still hoping to include the Coalition's view; 5pm today (UK) is my cut-off.", "2026-11-16"),
    ("tr", "Haberimiz 20 Kasım Cuma günü yayımlanacak; yanıtlarınızı 19 Kasım\nPerşembe saat 10:00'a (Türkiye saati) kadar "
     "iletebilirseniz çok memnun olurum.", "2026-11-19"),
    # "We need it Thursday"; "before our report goes to layout on 20 November" (set NB).
    ("en", "Any news on the figures? We need them Thursday.", "2026-11-19"),
    ("en", "We would need the figures before our report goes to layout on 20 November.", "2026-11-20"),
    ("en", "Our report goes to layout on 20 November.", None),
    # Weekdays and cues of Azerbaijani, Uzbek, Kazakh, Somali, Hausa and Pashto (set NC): "18:00-a qədər", "cümə axşamına
    # qədər", "payshanbagacha", "жұма күнге дейін", "сәрсенбіге дейін", "Khamiista ugu dambeyn", "zuwa ranar Juma'a",
    # "تر پنجشنبې پورې"; a weekday that is only when something airs is no by-when.
    ("az", "Fotoları bu gün saat 18:00-a qədər almaq bizim üçün çox vacibdir.", "2026-11-16"),
    ("az", "Cavabınızı cümə axşamına qədər gözləyirik.", "2026-11-19"),
    ("uz", "Iltimos, javobingizni payshanbagacha yuboring.", "2026-11-19"),
    ("kk", "Материалдарды жұма күнге дейін жіберсеңіз, өте риза болар едік.", "2026-11-20"),
    ("kk", "Жауабыңызды сәрсенбіге дейін жіберсеңіз.", "2026-11-18"),
    ("so", "Fadlan noo soo jawaab Khamiista ugu dambeyn.", "2026-11-19"),
    ("ha", "Muna roƙon ku da ku gyara sunan zuwa ranar Juma'a, 20 ga Nuwamba.", "2026-11-20"),
    ("ps", "مهرباني وکړئ تر پنجشنبې پورې ځواب راکړئ.", "2026-11-19"),
    ("az", "Verilişimiz cümə günü efirə gedəcək.", None),
    ("kk", "Бағдарлама жұма күні эфирге шығады.", None),
    # An hour already past when the letter is written ("dont un ce matin à 6h52", written at ten), a week proposed for a
    # meeting ("dans la semaine du 23 novembre", "in the week of 23 November"), a cut-off the sender read on the office's
    # site ("accreditation requests should be received by 20 November"): no by-when (sets ND, NJ, NL) — but one asked of
    # the office this morning still is.
    ("fr", "Merci de me retirer de votre liste. Je l'ai déjà demandé deux fois et j'ai encore reçu trois communiqués "
     "depuis, dont un ce matin à 6h52.", None),
    ("fr", "Merci de nous répondre ce matin avant 11h.", "2026-11-16"),
    ("fr", "Serait-il possible d'organiser une première réunion en ligne, par exemple dans la semaine du 23 novembre ?",
     None),
    ("en", "Could we set up a call in the week of 23 November?", None),
    ("en", "I have seen on your website that accreditation requests should be received by 20 November - we are writing "
     "well ahead of that.", None),
    ("en", "Please confirm by 20 November whether tripod positions will be available.", "2026-11-20"),
]

STOP57_CLASSES = [
    # Chinese, Japanese and Korean dates, weekdays and days beside their cue (set NS: no date in these scripts was read):
    # "前/之前", "までに", "까지" after the day, "截止/最晚" before it, an hour and a zone in brackets between.
    ("zh", "请于11月20日前回复，谢谢。", "2026-11-20"),
    ("zh", "截止日期：11月25日。", "2026-11-25"),
    ("zh", "由于周四截稿，请在本周三下午4点（北京时间）之前把照片发给我们。", "2026-11-18"),
    ("zh", "請於下週一前提供書面回覆。", "2026-11-23"),
    ("zh", "稿件最晚需於11月19日（四）收到。", "2026-11-19"),
    ("ja", "11月19日（木）17時（日本時間）までにご回答いただけますと幸いです。", "2026-11-19"),
    ("ja", "締め切りの都合上、本日中にいただけますと助かります。", "2026-11-16"),
    ("ko", "내일(11월 17일) 오전 10시(한국시간)까지 답변 부탁드립니다.", "2026-11-17"),
    ("ko", "금요일까지 사진을 보내 주시면 감사하겠습니다.", "2026-11-20"),
    # An event's date, a date with "前后" (about), a date just past: no by-when.
    ("zh", "论坛将于11月24日在利雅得举行。", None),
    ("zh", "报道预计在11月25日前后刊出。", None),
    ("ja", "記者会見は11月24日に行われる予定です。", None),
    # Thai, Vietnamese, Tagalog and Hindi, their cue before the day or after it ("ภายใน", "trước", "bago mag-", "तक").
    ("th", "กรุณาตอบกลับภายในวันที่ 20 พฤศจิกายน", "2026-11-20"),
    ("th", "ขอความกรุณาแจ้งตอบรับภายใน 19 พ.ย. 69", "2026-11-19"),
    ("vi", "Xin vui lòng phản hồi trước ngày 20/11 để chúng tôi kịp lên trang.", "2026-11-20"),
    ("vi", "Mong quý cơ quan trả lời trước thứ Sáu.", "2026-11-20"),
    ("tl", "Kailangan po namin ito bago mag-Huwebes ng tanghali.", "2026-11-19"),
    ("hi", "कृपया 20 नवंबर 2026 तक अपनी स्वीकृति भेजें।", "2026-11-20"),
    ("hi", "कृपया आज शाम 6 बजे तक जवाब दें, उसके बाद खबर प्रकाशित हो जाएगी।", "2026-11-16"),
    ("hi", "सम्मेलन 24 नवंबर को रियाद में होगा।", None),
    ("hi", "मैं 18 नवंबर तक कार्यालय से बाहर हूँ, कृपया शुक्रवार तक जवाब दें।", "2026-11-20"),
    # Set NZ: "下班前" (before close of work), "或之前", "明早", a month's end ("11月末まで", "11월 말까지"), a cut-off named
    # before its day ("마감이 … 입니다"); a cut-off asked about ("截止是…吗？") is not one set.
    ("zh", "请于本周四（11月19日）下班前回复。", "2026-11-19"),
    ("zh", "请于11月20日或之前提交申请。", "2026-11-20"),
    ("zh", "请在明早9点（新加坡时间）前回复。", "2026-11-17"),
    ("ja", "ご登壇の可否を11月末までにご返答ください。", "2026-11-30"),
    ("ko", "12월 말까지 회신 부탁드립니다.", "2026-12-31"),
    ("ko", "기사 마감이 11월 18일(수) 오후 6시입니다.", "2026-11-18"),
    ("zh", "请问采访证申请的截止是11月19日吗？", None),
    # Tamil (set OA): "…க்குள்" (by), "… முன்" (before).
    ("ta", "அடுத்த வியாழக்கிழமைக்குள் பதில் தரவும்.", "2026-11-19"),
    ("ta", "இன்று மாலை 6 மணிக்கு முன் பதில் தேவை.", "2026-11-16"),
    ("ta", "20 நவம்பருக்குள் அனுப்பவும்.", "2026-11-20"),
]

STOP58_CLASSES = [
    # Persian hours in Persian digits beside "فردا"/"امروز" (set OI read "ساعت ۱۲" as a December day).
    ("fa", "لطفاً پاسخ خود را تا ساعت ۱۲ ظهر فردا ارسال کنید.", "2026-11-17"),
    ("fa", "پاسخ را تا ساعت ۱۸ امروز لازم داریم.", "2026-11-16"),
    # Uzbek, Azerbaijani, Kazakh and Kyrgyz: "until" after the day (set OI), in the language triage detects for them (an
    # Uzbek or Azerbaijani letter reads as Turkish, a Kazakh or Kyrgyz one as Russian); a stay until a day is none.
    ("tr", "Javobingizni 20-noyabrgacha kutamiz.", "2026-11-20"),
    ("tr", "Materiallarni payshanba kunigacha yuborsangiz minnatdor bo'lardik.", "2026-11-19"),
    ("tr", "Cavabınızı bu gün saat 15:00-dək gözləyirik.", "2026-11-16"),
    ("tr", "Sorğunu 25 noyabra qədər göndərin.", "2026-11-25"),
    ("ru", "Жауабыңызды 24 қарашаға дейін жіберіңіз.", "2026-11-24"),
    ("ru", "Жоопту бейшембиге чейин жөнөтсөңүз.", "2026-11-19"),
    ("tr", "Ko'rsatuv 25-noyabr kuni efirga uzatiladi.", None),
    ("ru", "Ходимларимиз 28 ноябргача Риёзда бўлишади.", None),
    # Tamil month first (Sri Lanka), Korean weekdays restated as a date in brackets, this month's end, a Thai hour before
    # its day (set OJ).
    ("ta", "உங்கள் பதிலை டிசம்பர் 2ஆம் திகதிக்குள் அனுப்பவும்.", "2026-12-02"),
    ("ko", "수요일(25일)까지 회신 부탁드립니다.", "2026-11-25"),
    ("ko", "내일(17일) 오후 2시까지 서면 답변 부탁드립니다.", "2026-11-17"),
    ("ja", "今月末までにご回答いただけますと幸いです。", "2026-11-30"),
    ("zh", "请于本月底前回复。", "2026-11-30"),
    ("th", "กรุณาส่งคำตอบภายในเวลา 12.00 น. พรุ่งนี้", "2026-11-17"),
    # Czech, Slovak, Serbian, Ukrainian, Bulgarian, Romanian, Greek, Swedish, Norwegian, Finnish and Hungarian by-whens
    # (set OO: none was read); an event's date and a leave until a day are none.
    ("cs", "Podklady bychom potřebovali do pátku 20. listopadu.", "2026-11-20"),
    ("sk", "Odpoveď by sme potrebovali najneskôr do 24. novembra.", "2026-11-24"),
    ("sr", "Molimo Vas da nam odgovorite do 3. decembra.", "2026-12-03"),
    ("uk", "Відповідь потрібна до середи, 18 листопада.", "2026-11-18"),
    ("bg", "Моля, потвърдете до 27 ноември.", "2026-11-27"),
    ("ro", "Vă rugăm să ne răspundeți până joi, 19 noiembrie.", "2026-11-19"),
    ("el", "Θα θέλαμε μια απάντηση έως τις 25 Νοεμβρίου.", "2026-11-25"),
    ("sv", "Vi behöver ett besked senast den 23 november.", "2026-11-23"),
    ("nb", "Gi beskjed innen 1. desember.", "2026-12-01"),
    ("fi", "Tarvitsisin tiedot 30.11. mennessä.", "2026-11-30"),
    ("hu", "Kérem, november 26-ig jelezzék, hogy lehetséges-e.", "2026-11-26"),
    ("cs", "Konference se koná 26. listopadu v Praze.", None),
    ("uk", "Я у відпустці до 20 листопада.", None),
    ("ro", "Sunt în concediu până la 30 noiembrie.", None),
    # Portuguese and Spanish name the day as "dia", or alone after "antes del" (sets OY, OX); an absence until it is none.
    ("pt", "Agradecemos o envio até dia 20.", "2026-11-20"),
    ("pt", "Agradecia que nos indicassem, até ao dia 25 de novembro, se há disponibilidade.", "2026-11-25"),
    ("es", "¿Nos pueden confirmar antes del 19 si sería posible?", "2026-11-19"),
    ("pt", "Estarei fora até dia 28.", None),
    ("es", "Habrá hasta 20 personas en la sala.", None),
    # An hour beside a Turkic day: the day the cue names, not today's hour (set OZ).
    ("tr", "Dastur 25-noyabr kuni efirga chiqadi, shuning uchun javobingizni 24-noyabr soat 12:00 gacha kutamiz.", "2026-11-24"),
]

STOP60_CLASSES = [
    # A preposition between the cue and the weekday ("nejpozději ve čtvrtek", "nejneskôr v piatok", "până la data de"), a
    # weekday and its date with "den" between (Swedish, Danish, German), a label's today or tomorrow ("Краен срок: утре",
    # "Rok: danas u 15 sati") and the end of today said alone ("do konca dňa", "i løpet av dagen") — set PM's classes.
    ("sk", "Odpověď bych potřeboval nejpozději ve čtvrtek 19. listopadu.", "2026-11-19"),
    ("sk", "Potreboval by som odpoveď najneskôr v piatok 20. novembra.", "2026-11-20"),
    ("ro", "Vă rugăm să ne transmiteți răspunsul până la data de 25 noiembrie.", "2026-11-25"),
    ("sv", "Vi behöver ert svar senast torsdag den 19 november.", "2026-11-19"),
    ("da", "Vi skal bruge svaret senest fredag den 20. november.", "2026-11-20"),
    ("de", "Wir bitten um Rückmeldung bis Mittwoch, den 18. November.", "2026-11-18"),
    ("bg", "Краен срок: утре, 12 ч.", "2026-11-17"),
    ("hr", "Rok: danas u 15 sati.", "2026-11-16"),
    ("sk", "Stačí mi krátka odpoveď do konca dňa.", "2026-11-16"),
    ("nb", "Gi meg beskjed i løpet av dagen, er dere snille.", "2026-11-16"),
    ("pl", "Proszę o krótką odpowiedź do końca dnia.", "2026-11-16"),
    ("hr", "Ali nam lahko do četrtka, 19. novembra, sporočite, ali je pogovor mogoč?", "2026-11-19"),  # Slovenian, read as Croatian
    ("ro", "Conferința are loc la data de 25 noiembrie, la Iași.", None),
    ("sv", "Jag är tjänstledig till fredag den 20 november.", None),
]

STOP61_CLASSES = [
    # How long the office has left a sender waiting ("cannot answer a journalist's email in three weeks", "n'a pas répondu en
    # dix jours", "لم يرد أحد خلال أسبوعين") is a grievance's span, not a by-when (set PS); asked for, the same span is one.
    ("en", "An organisation that talks about communication cannot answer a journalist's email in three weeks.", None),
    ("en", "Your office has not even replied to my two letters in ten days.", None),
    ("fr", "Votre service n'a pas répondu à mes questions en dix jours.", None),
    ("ar", "لم يرد أحد على رسائلي خلال أسبوعين.", None),
    ("en", "Could you answer my three questions in two days?", "2026-11-18"),
    ("fr", "Pourriez-vous répondre à mes questions dans deux jours ?", "2026-11-18"),
    # An hour before which today in Vietnamese ("trong hôm nay nhé, trước 15h"), Azerbaijani's "sabah … -dək" (tomorrow, by)
    # but not Turkish "sabah" (the morning) without that cue (set PX).
    ("vi", "Anh/chị gửi giúp em trong hôm nay nhé, trước 15h là tốt nhất ạ.", "2026-11-16"),
    ("tr", "Materialları sabah saat 12:00-dək göndərə bilsəniz, minnətdar olarıq.", "2026-11-17"),
    ("tr", "Sabah toplantımız var, saat 10'da başlıyor.", None),
]

STOP59_CLASSES = [
    # Croatian and Serbian (Cyrillic) months in their case forms (set PC: "studenoga", "prosinca", "новембра" were not read).
    ("hr", "Trebali bismo odgovor najkasnije do 24. studenoga.", "2026-11-24"),
    ("hr", "Javite nam se do petka, 27. studenoga, ako stignete.", "2026-11-27"),
    ("hr", "Tekst predajemo uredniku pa bi nam odgovor trebao do 3. prosinca.", "2026-12-03"),
    ("sr", "Молимо да нам одговорите до 25. новембра.", "2026-11-25"),
    ("hr", "Na godišnjem sam odmoru do 30. studenoga.", None),
    # Portuguese and Spanish (set PD): a date written day first with dashes or slashes, a "Prazo:" label with its hour,
    # tomorrow at an hour, a weekday with its day after "antes del" or after what is needed "para", an hour today whose
    # clause names tomorrow's edition; an absence until a day, a day when a thing is set, are none.
    ("pt", "Gostaríamos de receber as respostas até 04-12-2026.", "2026-12-04"),
    ("pt", "Prazo: 20/11, 12h (hora de Lisboa).", "2026-11-20"),
    ("pt", "Precisamos das imagens até amanhã às 10h para o jornal do meio-dia.", "2026-11-17"),
    ("es", "Me vendría bien tenerlo antes del martes 24.", "2026-11-24"),
    ("es", "Les agradecería confirmarme su participación para el lunes 23, a fin de reservar el estudio.", "2026-11-23"),
    ("es", "Necesito la respuesta antes de las 18 h para incluirla en la edición de mañana.", "2026-11-16"),
    ("es", "Estoy fuera de la oficina hasta el jueves, pero necesito los datos antes del viernes 20.", "2026-11-20"),
    ("es", "Estoy de vacaciones hasta el lunes 23.", None),
    ("es", "La grabación está prevista para el jueves 19.", None),
    ("pt", "Estou de férias até 25/11.", None),
    # Lithuanian, Latvian and Estonian (set PC: dateparser reads none of these), in their cases; an absence or an event is none.
    ("lt", "Prašome atsakyti iki lapkričio 25 d.", "2026-11-25"),
    ("lt", "Atsakymo laukiame iki penktadienio 12 val.", "2026-11-20"),
    ("lv", "Lūdzu, atbildiet līdz 27. novembrim.", "2026-11-27"),
    ("lv", "Būsim pateicīgi par atbildi līdz ceturtdienai.", "2026-11-19"),
    ("et", "Palun vastake hiljemalt 26. novembriks.", "2026-11-26"),
    ("et", "Ootame vastust reedeks.", "2026-11-20"),
    ("lt", "Esu atostogose iki lapkričio 30 d.", None),
    ("lv", "Konference notiks 28. novembrī Rīgā.", None),
    # Today and tomorrow with their cue and hour in Central, Eastern and Northern Europe (set PJ: neither dateparser nor the
    # grammar read them); "do danas", until today, and tomorrow named without a cue are none. A Serbian Cyrillic and a
    # Macedonian weekday; Polish "najpóźniej w poniedziałek".
    ("sr", "Da li biste mogli da nam ga pošaljete do sutra do 10 časova?", "2026-11-17"),
    ("bg", "Ве молиме да ни одговорите до утре до 12 часот.", "2026-11-17"),
    ("pl", "Prosimy o odpowiedź dziś do godz. 20:00.", "2026-11-16"),
    ("hu", "Ma 14 óráig kellene visszajelzést kapnunk.", "2026-11-16"),
    ("ro", "Aș avea nevoie de răspuns până mâine, marți, la ora 12:00.", "2026-11-17"),
    ("el", "Θα χρειαζόμουν την απάντησή σας μέχρι αύριο το μεσημέρι.", "2026-11-17"),
    ("uk", "Нам це потрібно сьогодні до кінця робочого дня.", "2026-11-16"),
    ("cs", "Odpověď potřebujeme do zítra do 12 hodin.", "2026-11-17"),
    ("hr", "Do danas nisam dobio nikakav odgovor.", None),
    ("pl", "Artykuł publikujemy jutro rano.", None),
    ("sr", "Био бих захвалан на одговору до петка, 20. новембра.", "2026-11-20"),
    ("bg", "Фотографиите би ни требале до петок, за викенд-изданието.", "2026-11-20"),
    ("pl", "Materiały potrzebujemy najpóźniej w poniedziałek 23 listopada do godz. 9:00.", "2026-11-23"),
    ("el", "Η θερινή σχολή διαρκεί από 12 έως 16 Ιουλίου 2027.", None),
]


def test_croatian_listopad_is_october_but_polish_czech_and_slovenian_november():
    """"listopad" is October in Croatian and November in Polish, Czech and Slovenian: the month is read by the letter's
    language (a Slovenian letter, which the detector may name Croatian, by its own words: "spoštovani", "lahko")."""
    monday = datetime(2026, 10, 5, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    for language, text, expected in (("hr", "Molim odgovor do 15. listopada.", "2026-10-15"),
                                     ("sr", "Odgovor nam treba do 15. listopada.", "2026-10-15"),
                                     ("pl", "Proszę o odpowiedź do 15 listopada.", "2026-11-15"),
                                     ("cs", "Odpověď potřebujeme do 15. listopadu.", "2026-11-15"),
                                     ("hr", "Spoštovani, ali nam lahko odgovorite do 15. listopada?", "2026-11-15")):
        found = _deadline(text, monday, language)
        assert found is not None and found.at.date().isoformat() == expected, (language, found)
        assert "listopad" in found.phrase  # the sender's own words are quoted


@pytest.mark.parametrize("language, text, expected", STOP40_CLASSES + STOP41_CLASSES + STOP42_CLASSES + STOP43_CLASSES + STOP44_CLASSES + STOP45_CLASSES
                         + STOP46_CLASSES + STOP47_CLASSES + STOP48_CLASSES + STOP49_CLASSES + STOP50_CLASSES
                         + STOP51_CLASSES + STOP52_CLASSES + STOP53_CLASSES + STOP54_CLASSES + STOP55_CLASSES + STOP56_CLASSES + STOP57_CLASSES + STOP58_CLASSES + STOP59_CLASSES + STOP60_CLASSES + STOP61_CLASSES,
                         ids=[f"{c[0]}: {c[1][:40]}" for c in STOP40_CLASSES + STOP41_CLASSES + STOP42_CLASSES + STOP43_CLASSES + STOP44_CLASSES
                              + STOP45_CLASSES + STOP46_CLASSES + STOP47_CLASSES + STOP48_CLASSES + STOP49_CLASSES + STOP50_CLASSES + STOP51_CLASSES
                              + STOP52_CLASSES + STOP53_CLASSES + STOP54_CLASSES + STOP55_CLASSES + STOP56_CLASSES + STOP57_CLASSES + STOP58_CLASSES + STOP59_CLASSES
                              + STOP60_CLASSES + STOP61_CLASSES])
def test_deadline_classes_of_stops_40_to_61(language, text, expected):
    found = _deadline(text, MONDAY_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found


def test_a_weekday_said_with_a_zone_is_that_zones_weekday():
    """"By 4pm Riyadh time on Wednesday", written at 03:40 on Wednesday in Sydney (19:40 on Tuesday in Riyadh): Riyadh's
    Wednesday, the next day, not a week later (set MW)."""
    sydney = datetime(2026, 11, 18, 3, 40, tzinfo=timezone(timedelta(hours=11)))
    found = _deadline("We would need to record by 4pm Riyadh time on Wednesday.", sydney, "en")
    assert found is not None and found.at.astimezone(timezone(timedelta(hours=3))).isoformat() == "2026-11-18T16:00:00+03:00"
    # Said without a zone, the weekday is the sender's own, and a Wednesday named on a Wednesday is next week's, as before.
    found = _deadline("We would need to record by 4pm on Wednesday.", sydney, "en")
    assert found is not None and found.at.date().isoformat() == "2026-11-25"


MONDAY_LATE_RIYADH = datetime(2026, 11, 16, 23, 15, tzinfo=timezone(timedelta(hours=3)))


@pytest.mark.parametrize("language, text, expected", [
    # "Tonight" in a letter written at 23:00 or later is the evening just over (sets GS, ID: complaints about what was said
    # on air that night) ...
    ("en", "Your spokesperson's claim on air tonight\nOn Channel 9's 10pm programme tonight, your spokesperson said that our "
     "report was deliberately misquoted. That is untrue.", None),
    ("ar", "اعتراض على تصريحات متحدثكم الليلة على الهواء\nتسجل الرابطة اعتراضها على ما قاله متحدثكم الليلة على الهواء مباشرة.", None),
    # ... unless the letter puts a question to the office about it, or names a time still ahead.
    ("en", "Can you send a comment tonight?", "2026-11-16"),
    ("en", "We go live tonight at 23:45 and the spokesperson would be ideal.", "2026-11-16"),
])
def test_tonight_written_late_at_night_is_the_evening_just_over(language, text, expected):
    found = _deadline(text, MONDAY_LATE_RIYADH, language)
    assert (found.at.date().isoformat() if found else None) == expected, found
    if expected:  # and what is asked late is asked early too
        early = _deadline(text, MONDAY_LATE_RIYADH.replace(hour=18), language)
        assert early is not None and early.at.date().isoformat() == expected, early


def test_a_weekday_read_by_dateparser_is_within_the_week():
    """dateparser read "Pazartesi saat 10:00'a" (Monday at 10:00) as 9 January, three months after a letter of Friday
    9 October (set NB); a weekday without a date names a day of the coming week or none."""
    from mediadesk.worker.triage.deadline import find_deadline_other

    friday = datetime(2026, 10, 9, 17, 45, tzinfo=timezone(timedelta(hours=3)))
    found = find_deadline_other("Yanıtlarınızı Pazartesi saat 10:00'a kadar iletebilir misiniz?", friday, "tr")
    assert found is None or (found.at.date() - friday.date()).days <= 7, found

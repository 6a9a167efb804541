"""Find the date and time by which the sender needs an answer, resolved against the Date header.

Arabic, English and French are read by a small deterministic grammar: date expressions
(today/demain/غداً, weekdays, "20 septembre", "December 2", "le 10", "end of the week",
"within 24 hours", "خلال يومين", times such as "5pm", "17h15", "الساعة 6 مساءً", zones such as
"noon ET" or "heure de Paris") are found and joined, and a group counts as a deadline only when
a cue anchors it ("by", "no later than", "d'ici", "au plus tard", "في موعد أقصاه", "قبل", "deadline
… says") or, for today/tomorrow, when its sentence asks for a reply. An event date ("the show is
recorded on Wednesday 20 November") is not a deadline. Relative expressions resolve against the
message's Date in the sender's own UTC offset; a stated zone wins. Other languages fall back to
dateparser's ``search_dates`` on at most a few short snippets that carry a cue word and a digit
(``search_dates`` is slow on whole bodies).

The result carries the phrase it was read from, for the explanation, and the sender's own terms
for an acknowledgement to restate: ``at`` in the zone they named (else in their UTC offset),
whether they gave a time, and which zone they named.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from mediadesk.worker.triage.text import lower_pattern, lower_same_length, normalize_pattern

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DIACRITICS_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _prepare(text: str) -> str:
    """Like ``text.normalize`` but keeping case (so "ET" the zone differs from "et" the word)."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    text = _DIACRITICS_RE.sub("", text)
    text = re.sub(r"[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("’", "'").replace("\u00a0", " ")
    # "2x24 hours": Indonesian English for 48 hours.
    return _TIMES_24_RE.sub(lambda m: str(int(m.group(1)) * 24), text)


# Arabic-script letters (Arabic, Persian, Urdu). What ends such a word is any other character: a look-ahead tests
# these, not the whole block, whose Arabic comma and question mark and Urdu full stop ("خلال الساعات القادمة،",
# "جمعہ تک۔") end a word too.
_AR_LETTERS = "\u0621-\u064a\u0671-\u06d3"
_AR_END = f"(?![{_AR_LETTERS}])"
# An hour written with a dot after the word for "at" ("saat 14.00", "pukul 16.00", "jam 9.30"): a clock, not a date.
_DOTTED_CLOCK_RE = re.compile(r"(\b(?:saat|pukul|jam)\s[012]?\d)\.([0-5]\d)(?!\d|\.\d)")
_TIMES_24_RE = re.compile(r"(?<![\d.])([1-9])\s*[x×]\s*24(?=\s*(?:hours?|hrs?|jam|h\b))", re.IGNORECASE)
_HR_OCTOBER_RE = re.compile(r"(?<![^\W\d_])listopad(?:a|u|om)?(?![^\W\d_])")
# Words of Slovenian, not Croatian or Serbian: a Slovenian letter the detector names Croatian keeps its "listopad".
_SLOVENIAN_RE = re.compile(r"(?<![^\W\d_])(?:spoštovan\w*|lahko|lep(?:o)?\s+pozdrav\w*|torek|torka|četrt(?:ek|ka)|"
                           r"ponedeljek|ponedeljka|zahvaljujem|prosimo)"
                           r"(?![^\W\d_])")
_TR_WITHIN_RE = re.compile(r"(?<![\w.])(\d{1,3})(\s+)(saat|g[üu]n|hafta)(\s+)(i[çc]inde|i[çc]erisinde)(?!\w)", re.IGNORECASE)


# Monday … Sunday, by language (regex pieces; None where the language's word is another's here or not read). A
# language's words are added as a row; WEEKDAYS joins each day's pieces in the table's order.
_WEEKDAY_WORDS = {
    "en": ("monday", "tuesday|tues", "wednesday|weds", "thursday|thurs", "friday", "saturday", "sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "ar": ("الاثنين|اثنين|الاتنين", r"الثلاثاء|ثلاثاء|التلات(?!\s+(?:ساعات|ايام|اسابيع))",
           r"الاربعاء|اربعاء|الاربعا(?![\u0621-\u064a])|الاربع(?<=يوم\sالاربع)(?![\u0621-\u064a])", "الخميس|خميس", "الجمعه|جمعه",
           "السبت", "الاحد"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "es": ("lunes", "martes", "mi[ée]rcoles", "jueves", "viernes", "s[áa]bado", "domingo"),  # Portuguese's weekend too
    "tr": ("pazartesi", "sal[ıi]", "[çc]ar[şs]amba", "per[şs]embe", "cuma(?!rtesi)", "cumartesi", None),
    "id, ms": ("senin|isnin", "selasa", "rabu", "kamis|khamis", "jumaat|jumat", "sabtu", None),
    "sw": ("jumatatu", "jumanne", "jumatano", "alhamisi", "ijumaa", "jumamosi", "jumapili"),
    "ru": (r"понедельник\w*", r"вторник\w*", "сред[аыу]", r"четверг\w*", "пятниц[аыу]", "суббот[аыу]", "воскресень[еяю]"),
    "pl": ("poniedzia[łl](?:ek|ku)", "wtor(?:ek|ku)", "[śs]rod[aęy]", "czwart(?:ek|ku)", "pi[ąa]t(?:ek|ku)", "sobot[aęy]", "niedziel[aęi]"),
    "sv, da, no": ("m[åa]ndag(?:en)?|mandag(?:en)?", "tisdag(?:en)?|tirsdag(?:en)?", "onsdag(?:en)?", "torsdag(?:en)?", "fredag(?:en)?",
                   "l[öo]rdag(?:en)?", "s[öo]ndag(?:en)?"),
    "it": ("luned[iì]", "marted[iì]", "mercoled[iì]", "gioved[iì]", "venerd[iì]", "sabato", "domenica"),
    "pt": ("segunda-feira", "ter[çc]a-feira", "quarta-feira", "quinta-feira", "sexta-feira", None, None),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "fa": (r"دو(?:\s+|‌)?شنبه", r"سه(?:\s+|‌)?شنبه", r"چهار(?:\s+|‌)?شنبه", r"پنج(?:\s+|‌)?شنبه", None, "شنبه", r"یک(?:\s+|‌)?شنبه"),
    "ur": (r"پیر(?=\s+(?:کو|تک))", "منگل", "بدھ", "جمعرات", "جمعہ", r"ہفتہ(?=\s+(?:کو|تک))", "اتوار"),
    "bn": ("সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার"),
    "ha": ("litinin", "talata", "laraba", "alhamis(?!i)", "jumma.?a|juma.a", "asabar", "lahadi"),
    "az": (r"bazar\s+ert[əe]si", r"[çc][əe]r[şs][əe]nb[əe]\s+ax[şs]am[ıi]", r"[çc][əe]r[şs][əe]nb[əe](?!\s+ax[şs]am)",
           r"c[üu]m[əe]\s+ax[şs]am[ıi]", r"c[üu]m[əe](?!\s+ax[şs]am)", None, None),
    "uz": ("dushanba", "seshanba", "chorshanba", "payshanba", r"juma(?=\s+kuni|gacha)", None, None),
    "kk": ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", None, None),
    "so": ("isniin", "talaado", "arbaco", "khamiis(?:ta)?", "jimco(?:da)?", None, None),
    "ps": (None, None, None, "پنجشنبې", None, None, None),
    # Stop 58 (set OO): the languages of Central, Eastern and Northern Europe, their case forms after "do", "до", "până".
    "cs, sk": (r"pond[ěe]l[íi]|pondel(?:ok|ka)", r"[úu]ter[ýy]|utor(?:ok|ka)", r"st[řr]ed[auy]|stred[auy]", r"[čc]tvrt(?:ek|ka)|[šs]tvrt(?:ok|ka)",
               r"p[áa]t(?:ek|ku)|piat(?:ok|ku)", r"sobot[auy]", r"ned[ěe]l[ei]|nedel[ae]"),
    # (Slovenian too, read as Croatian: "do četrtka, 22. oktobra", "v torek".)
    "hr, sr, bs": (r"ponedjelj(?:ak|ka)|ponedelj(?:ak|ek|ka)|понедељ(?:ак|ка)", r"utor(?:ak|ka)|утор(?:ак|ка)|tor(?:ek|ka)", r"srijed[aeu]|sred[aeu]|сред[аеу]",
                   r"[čc]etvrt(?:ak|ka)|четврт(?:ак|ка)|[čc]etrt(?:ek|ka)", r"pet(?:ak|ek|ka)|пет(?:ак|ка)", r"subot[aeu]|субот[аеу]", r"nedjelj[aeu]|nedelj[aeu]|недељ[аеу]"),
    "uk": (r"понеділ(?:ок|ка)", r"вівтор(?:ок|ка)", r"серед[аиу]", r"четвер(?:га)?", r"п.ятниц[яіюі]", r"субот[аиу]", r"неділ[яіюі]"),
    "bg": ("понеделник", "вторник", "сряда|среда", "четвъртък|четврток", "петък|петок", "събота|сабота", "неделя|недела"),  # and Macedonian
    "ro": (r"luni(?=\s*,?\s*\d)", r"mar[țţt]i", "miercuri", "joi", "vineri", r"s[âa]mb[ăa]t[ăa]", r"duminic[ăa]"),
    "el": ("δευτέρα|δευτερα", "τρίτη|τριτη", "τετάρτη|τεταρτη", "πέμπτη|πεμπτη", "παρασκευή|παρασκευη", "σάββατο|σαββατο", "κυριακή|κυριακη"),
    "fi": (r"maanantai\w*", r"tiistai\w*", r"keskiviiko\w*|keskiviikko\w*", r"torstai\w*", r"perjantai\w*", r"lauantai\w*", r"sunnuntai\w*"),
    "hu": (r"h[ée]tf[őo]\w*", r"kedd\w*", r"szerd[áa]\w*", r"cs[üu]t[öo]rt[öo]k\w*", r"p[ée]ntek\w*", r"szombat\w*", r"vas[áa]rnap\w*"),
}
WEEKDAYS = {k: "|".join(row[k] for row in _WEEKDAY_WORDS.values() if row[k]) for k in range(7)}
_WEEKDAY_ABBR = {0: "mon", 1: "tue|tues", 2: "weds|wed", 3: "thu|thur|thurs", 4: "fri", 5: "sat", 6: "sun"}
# French ones with their dot ("avant jeu. 14 h"; not "mar.", which is March too).
_WEEKDAY_ABBR_FR = {0: r"lun\.", 2: r"mer\.", 3: r"jeu\.", 4: r"ven\.", 5: r"sam\.", 6: r"dim\."}
# Croatian, Serbian (Cyrillic) and Slovenian case forms are at the end of each row; Croatian "listopad" is
# October, read so only in a Croatian, Serbian or Bosnian letter (``_HR_OCTOBER_RE``): in Polish and Czech it is November.
MONTHS = {
    1: r"january|jan|janvier|janv|janeiro|января|stycznia|يناير|كانون\s+الثاني|جانفي|januar|enero|ocak|januari|gennaio|ledna|leden|janu[áa]ra|ianuarie|януари|січня|ιανουαρίου|ιανουαριου|tammikuu\w*|janu[áa]r\w*|januara|sije[čc]nj?a|sije[čc]anj|јануара",
    2: r"february|feb|f[ée]vrier|f[ée]vr|fevereiro|февраля|lutego|فبراير|شباط|فيفري|februar|febrero|[şs]ubat|februari|febbraio|[úu]nora|[úu]nor|febru[áa]ra|februarie|февруари|лютого|φεβρουαρίου|φεβρουαριου|helmikuu\w*|febru[áa]r\w*|februara|velja[čc][ea]|фебруара",
    3: r"march|mar[çc]o|marca|maart|марта|mart|maret|mar|mars|مارس|اذار|m[äa]rz|marzo|b[řr]ezna|b[řr]ezen|martie|март|березня|μαρτίου|μαρτιου|maaliskuu\w*|m[áa]rcius\w*|marts|marta|o[žz]uj(?:ka|ak)",
    4: r"april|apr|avril|апреля|kwietnia|ابريل|نيسان|افريل|abril|nisan|aprile|dubna|duben|apr[íi]la|aprilie|април|квітня|απριλίου|απριλιου|huhtikuu\w*|[áa]prilis\w*|aprila|trav(?:nja|anj)|априла",
    5: r"may[ıi]s|maio|maja|maj|мая|may|mai|مايو|ايار|ماي|mayo|maggio|mei|kv[ěe]tna|kv[ěe]ten|m[áa]ja|май|травня|μαΐου|μαιου|toukokuu\w*|m[áa]jus\w*|svib(?:nja|anj)|маја",
    6: r"june|junho|июня|czerwca|jun|juin|يونيو|يونيه|حزيران|جوان|juni|junio|haziran|giugno|[čc]ervna|[čc]erven(?!ec|ce)|j[úu]na|iunie|юни|червня|ιουνίου|ιουνιου|kes[äa]kuu\w*|j[úu]nius\w*|juna|lip(?:nja|anj)|junija|јуна",
    7: r"july|julho|июля|lipca|jul|juillet|juil|يوليو|يوليه|تموز|جويليه|يوليوز|juli|julio|temmuz|luglio|[čc]ervence|[čc]ervenec|j[úu]la|iulie|юли|липня|ιουλίου|ιουλιου|hein[äa]kuu\w*|j[úu]lius\w*|jula|srp(?:nja|anj)|julija|јула",
    8: r"augustus|augusti|august|aug|ao[uû]t|августа|sierpnia|اغسطس|اب|اوت|غشت|agosto|a[ğg]ustos|agustus|srpna|srpen|augusta|серпня|αυγούστου|αυγουστου|elokuu\w*|augusztus\w*|avgusta|kolovoz[au]?",
    9: r"september|setembro|сентября|wrze[śs]nia|sept|sep|septembre|سبتمبر|ايلول|شتنبر|septiembre|eyl[üu]l|settembre|z[áa][řr][íi]|septembra|septembrie|септември|вересня|σεπτεμβρίου|σεπτεμβριου|syyskuu\w*|szeptember\w*|ruj(?:na|an)|септембра",
    10: r"october|outubro|октября|pa[źz]dziernika|oct|octobre|اكتوبر|تشرين\s+الاول|oktober|octubre|ekim|ottobre|[řr][íi]jna|[řr][íi]jen|okt[óo]bra|octombrie|октомври|жовтня|οκτωβρίου|οκτωβριου|lokakuu\w*|okt[óo]ber\w*|oktobra|октобра",
    11: r"november|novembro|ноября|listopada|nov|novembre|نوفمبر|تشرين\s+الثاني|نونبر|noviembre|kas[ıi]m|listopadu|novembra|noiembrie|ноември|листопада|νοεμβρίου|νοεμβριου|marraskuu\w*|november\w*|studen(?:oga|og|i)|новембра",
    12: r"december|dezembro|декабря|grudnia|dec|d[ée]cembre|d[ée]c|ديسمبر|كانون\s+الاول|دجنبر|dezember|diciembre|aral[ıi]k|desember|dicembre|prosince|prosinec|decembra|decembrie|декември|грудня|δεκεμβρίου|δεκεμβριου|joulukuu\w*|december\w*|decembar|prosin(?:ca|ac)|децембра",
}
# Zone → (abbreviations, which count only in capitals: "ET" not "et"; names and phrases).
ZONES = {
    "UTC": ("GMT|UTC", r"gmt|utc|غرينتش|جرينتش|غرينيتش"),
    "America/New_York": ("ET|EST|EDT", r"eastern(?:\s+time)?|new\s+york\s+time|heure\s+de\s+new\s+york|(?:بتوقيت|توقيت)\s+(?:نيويورك|واشنطن)"),
    "America/Chicago": ("CT|CST|CDT", r"central\s+time"),
    "America/Los_Angeles": ("PT|PST|PDT", r"pacific(?:\s+time)?"),
    "Europe/Paris": ("CET|CEST", r"paris\s+time|heure\s+(?:de\s+paris|fran[çc]aise)|(?:بتوقيت|توقيت)\s+باريس"),
    "Europe/London": ("BST", r"london\s+time|uk\s+time|heure\s+de\s+londres|(?:بتوقيت|توقيت)\s+(?:لندن|بريطانيا)"),
    "Asia/Riyadh": ("AST|KSA", r"riyadh\s+time|saudi\s+time|mecca\s+time|makkah\s+time|heure\s+(?:de\s+riyad|de\s+riyadh|saoudienne|de\s+la\s+mecque)|(?:بتوقيت|توقيت)\s+(?:الرياض|مكه\s+المكرمه|مكه|السعوديه)"),
    "Asia/Dubai": ("GST|UAE", r"dubai\s+time|uae\s+time|gulf\s+(?:standard\s+)?time|heure\s+du\s+golfe|(?:بتوقيت|توقيت)\s+(?:الامارات|ابوظبي|دبي)"),
    "Africa/Cairo": ("EET", r"cairo\s+time|(?:بتوقيت|توقيت)\s+القاهره"),
}
# Zones named only by their city or country: "<city> time", "heure de <city>", "hora de <city>", "بتوقيت <city>".
_CITY_ZONES = {
    "Europe/Madrid": r"madrid", "Europe/Berlin": r"berlin", "Europe/Brussels": r"brussels|bruxelles", "Europe/Rome": r"rome|rom[ae]",
    "Europe/Istanbul": r"istanbul|ankara|turkey|turquie|اسطنبول|انقره|تركيا", "Europe/Moscow": r"moscow|moscou|moscu|موسكو",
    "Africa/Casablanca": r"casablanca|rabat|morocco|maroc|الرباط|الدار\s+البيضاء|المغرب", "Africa/Algiers": r"alger|algiers|الجزائر",
    "Africa/Tunis": r"tunis|تونس", "Africa/Lagos": r"lagos|abuja|nigeria", "Africa/Nairobi": r"nairobi|kenya", "Africa/Dakar": r"dakar",
    "America/Toronto": r"montr[ée]al|toronto|ottawa|qu[ée]bec", "Asia/Tokyo": r"tokyo|japan|طوكيو", "Asia/Singapore": r"singapore|singapour",
    "Asia/Kuala_Lumpur": r"kuala\s+lumpur|malaysia", "Asia/Jakarta": r"jakarta|indonesia", "Asia/Shanghai": r"beijing|p[ée]kin|china|بكين",
    "Asia/Kolkata": r"delhi|new\s+delhi|mumbai|india|نيودلهي|الهند", "Asia/Karachi": r"islamabad|karachi|lahore|pakistan|اسلام\s+اباد|باكستان",
    "Asia/Tehran": r"tehran|t[ée]h[ée]ran|طهران", "Asia/Amman": r"amman|jordan", "Asia/Beirut": r"beirut|beyrouth|بيروت",
    "Asia/Baghdad": r"baghdad|bagdad|بغداد", "Asia/Qatar": r"doha|qatar|الدوحه|قطر", "Asia/Kuwait": r"kuwait|الكويت",
    "Asia/Bahrain": r"bahrain|manama|البحرين|المنامه", "Asia/Muscat": r"muscat|oman|مسقط", "Asia/Kabul": r"kabul|كابل",
    "Asia/Dhaka": r"dhaka|bangladesh", "Australia/Sydney": r"sydney|canberra",
}
# Capitals only, like the zones above ("IST" is India's here: Irish and Israeli writers name their city).
_CITY_ABBREVIATIONS = {"Asia/Tokyo": "JST", "Asia/Kolkata": "IST", "Asia/Karachi": "PKT", "Asia/Jakarta": "WIB",
                       "Asia/Kuala_Lumpur": "MYT", "Asia/Singapore": "SGT", "Africa/Nairobi": "EAT", "Africa/Lagos": "WAT",
                       "Australia/Sydney": "AEST|AEDT"}
for _name, _cities in _CITY_ZONES.items():
    ZONES[_name] = (_CITY_ABBREVIATIONS.get(_name, ""),
                    rf"(?:{_cities})\s+time|heure\s+(?:de\s+|d')(?:{_cities})|hora\s+de\s+(?:{_cities})|(?:بتوقيت|توقيت)\s+(?:{_cities})")

_NUM_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "ten": 10, "a couple of": 2, "couple of": 2, "twenty-four": 24, "forty-eight": 48, "un": 1, "une": 1, "deux": 2, "trois": 3,
    "quatre": 4, "cinq": 5, "sept": 7, "dix": 10, "vingt-quatre": 24, "quarante-huit": 48,
    "eight": 8, "fourteen": 14, "thirty": 30, "huit": 8, "quinze": 15, "trente": 30,
    "واحد": 1, "واحده": 1, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "سبع": 7, "سبعه": 7, "عشر": 10, "عشره": 10, "ست": 6, "سته": 6, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "twee": 2, "drie": 3, "zwei": 2, "drei": 3, "vier": 4, "dos": 2, "tres": 3, "dois": 2, "três": 3, "cuatro": 4,
}
# "الساعة الثالثة": Arabic hours in words (feminine ordinals), normalised (ة → ه).
_AR_HOURS = {
    "الواحده": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6, "السابعه": 7,
    "الثامنه": 8, "التاسعه": 9, "العاشره": 10, "الحاديه\\s+عشره": 11, "الثانيه\\s+عشره": 12,
    # Cardinals, as Egyptian, Levantine and Gulf speakers say the hour: "الساعة ستة", "الساعه تلاته".
    "واحده": 1, "اتنين": 2, "اثنين": 2, "تلاته": 3, "ثلاثه": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5,
    "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "تمانيه": 8, "ثمانيه": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "حداشر": 11, "اتناشر": 12,
}
# "الخامس من الشهر القادم": Arabic ordinal days (normalised: ى → ي).
_AR_ORDINAL_DAYS = {
    "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9,
    "العاشر": 10, "الحادي\\s+عشر": 11, "الثاني\\s+عشر": 12, "الثالث\\s+عشر": 13, "الرابع\\s+عشر": 14, "الخامس\\s+عشر": 15,
    "السادس\\s+عشر": 16, "السابع\\s+عشر": 17, "الثامن\\s+عشر": 18, "التاسع\\s+عشر": 19,
    "العشرين": 20, "الثلاثين": 30, "الحادي\\s+والثلاثين": 31,
}
_AR_UNITS = {"الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9}
_AR_ORDINAL_DAYS.update({f"{word}\\s+والعشرين": 20 + n for word, n in _AR_UNITS.items()})
_AR_ORDINALS = "|".join(sorted(_AR_ORDINAL_DAYS, key=len, reverse=True))
# "avant le vingt-huit février", "le mardi quatre novembre": French days written out.
_FR_UNITS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_FR_DAYS = {"premier": 1, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
            "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30,
            "trente[-\\s]et[-\\s]un": 31, "vingt[-\\s]et[-\\s]un": 21}
_FR_DAYS.update({word: n + 1 for n, word in enumerate(_FR_UNITS) if n})
_FR_DAYS.update({f"vingt-{word}": 21 + n for n, word in enumerate(_FR_UNITS) if n})
_FR_DAY_WORDS = "|".join(sorted(_FR_DAYS, key=len, reverse=True))
_FR_DAY_STARTS = sorted({k.split("[")[0] for k in _FR_DAYS})  # "trente[-\s]et[-\s]un" starts with "trente"
_NUM = r"\d{1,3}|" + "|".join(sorted((re.escape(w) for w in _NUM_WORDS), key=len, reverse=True))


# The twelve Hijri months in order (spellings as _prepare leaves them: no hamza, ى → ي, ة → ه).
_HIJRI_MONTH_PATTERNS = (
    r"محرم", r"صفر", r"ربيع\s+الاول", r"ربيع\s+(?:الثاني|الاخر)", r"جماد[يا]\s+(?:الاولي|الاول)",
    r"جماد[يا]\s+(?:الاخره|الثانيه|الاخر)", r"رجب", r"شعبان", r"رمضان", r"شوال", r"ذ[وي]\s+القعده", r"ذ[وي]\s+الحجه")
_HIJRI_MONTHS = "|".join(f"(?:{p})" for p in _HIJRI_MONTH_PATTERNS)


def _re(pattern: str) -> re.Pattern:
    """Compile for lower-cased, normalised text (no IGNORECASE: it is slow on Unicode)."""
    return re.compile(lower_pattern(normalize_pattern(pattern)))


def _alt(table: dict[int, str], prefix: str) -> str:
    return "|".join(f"(?P<{prefix}{k}>{v})" for k, v in table.items())


# An abbreviated weekday is one before its date ("Wed 12") or after an English "by", "before", "until" or a
# French "avant", "d'ici" ("please confirm by Wed", "avant jeu. 14 h"); elsewhere "mon", "sat" and "sun" are
# other words (and "avant mon départ" is French).
_ABBR_CUE = r"(?:(?<=\bby\s)|(?<=\bbefore\s)|(?<=\buntil\s)|(?<=\btill\s))"
_ABBR_CUE_FR = r"(?:(?<=\bavant\s)|(?<=\bd'ici\s))"


def _abbr(k: int) -> str:
    en = _WEEKDAY_ABBR[k]
    found = f"(?:{en})\\.?(?=,?\\s*\\d)|{_ABBR_CUE}(?:{en})\\.?(?![a-z])"
    if k in _WEEKDAY_ABBR_FR:
        found += f"|{_ABBR_CUE_FR}(?:{_WEEKDAY_ABBR_FR[k]})"
    return f"(?P<wa{k}>{found})"


_WD = _alt(WEEKDAYS, "wd") + "|" + "|".join(_abbr(k) for k in _WEEKDAY_ABBR)
_MON = _alt(MONTHS, "mo")
_MON2 = _alt(MONTHS, "mb")
_MON_PLAIN = "|".join(MONTHS.values())
_WD_PLAIN = "|".join(WEEKDAYS.values())
# "fredag den 23 oktober": a weekday and its date with Scandinavian and German "den" between (blanked, same length).
_WD_DEN_RE = re.compile(rf"((?<![^\W\d_])(?:{_WD_PLAIN}),?\s+)(den)(?=\s+\d)", re.IGNORECASE)
# "2nd", "1er", "2e" and, in German, "2." ("bis Mittwoch, 2. Dezember").
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|ème|eme|\.(?=\s))?"
_YEAR = r"(?:,?\s*(?P<year>20\d\d))?"

# One date or time expression; the scanner joins neighbouring ones ("demain avant 14h").
_TOKEN_RE = _re(
        # "Kindly revert before 48 hours": South Asian English for "within" (Arabic "قبل 48 ساعة" is "ago").
        r"(?P<dur>(?:within|in\s+the\s+next|in\s+the\s+coming|in|under|before|inside\s+of|dans\s+un\s+d[ée]lai\s+(?:maximum\s+|max\.?\s+)?de|dans\s+les|dans|d'ici(?!\s+(?:[7-9]|1\d|2[0-3])\s*h(?![a-z]))|sous|en\s+moins\s+de|"
        r"خلال|في\s+غضون|في\s+خلال|(?<![\u0621-\u064a])[ان]مهلكم|مهله\s+(?:مدتها|قدرها)|(?:في\s+)?(?:اجل|مهله|موعد)\s+اقصا(?:ه|ها)(?=\s+(?:\d|يومين|ساعتين|اسبوعين|(?:ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر)ه?\s))|في\s+مده\s+لا\s+تتجاوز|binnen|innerhalb(?:\s+von)?|dentro\s+de|en\s+(?:las|los)\s+pr[óo]xim[oa]s|nas\s+pr[óo]ximas|em\s+at[ée]|в\s+течение|w\s+ci[ąa]gu|inom|innen|ndani\s+ya|dalam\s+(?:waktu\s+)?|i[çc]inde|i[çc]erisinde)\s+(?:the\s+next\s+|les\s+|la\s+|l'|prochaines?\s+|(?:los|las)\s+pr[óo]xim[oa]s\s+|de\s+)?"
        rf"(?P<n>{_NUM})?\s*(?P<unit>hours?|hrs?|h(?![a-z])|(?:business\s+|working\s+)?days?|weeks?|heures?|jours?(?:\s+ouvr[ée]s|\s+ouvrables)?|huitaine|quinzaine|semaines?|"
        r"ساعتين|ساعات|ساعه|يومين|ايام\s+عمل|ايام|يوما|يوم|اسبوعين|اسبوع|hour|dagen|dag|tagen|tage|d[íi]as|uur|uren|stunden|stunde|horas|weken|wochen|semanas|часов|часа|дней|дня|godzin|dni|timmar|dagar|timer|dage|jam|hari|masaa|siku|ore|giorni|saat|g[üu]n|hafta)(?![a-z])"
        # "خلال ساعات الدوام": during office hours, not within hours.
        r"(?!\s+(?:ال)?(?:دوام|عمل)(?![\u0621-\u064a])))"
        # "within the hour", "dans l'heure", "خلال الساعة القادمة": an hour from the Date.
        r"|(?P<hour1>(?:within\s+the\s+(?:next\s+)?hour|dans\s+l'heure(?:\s+qui\s+vient)?|within\s+the\s+(?:next|coming)\s+(?:few\s+)?hours|dans\s+les\s+(?:toutes\s+)?prochaines\s+heures|(?:خلال|في\s+غضون)\s+(?:ال)?ساعات\s+(?:ال)?(?:قادمه|مقبله|قليله\s+(?:ال)?(?:قادمه|مقبله))|(?:خلال|في\s+غضون|في\s+خلال)\s+الساعه\s+(?:القادمه|المقبله|التاليه))(?![a-z\u0621-\u064a]))"
        # "the end of September", "fin septembre", "نهاية شهر سبتمبر", "أواخر سبتمبر": that month's last day.
        rf"|(?P<eomn>(?:(?:the\s+)?end\s+of|(?:la\s+)?fin(?:\s+du\s+mois)?(?:\s+de|\s+d')?|(?:a\s+)?finales\s+de|ende|(?<=entro\s)fine|(?<=entro\sla\s)fine|نهايه|اواخر|اخر"
        # ... "до конца октября", "sebelum akhir Oktober", "até o final de outubro"; Turkish says it after: "Eylül sonuna kadar".
        rf"|конца|akhir|(?:el\s+|o\s+)?final\s+de|fim\s+de)\s+(?:شهر\s+|bulan\s+)?(?:{_alt(MONTHS, 'mc')})(?![a-z\u0620-\u064a])"
        rf"|(?:{_alt(MONTHS, 'me')})(?:\s+ay[ıi])?\s+sonu(?:na)?(?![a-zçğıöşü]))"
        # "the 5th of next month", "le 5 du mois prochain", "الخامس من الشهر القادم": a day of next month.
        rf"|(?P<dnm>(?:(?:the|le)\s+)?(?P<dnmday>[0-3]?\d|{_AR_ORDINALS})(?:st|nd|rd|th|er|e)?\s+(?:of\s+next\s+month|du\s+mois\s+prochain|(?:من|في)\s+الشهر\s+(?:القادم|المقبل)|(?P<dnmthis>de\s+ce\s+mois|of\s+this\s+month|(?:من|في)\s+(?:هذا\s+)?الشهر\s+(?:الجاري|الحالي)|(?:من|في)\s+هذا\s+الشهر{_AR_END}|(?:من\s+|في\s+)?(?:الشهر\s+(?:ده|دا|هذا|هاد|هادا)|هالشهر){_AR_END}|(?:من\s+)?الجاري{_AR_END}|الشهر(?!\s*(?:القادم|المقبل|الماضي|الفائت|المنصرم)){_AR_END})))"
        r"|(?P<eonw>(?:the\s+)?end\s+of\s+next\s+week|(?:la\s+)?fin\s+de\s+la\s+semaine\s+prochaine|نهايه\s+الاسبوع\s+(?:القادم|المقبل)"
        # ... in German, Spanish, Italian and Portuguese: "bis Ende nächster Woche", "el final de la próxima semana".
        r"|ende\s+(?:der\s+)?n[äa]chste[nr]?\s+woche|(?:el\s+)?final\s+de\s+la\s+(?:pr[óo]xima\s+semana|semana\s+(?:que\s+viene|pr[óo]xima))"
        r"|(?:la\s+)?fine\s+della\s+prossima\s+settimana|(?:o\s+)?final\s+da\s+pr[óo]xima\s+semana)"
        # "within this week", "خلال الأسبوع الجاري": the end of the working week, when the sentence asks.
        r"|(?P<wiw>(?:within|during|sometime)\s+this\s+week|(?:dans\s+le\s+courant\s+de|durant|pendant)\s+cette\s+semaine|"
        r"(?:خلال|في)\s+(?:هذا\s+)?الاسبوع(?:\s+الجاري|\s+الحالي)|خلال\s+هذا\s+الاسبوع)"
        # "before the weekend" is the end of the working week too (only after "before": "our
        # weekend edition" names no day).
        r"|(?P<eow>(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:working\s+|work\s+)?week(?![\w-])|(?:la\s+)?fin\s+de\s+(?:la\s+|cette\s+)?semaine|"
        r"(?<=before\s)(?:the\s+)?week-?end|(?<=قبل\s)الويك\s*[اe]?ند|(?<=avant\s)le\s+week-?end|(?<=vor\s)dem\s+wochenende|(?<=v[óo][óo]r\s)het\s+weekend|(?<=قبل\s)عطله\s+(?:نهايه\s+)?الاسبوع|"
        r"نهايه\s+(?:هذا\s+)?الاسبوع(?:\s+الحالي|\s+الجاري)?|اخر\s+(?:هذا\s+)?الاسبوع|نهايه\s+الاسبوع|"
        # The same in the languages the grammar reads by their cues: "bis Ende dieser Woche", "antes del final de esta
        # semana", "entro la fine della settimana", "até o final desta semana", "akhir minggu ini".
        r"ende\s+(?:dieser|der|diese)\s+woche|(?:el\s+)?final\s+de\s+(?:esta|la)\s+semana|(?:la\s+)?fine\s+(?:della|di\s+questa)\s+settimana|"
        r"(?:o\s+)?(?:final|fim)\s+(?:desta|da)\s+semana|akhir\s+minggu(?:\s+ini)?|(?<=sebelum\s)akhir\s+pekan(?:\s+ini)?|конца\s+(?:этой\s+|текущей\s+)?недели)"
        r"|(?P<eom>(?:the\s+)?end\s+of\s+(?:the|this)\s+month|(?:la\s+)?fin\s+(?:du|de\s+ce)\s+mois|(?:نهايه|اخر|اواخر)\s+(?:هذا\s+ال|هال|ال)شهر(?:\s+الحالي|\s+الجاري)?)"
        r"|(?P<eod>(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|end\s+of\s+play|eod(?![a-z])|cob(?![a-z])|close\s+of\s+(?:business|play)|"
        r"(?:la\s+)?fin\s+de\s+(?:la\s+)?journ[ée]e|نهايه\s+(?:اليوم|الدوام|دوام\s+اليوم|دوام|يوم\s+العمل)"
        r"|(?:el\s+)?(?:final|fin)\s+del\s+d[íi]a|(?:o\s+)?(?:final|fim)\s+do\s+dia|ende\s+des\s+(?:arbeits)?tages|dienstschluss|einde\s+van\s+de\s+(?:werk)?dag"
        r"|g[üu]n\s+sonu(?:na)?|akhir\s+hari|конца\s+(?:рабочего\s+)?дня)"
        r"|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening)|aujourd'hui|dans\s+la\s+journ[ée]e(?!\s+(?:de|d'|du)\b)|ce\s+soir|ce\s+matin|cet\s+apr[èe]s-midi|"
        r"cette\s+apr[èe]s-midi|اليوم|الليله|النهارده|انهارده|النهاردا|هذا\s+المساء|مساء\s+اليوم|صباح\s+اليوم|heute|hoy|bug[üu]n|hari\s+ini|oggi|আজ|aaj(?!\s+(?:tak|tv|news)\b))"
        r"|(?P<after_tomorrow>(?:the\s+)?day\s+after\s+tomorrow|apr[èe]s-demain|بعد\s+غدوه|بعد\s+غد|بعد\s+(?:بكره|بكرا|باكر|باچر))"
        rf"|(?P<tomorrow>tomorrow|tmrw|tmr|2moro|2morrow|demain|غدا|باكر|باچر|بكره|بكرا|morgen|ma[ñn]ana|yar[ıi]n|besok|domani|আগামীকাল|(?:(?:صباح|مساء|ظهر|عصر|نهار|منتصف\s+نهار)\s+)?(?:يوم\s+)?الغد|غد{_AR_END}|غدوه(?![\u0621-\u064a]))"  # Maghrebi "غدوة"
        r"|(?P<ur_tomorrow>کل)(?=\s+(?:(?:صبح|شام|دوپہر|رات)\s+)?تک)"
        # Dates: "Friday 4 October", "vendredi 20 septembre 2019", "Sept. 6", "30 سبتمبر", "1er décembre".
        # A Hijri date, "25 رمضان 1446هـ", "10 صفر": how many Gulf letters date a reply; "نهاية شهر ربيع الآخر 1448هـ":
        # that month's last day.
        rf"|(?P<hijri>(?:(?P<hday>[0-3]?\d)\s+(?:من\s+)?|(?P<hend>نهايه|اواخر|اخر)\s+)(?:شهر\s+)?(?P<hmon>{_HIJRI_MONTHS})(?:\s+(?:لعام\s+|عام\s+)?(?P<hyear>1[34]\d\d))?(?:\s*هـ|\s*ه(?![\u0621-\u064a]))?"
        # "27/6/1448هـ": a Hijri date in figures (its year says which calendar).
        r"|(?P<hnd>[0-3]?\d)/(?P<hnm>1[0-2]|0?[1-9])/(?P<hny>14\d\d)(?:\s*هـ|\s*ه(?![\u0621-\u064a]))?)"
        rf"|(?P<dm>(?:{_DAYNUM}|(?P<dmord>{_AR_ORDINALS})|(?<![a-z-])(?P<dmfr>{_FR_DAY_WORDS}))\s*(?:de\s+|of\s+|من\s+)?(?:(?<=من\s)شهر\s+)?(?:{_MON})(?:(?<![^\W\d_]{{5}})\.)?(?![a-z\u0620-\u064a\u0671-\u06d3]){_YEAR})"
        rf"|(?P<md>(?:{_MON2})\.?\s+{_DAYNUM.replace('day', 'day2')}(?![\d:h])(?!\s*(?:h|am|pm|%)){_YEAR.replace('year', 'year2')})"
        # "17.00", "at 9.30", "pukul 10.15": an hour with a dot, which no month can be ("17.00") or which a clock word
        # introduces, is no day and month.
        r"|(?!(?:(?<=\bat\s)|(?<=\bà\s)|(?<=\bpukul\s)|(?<=\bjam\s)|(?<=\bsaat\s)|(?<=\bum\s)|(?<=\bore\s)|(?<=\balle\s))[012]?\d\.[0-5]\d(?!\d|\.\d))"
        r"(?![012]?\d\.(?:00|1[3-9]|[2-5]\d)(?!\d|\.\d))"
        r"(?P<num>(?P<nd>[0-3]?\d)[/.](?P<nm>[01]?\d)(?:[/.](?P<ny>(?:20)?\d\d))?(?![\d/]|\.\d))"
        rf"|(?P<wd>(?:{_WD})(?:\s+(?P<wdday>[0-3]?\d)(?:er|st|nd|rd|th)?(?![\d:/]|\.\d|\s*(?:h\b|h\d|am|pm|a\.m|p\.m|uhr|heures?|o'?clock|مساء|صباحا|ظهرا|عصرا|العصر|ليلا|م{_AR_END}|ص{_AR_END}|{_MON_PLAIN}|(?:من\s+)?(?:شهر\s+)?(?:{_HIJRI_MONTHS}))))?)"
        r"|(?P<time>(?P<th>[012]?\d)(?:[:.](?P<tm>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])"
        r"|(?P<th9>[01]?\d|2[0-3])\.(?P<tm9>[0-5]\d)(?!\d|\.\d|\s*(?:h\b|uhr|a\.?m|p\.?m))"
        r"|(?P<th2>[012]?\d)\s*(?:uhr|h)\s*(?P<tm2>[0-5]\d)?(?![a-z\d])"
        r"|(?P<th3>[012]?\d):(?P<tm3>[0-5]\d)(?!\d)"
        r"|(?:الساعه\s+)(?P<th4>[012]?\d|" + "|".join(sorted(_AR_HOURS, key=len, reverse=True)) + r")(?![\u0621-\u064a])(?::(?P<tm4>[0-5]\d))?(?:\s+و\s*(?P<half4>النصف|نصف|الربع|ربع))?"
        rf"(?:\s*(?P<ap4>الليله|المساء|المسا|بالليل|الصبح|الصباح|صباحا|ص|مساء|مساءا|م|ظهرا|عصرا|العصر|ليلا|من\s+(?:صباح|مساء|عصر|ظهر)|عصر|صباح|مساء){_AR_END})?"
        r"|(?P<th5>[012]?\d)(?::(?P<tm5>[0-5]\d))?\s*(?P<ap5>صباحا|مساء|مساءا|ظهرا|عصرا|العصر|ليلا)|(?P<th6>[012]?\d)\s*o'?clock"
        # "الرابعة عصراً", "السادسة مساء": an hour in words with its part of the day, without "الساعة".
        r"|(?P<th8>" + "|".join(sorted(_AR_HOURS, key=len, reverse=True)) + r")\s+(?P<ap8>عصر|عصرا|العصر|مساء|مساءا|المساء|صباحا|الصباح|ظهرا)(?![\u0621-\u064a])"
        # Newsroom and military time: "1700 GMT", "0900 hrs".
        r"|(?P<th7>[01]\d|2[0-3])(?P<tm7>[0-5]\d)\s*(?=gmt|utc|hrs\b|hours\b|(?:gst|ast|cet|cest|bst|eat|wat|pkt|edt|ksa|riyadh|dubai|mecca|makkah)\b|[a-z]{2,4}\s+bulletin)"
        r"|(?P<noon>noon|midday|midi|الظهر|الضهر|الظهيره|ظهرا|ظهر(?=\s+(?:يوم\s+)?ال)|[öo][ğg]le(?:ne|den)?|mezzogiorno)"
        r"|(?P<midnight>midnight|minuit|منتصف\s+(?:الليل|ليل(?![\u0621-\u064a]))|(?<=قبل\s)نص\s+(?:الليل|الليله|ليل(?![\u0621-\u064a])))|(?P<maghrib>(?<=قبل\s)(?:صلاه\s+)?المغرب))"
        r"|(?P<zone>(?:\(\s*)?(?:" + "|".join(f"(?P<z{i}>{names})|(?P<za{i}>{abbr or '(?!)'})" for i, (abbr, names) in enumerate(ZONES.values()))
        + r")(?![a-z])(?:\s*[+-]\s*\d{1,2})?(?:\s*\))?)"
        rf"|(?P<dayonly>(?:(?:(?<![a-z])le|the|يوم)\s+|(?=[0-3]?\d(?:st|nd|rd|th)?\s+inst(?:ant)?\b)){_DAYNUM.replace('day', 'day3')}(?!\s*(?:h\b|:|\d|%|ans|years?|minutes?|jours?|days?|heures?|hours?|ساعه|دقيقه))"
        # "by the 14th would be ideal": an English ordinal is a day of the month whatever follows,
        # unless a month ("the 14th of June" is read whole), or a noun it numbers, follows.
        rf"(?:(?<=\dst|\dnd|\drd|\dth)(?!\s+(?:of\b(?!\s+(?:this|the)\s+month)|century|anniversary|edition|session|round|floor|annual|birthday|time)|\s*(?:{_MON_PLAIN})(?![a-z]))"
        r"|(?=\s*(?:$|[.,;!?)،]|\s+(?:at|à|au|a|de|pour|du|and|et|وذلك|courant|si|s.il|svp|merci|afin|sinon|ou|if|so|please|or|me|nous|serait|conviendrait|irait|would|will|works?|should|عشان|علشان|حتي|لكي|كي|ليتسني|لنتمكن|لان|اذا|لو|كحد|بحد|كاقصي)\b))))"
)
# Where a token can start: a digit or the first word of an expression. Trying the token
# grammar only there is several times faster than scanning every position with it.
_START_WORDS = """
within binnen innerhalb içinde icinde içerisinde icerisinde dentro in under before inside dans d'ici sous en nas em в w inom innen ndani dalam خلال في the end la fin نهايه اخر eod cob close today tonight this امهلكم نمهلكم مهله
aujourd'hui aaj ce cet cette اليوم الليله النهارده انهارده النهاردا final fim ende dienstschluss einde gün gun akhir конца هذا مساء صباح heute hoy day apres-demain après-demain بعد tomorrow demain finales اواخر ende الويك باچر
غدا غد الغد ظهر الضهر عصر نهار باكر بكره بكرا weekend week-end dem wochenende het عطله sometime bugün bugun hari oggi আজ yarın yarin besok domani আগামীকাল öğle ogle mezzogiorno during durant pendant tmrw tmr 2moro 2morrow خلال morgen manana mañana کل le يوم الساعه noon midday midi الظهر الظهيره ظهرا midnight minuit منتصف نص
""".split()
_ZONE_WORDS = [w for abbr, names in ZONES.values() for w in abbr.lower().split("|") if w] + [
    "hora", "pacific", *(w for cities in _CITY_ZONES.values() for w in cities.split("|")),
    "eastern", "new", "heure", "central", "pacific", "paris", "london", "uk", "riyadh", "saudi", "mecca", "makkah",
    "dubai", "uae", "gulf", "cairo", "بتوقيت", "توقيت", "gmt", "utc", "غرينتش", "جرينتش", "غرينيتش",
]
_CALENDAR_WORDS = [w for table in (WEEKDAYS, MONTHS, _WEEKDAY_ABBR, _WEEKDAY_ABBR_FR) for v in table.values()
                   for w in re.split(r"\|", v)]


def _spellings(word: str) -> list[str]:
    """The literal spellings of a simple pattern: "f[ée]vrier" → févier, fevrier; up to "\\s+"."""
    word = re.split(r"\\s\+|\\\.|\(\?", normalize_pattern(word).lower())[0]
    m = re.search(r"\[([^\]]+)\]", word)
    if not m:
        return [word] if word else []
    return [s for ch in m.group(1) for s in _spellings(word[:m.start()] + ch + word[m.end():])]


_START_RE = re.compile(
    "|".join(re.escape(w) for w in sorted(
        {s for w in _START_WORDS + _ZONE_WORDS + _CALENDAR_WORDS + list(_AR_ORDINAL_DAYS) + _FR_DAY_STARTS for s in _spellings(w)}, key=len, reverse=True))
)
_DIGITS_RE = re.compile(r"\d+")
_WORD_START_RE = re.compile(r"(?<!\w)\w")
_START_PREFIXES = frozenset(alt.replace("\\", "")[:2] for alt in _START_RE.pattern.split("|"))
_CLITICS = "وفبل"  # Arabic conjunctions and prepositions written onto the next word

# Every token holds a digit or one of these words (a duration its unit, "end of the week" its
# "end", a weekday its name, ...), so the grammar is tried only within _REACH characters of one:
# a token, and a zone joined to it, never reaches further from its anchor. Most of a letter
# holds none, and scanning it word by word was most of the deadline search.
_ANCHOR_WORDS = sorted({s for w in [
    "hour", "hr", "day", "week", "heure", "jour", "semaine", "huitaine", "quinzaine", "ساع", "يوم", "ايام", "اسبوع",
    "dag", "tag", "día", "dia", "uur", "uren", "stund", "hora", "weken", "woche", "semana",
    "end", "fin", "نهايه", "اخر", "اواخر", "finales", "month", "mois", "الشهر", "الجاري", "الويك", "eod", "cob", "business", "play", "final", "fim", "ende", "dienstschluss", "einde",
    "sonu", "akhir", "конца",
    "today", "tonight", "morning", "afternoon", "evening", "aujourd", "soir", "matin", "midi", "اليوم", "الليله",
    "المساء", "النهارده", "انهارده", "النهاردا", "heute", "hoy", "aaj", "bugün", "bugun", "hari", "oggi", "আজ", "yarın", "yarin", "besok", "domani", "আগামীকাল",
    "öğle", "ogle", "mezzogiorno", "tomorrow", "tmrw", "tmr", "2moro", "demain", "غد", "باكر", "باچر", "بكره", "بكرا", "morgen", "ma[ñn]ana", "کل",
    "الساعه", "المغرب", "noon", "midday", "الظهر", "الضهر", "الظهيره", "ظهرا", "midnight", "minuit", "منتصف", "نص",
    *(w for v in WEEKDAYS.values() for w in v.split("|")),
    *{k.split("\\s+")[0] for k in _AR_ORDINAL_DAYS},  # "بحلول العاشر من أكتوبر": a date without a digit
    *_FR_DAY_STARTS,  # "avant le vingt-huit février"
    # "by Wed": an abbreviated weekday with no digit near it (see _ABBR_CUE).
    *(f"{cue} {abbr}" for cue in ("by", "before", "until", "till")
      for v in _WEEKDAY_ABBR.values() for abbr in v.split("|")),
    *(f"{cue} {abbr}" for cue in ("avant", "d'ici") for abbr in _WEEKDAY_ABBR_FR.values()),
] for s in _spellings(w)})
_H_UNIT_RE = re.compile(r"(?<![a-z])h(?![a-z])")  # "24 h", "in the next h": a unit too short for the list
_REACH = 80
_anchors = None


def _anchor_automaton():
    global _anchors
    if _anchors is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in _ANCHOR_WORDS:
            automaton.add_word(word, len(word))
        automaton.make_automaton()
        _anchors = automaton
    return _anchors


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` within _REACH of an anchor, merged, in order."""
    spans = sorted([(end + 1 - size, end + 1) for end, size in _anchor_automaton().iter(text)]
                   + [m.span() for m in _DIGITS_RE.finditer(text)] + [m.span() for m in _H_UNIT_RE.finditer(text)])
    merged: list[list[int]] = []
    for start, end in spans:
        low, high = max(0, start - _REACH), end + _REACH
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low, min(high, len(text))) for low, high in merged]


def _word_starts(text: str):
    """Where a word-led token can begin: a word's start (or just after an Arabic clitic), near
    an anchor.

    Only there can a token that starts with a letter be accepted (see _BEFORE_OK), and
    checking two letters against a set first avoids trying 240 alternatives at every position.
    """
    for low, high in _windows(text):
        for m in _WORD_START_RE.finditer(text, low, high):
            pos = m.start()
            for q in (pos, pos + 1) if text[pos] in _CLITICS else (pos,):
                if (text[q:q + 2] in _START_PREFIXES or text[q] in _START_PREFIXES) and _START_RE.match(text, q):
                    yield q

_AR_LETTER_RE = re.compile(f"[{_AR_LETTERS}]")
# The boundary that must precede a token: not inside a word or a number.
_BEFORE_OK = re.compile(r"(?:^|[^\w]|(?:^|[^\w])[وفبل])$")

# What may sit between two tokens of one expression.
_JOIN_RE = _re(
        r"^[\s,،(]*(?:(?:at|on|the|by|before|around|next\s+week|next|this|coming|à|a|las|au|le|vers|avant|de|du|prochain|(?:news\s+)?bulletin|newscast|news|show|broadcast|edition|slot|journal|flash|[ée]mission|[ée]dition|قبل|الساعه|يوم|في|عند|بحلول|القادم|ou|حتي|saat|pukul|jam|alle|ore|um|,|،|-|–)[\s,،(]*)*[\s,،()]*$"
)
# Cues: immediately before the expression (with a little filler), or just after it.
_FILLER = (r"(?:\s+|(?:the\s+)?end\s+of\s+|(?:i|we)\s+file\s+|(?:jt|journal|bulletin|flash|[ée]dition|[ée]mission)\s+(?:de\s+|d')\s*|(?:our|the)\s+(?:[a-z]+\s+){0,2}?(?:runs|airs|goes\s+(?:live|out|to\s+print)|closes|publishes|is\s+published)\s+|at\s+(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o.clock)?\s+)?|the\s+|this\s+|next\s+|coming\s+|on\s+|le\s+|la\s+|l'|au\s+|ce\s+|cette\s+|يوم\s+|تاريخ\s+|:\s*|,\s*"
           r"|el\s+|il\s+|o\s+dia\s+|o\s+|el\s+d[íi]a\s+|dia\s+|il\s+giorno\s+|am\s+|zum\s+|den\s+|hari\s+"
           # "nejpozději v pátek", "najpóźniej w piątek", "до вторника", "până la data de 30 octombrie", "senast på fredag".
           r"|v\s+|ve\s+|w\s+|we\s+|u\s+|в\s+|во\s+|(?:la\s+|pe\s+)?data\s+de\s+|på\s+"
           r"|ل?نهار\s+|our\s+|your\s+|my\s+|notre\s+|votre\s+|nuestro\s+|nuestra\s+|روز\s+|(?:صباح|مساء|عصر|صلاه)\s+"
           r"|(?:موعد\s+)?(?:ال)?(?:نشره|بث)\s+(?:(?:ال)?(?:مسائيه|صباحيه|رئيسيه)\s+)?(?:علي\s+)?|(?:اقفال|اغلاق|تسكير)\s+(?:ال)?(?:عدد|صفحه|طبعه|نشره)\s+)*")
# "قبل" as a word of its own, with "و"/"ف" at most: "المقبل" (next) and "مستقبل" (future) end in it.
_CUE_RE = _re(
        r"(?:(?<![a-z\d])b4(?=\s)|(?<![a-z])(?:by|before|no\s+later\s+than|not\s+later\s+than|at\s+the\s+latest\s+by|latest\s+by|ahead\s+of|prior\s+to|due(?:\s+(?:by|on))?"
        r"|deadline(?:\s+(?:is|of|by))?|reply\s+by|respond\s+by|no\s+later|filing\s+(?:at|by|around)|(?:i|we)\s+file\s+(?:at|by|around)|before\s+(?:(?:it|the\s+(?:\S+\s+){0,2}?\S+|(?:tomorrow|today).s\s+\S+)\s+(?:starts?|begins?|opens?)|the\s+start)\s+(?:at|on)|d'ici(?:\s+(?:à|a))?|avant|au\s+plus\s+tard"
        r"|date\s+limite(?:\s+(?:est|du|:))?|d[ée]lai(?:\s+(?:est|:))?|[ée]ch[ée]ance|(?<![\u0621-\u064a])[وف]?قبل|في\s+موعد\s+اقصاه|موعد\s+اقصاه|اقصاها|اقصاه|بحد\s+اقصي|كحد\s+اقصي|وحد\s+اقصي|(?:على|علي)\s+(?:اقصي|ابعد)\s+تقدير|كاقصي\s+تقدير"
        r"|بحلول|(?:ب|في\s+)?موعد\s+لا\s+يتجاوز|(?:في\s+)?اقصي\s+حد|موعد\s+(?:ال)?تسليم(?:\s+(?:ال)?(?:ماده|تقرير|مقال|نص|المواد))?|لا\s+يتجاوز|الموعد\s+النهائي|موعد\s+نهائي|اخر\s+موعد|في\s+اجل\s+اقصاه|اجل\s+اقصاه|قبل\s+نهايه|bis|hasta|antes\s+d(?:el?|o)|entro|at[ée]|kadar|sebelum|paling\s+lambat(?:\s+(?:hari|tanggal|pada))?|selambat-lambatnya(?:\s+(?:hari|tanggal|pada))?|sp[äa]testens|en\s+ge[çc]|m[öo]glichst(?:\s+noch)?|a\s+m[áa]s\s+tardar|como\s+muy\s+tarde|non\s+oltre|uiterlijk|v[óo][óo]r(?<!voor)|senast|f[öo]re|innan|senest|kabla\s+ya|ifikapo|zuwa\s+ranar|kafin(?:\s+ranar)?|selewat-lewatnya|не\s+позднее|hold\s+(?:the|your|this|a)\s+(?:slot|spot|place|seat|space)\s+(?:open\s+)?(?:for\s+(?:you|your\s+\w+)\s+)?(?:until|till)|(?:we.re|we\s+are|we.ll\s+be|we\s+will\s+be|i.m|i\s+am)\s+(?:moving|running|publishing|filing|airing)\s+(?:the|this|our|my)\s+(?:story|piece|report|article|item)\b(?:\s+(?:at|on|by))?|(?:we|i)\s+(?:close|lock|go\s+to\s+(?:print|press|air))(?:\s+(?:the|our))?(?:\s+(?:issue|edition|paper|pages?|show|bulletin|magazine))?|(?<!not\s)going\s+to\s+(?:print|press)|(?:mon|notre)\s+(?:article|papier|sujet|reportage|d[ée]p[êe]che)\s+(?:part|sort)\b|(?:editor|desk)\s+(?:closes|locks)\s+(?:the|our|my)\s+(?:issue|edition|paper|pages?|bulletin)|cerramos(?:\s+la\s+edici[óo]n)?|cierro(?:\s+(?:el\s+texto|la\s+nota|el\s+art[íi]culo))?|(?:page|pages|edition|issue|paper|magazine|copy|layout)\s+(?:closes?|locks?|goes\s+to\s+(?:print|press))|(?:editorial|copy)\s+(?:close|deadline)|(?:part|partons|partira|va|ira)\s+(?:[àa]\s+l'impression|sous\s+presse)|(?:mise|passe|partira)\s+sous\s+presse(?:\s+[àa])?|remise\s+(?:des?|du)\s+(?:textes?|contributions?|articles?|copies?|tribunes?)|date\s+de\s+remise|submission\s+deadline|submissions?\s+(?:are\s+)?due|(?<!en\s)(?<!in\s)(?:une\s+|a\s+|an\s+|your\s+|votre\s+)(?:r[ée]ponse|reply|response|answer)|(?:(?:nous\s+)?bouclons|(?:je|on)\s+boucle\b)(?:\s+(?:à|a|vers|avant))?|boucler(?:\s+(?:notre|nos|le|la|l')\s*[^\W\d]+)?|fechamos(?:\s+a\s+edi[çc][ãa]o)?|chiudiamo(?:\s+il\s+numero)?|wir\s+schlie[ßs]en|(?<![\u0600-\u06ff\d])(?<!\d\s)تا|(?<![а-я\d])(?<!\d\s)до"
        r"|(?:before|by|ahead\s+of|avant|antes\s+del?|vor|voor)\s+(?:(?:our|notre|nuestro|nuestra|the|le|la|el|unserem|unserer)\s+)?"
        r"(?:bouclage|(?:conseil|comit[ée]|r[ée]union)\s+de\s+r[ée]daction|editorial\s+meeting|cierre(?:\s+de\s+(?:la\s+)?edici[óo]n)?|(?:print\s+|press\s+)?deadline|redaktionsschluss|deadline\s+de\s+la\s+r[ée]daction)"
        r"(?:\s+(?:de|of|at|à|a\s+las|a\s+la|du|um|is|est))?))"
        + _FILLER + r"$"
)
# "نرجو الرد يوم الخميس", "نحتاج ردكم يوم 6 آذار": the answer named, then its day — in a request only
# ("نشرنا الرد يوم الاثنين" is when it was published).
# ... and the colloquial verb itself, addressed to the office: "لو ينفع تردوا عليا آخر الأسبوع", "ردولنا بكرة".
_AR_REPLY_CUE_RE = _re(r"(?:(?<![\u0621-\u064a])(?:تردوا|تردون|ردوا|تردولي|ردولي|تردولنا|ردولنا|تجاوبوا|تجاوبونا|جاوبونا|تبلغونا|بلغونا)(?:\s+(?:عليا|علي|علينا|لي|لنا))?\s+" + _FILLER + r"$)|(?:نرجو|ارجو|نامل|امل|نحتاج|احتاج|يرجي|الرجاء|نتمني|اتمني|نود|اود|ننتظر|انتظر|بانتظار|انتظار|نطلب|اطلب|طلبت|نريد|اريد|بدنا|بدي|نبغي|ابغي|محتاج\w*|يهمنا|نتطلع\s+الي)\s+(?:\S+\s+){0,3}?(?<![\u0621-\u064a])[وف]?ب?(?:الرد|ردكم|ردك|الجواب|جوابكم|الاجابه|اجابتكم|تاكيدكم|موافقتكم|افادتكم)\s+" + _FILLER + r"$")
# Cues that only count when the sentence asks for something ("until", "jusqu'au", "pour").
_WEAK_CUE_RE = _re(r"(?:(?:^|[^a-z])(?:jusqu'?(?:à|a|au)?|pour|حتي|لحد|لغايه|لغايت|until|till|for|(?:الجواب|الرد|الاجابه|الاجابات|ردكم|جوابكم)\s+الي)"
                   + _FILLER + r"|(?:^|\s)ل)$")  # "لآخر شباط": until
# "the 12 October forum", "Thursday's briefing": a date that names an event, not a deadline.
_EVENT_AFTER_RE = _re(r"\s*(?:'s\s+)?(?:forum|conference|summit|event|ceremony|exercise|visit|meeting|briefing|press\s+conference|launch|session|"
                      r"edition|issue|programme|program|show|bulletin|broadcast|workshop|seminar|webinar|panel|expo|exhibition|festival|"
                      r"match|game|election|vote|debate|hearing|trial)\b")
# "what your spokesman said today", "le communiqué publié ce matin", "البيان الذي صدر اليوم": today
# as the time of something that happened, not a deadline.
_HAPPENED_BEFORE_RE = _re(
    r"(?:\b(?:said|announced|published|posted|reported|released|issued|held|happened|occurred|tweeted|stated|claimed|"
    r"circulated|circulating|denied|confirmed|was|were|saw|seen|heard|read|received|sent|aired|broadcast|took\s+place|tenue?s?|delivered|given|made|signed|launched|unveiled|taken|shot|filmed|"
    r"gave|hosted|organi[sz]ed|opened|closed|attended|shared|spoke|addressed|presented|inaugurated|visited|met|concluded|ended|began|started|went)\b(?:\s+[^\s.?!]+){0,2}"
    r"|\b[^\W\d_]{3,}(?:é|ée|és|ées)\b(?:\s+[^\s.?!]+){0,1}"
    r"|(?<![\u0621-\u064a])[وف]?(?:صرح|اعلن|اعلنت|نقل|نقلت|نشر|نشرت|نشرتم|اصدر|اصدرت|اصدرتم|قال|قالت|قاله|قالها|قالته|ذكر|ذكرت|تداول|تداولت|صدر|حدث|جري|جرت|وقع|عقد|عقدت|انعقد|انعقدت|اقيم|اقيمت|القيت|القي|القاها|التقطت|الصادر|الصادره|المنشور|المنشوره|المعلن|المعلنه|"
    r"المنعقد|المنعقده|المقام|المقامه|المتداول|المتداوله|المنتشر|المنتشره|المثار|المثاره|المنظم|المنظمه|الملقاه|المعقود|المعقوده|تم|\S{2,}تمو(?:ه|ها|هم))(?:\s+\S+){0,2})\s+$"
)
# Someone's words of this morning: "the Secretary-General's statement this morning", "his remarks this morning" (not
# "send me the remarks this morning", which may be by when).
_SAID_THIS_MORNING_RE = _re(r"(?:'s|’s|\bhis|\bher|\bits|\btheir)\s+(?:[\w-]+\s+){0,2}?(?:statement|remarks|speech|"
                            r"announcement|briefing|press\s+conference|address|comments)\s+(?:(?:made|given|issued|delivered)\s+)?$")
# "until today nobody has answered", "bis heute haben wir keine Antwort", "لم نتلق ردا حتى اليوم",
# "the figures up to today": so far, not by when (a request "until today" is one only in a clause
# that says nothing of what has or has not happened yet; Arabic says "so far" this way, not "by today").
_SO_FAR_RE = _re(r"(?:(?P<always>\bup\s+to|(?:^|\s)[و]?(?:حتي|لحد|لغايه|لغايت|الي))|\b(?:until|till|bis|jusqu.(?:[àa])?|hasta))\s+$")
_SO_FAR_CLAUSE_RE = _re(r"\b(?:have|has|had|haven't|hasn't|never|nobody|no\s+one|still|avons|avez|ai|a|n'a|n'ai|n'avons|jamais|personne|"
                        r"toujours|haben|habe|hat|hatten|keine?|nie|noch|hemos|han|nadie|todav[íi]a)\b")
# "ب" written onto the next word, "بنهاية الأسبوع": "by" the end of a period.
_AR_BY_END_RE = re.compile(r"(?:^|\s)[وف]?ب$")
# "as soon as possible" is the sender's deadline: a day named beside it without a cue is when
# something else happens ("le montage commence cet après-midi, donc … dès que possible").
_ASAP_RE = _re(r"\b(?:asap|as\s+soon\s+as\s+possible)\b|d[èe]s\s+que\s+possible|au\s+plus\s+vite|في\s+اقرب\s+وقت|باسرع\s+وقت")
_EXPLICIT_DURATION_RE = _re(r"(?:within|binnen|innerhalb|dentro\s+de|in\s+the\s+next|inside\s+of|dans\s+un\s+d[ée]lai\s+(?:maximum\s+|max\.?\s+)?de|dans\s+les|d'ici|sous|en\s+moins\s+de|في\s+غضون|في\s+مده\s+لا\s+تتجاوز|[ان]مهلكم|مهله\s+(?:مدتها|قدرها)"
                              r"|en\s+(?:las|los)\s+pr[óo]xim[oa]s|nas\s+pr[óo]ximas|em\s+at[ée]|в\s+течение|w\s+ci[ąa]gu|inom|innen|ndani\s+ya)\s")
_INNER_CUE_RE = _re(r"(?:^|\s)(?:before|avant|قبل|by)\s")
_LOOSE_CUE_RE = _re(r"(?:deadline|(?:date|heure)\s+de\s+tomb[ée]e|bouclage|bouclons|redaktionsschluss|cierre\s+de\s+(?:la\s+)?edici[óo]n|fechamento|chiusura|date\s+limite|d[ée]lai|[ée]ch[ée]ance|الموعد\s+النهائي|اخر\s+موعد|موعد\s+التسليم)[^.?!\n]{0,50}$")
# "pas de délai particulier", "no deadline": the sender says there is none. (An office's own cut-off
# that the sender quotes, "the accreditation deadline on your website says 1 December", stays a
# deadline: the development set labels it so, though one later author did not.)
_NO_DEADLINE_SAID_RE = _re(
    r"\b(?:no|pas\s+de|aucun|sans)\s+(?:particular\s+|specific\s+|real\s+|hard\s+)?(?:deadline|d[ée]lai|date\s+limite)|لا\s+(?:يوجد|يوجد\s+لدينا|يوجد\s+اي)\s+موعد")
# A cue, the thing the answer must come before, and its day: "before the committee meeting on", "قبل موعد الطباعة مساء".
# "أحتاج المعلومات يوم الأربعاء", "نحتاج الجواب يوم الاثنين": a need, then the day (every such letter in the sets gives it).
# ... and in English, in a letter that asks: "we need them Thursday".
_NEED_ON_DAY_RE = _re(r"(?<![\u0621-\u064a])(?:احتاج|نحتاج|منحتاج|محتاج|محتاجين|بدي|بدنا)\s+(?:\S+\s+){0,3}?(?:يوم|نهار)\s+$"
                      r"|\bneeds?\s+(?:it|them|this|these|those|the\s+(?:files?|photos?|images?|logos?|figures?|answers?|statement|quote|text))\s+(?:on\s+)?$")
_CUE_EVENT_RE = _re(r"(?:\bbefore|\bahead\s+of|\bprior\s+to|\bavant|(?:^|\s)قبل)\s+(?:[^\s.?!,،;:]+\s+){1,4}?(?:on|le|du|يوم|نهار|في|بتاريخ|مساء|صباح|ظهر|عصر|ليله)\s+$"
                    # "before our report goes to layout on 20 October", "before the issue goes to print on Monday"
                    r"|\bbefore\s+(?:our|the|my|this|its)\s+(?:\S+\s+){0,2}?goes\s+to\s+(?:layout|print|press|air|bed|the\s+printers?)\s+on\s+$"
                    r"|\b(?:d.ici|avant)\s+(?:mon|notre|son|leur)\s+d[ée]part\s+$|\bbefore\s+(?:i|we)\s+(?:leave|fly|travel)\s+(?:on\s+)?$"
                    r"|\bbefore\s+(?:my|our)\s+(?:\S+\s+){0,2}?(?:flight|departure|train|plane|trip)\s+(?:(?:on|at)\s+)?$")
# "the interview for Monday", "scheduled for Thursday", "l'entretien prévu pour lundi", "confirm my
# attendance for the 22nd": when a thing happens, not by when the sender needs an answer.
# ("annoncée à Riyad pour le 30 novembre", "scheduled in Riyadh for the 30th": the place between changes nothing.)
_SCHEDULED_FOR_RE = _re(r"\b(?:interview|meeting|call|recording|appointment|slot|session|filming|shoot|booked|scheduled|planned|announced|confirmed|set|fixed|moved|postponed|"
                        r"rescheduled|entretien|rendez-vous|enregistrement|tournage|pr[ée]vue?s?|annonc[ée]e?s?|fix[ée]e?|programm[ée]e?|report[ée]e?|"
                        r"attendance|presence|pr[ée]sence|participation|seats?|places?|rsvp)\s+(?:(?:[àa]|in|at|en)\s+[A-Za-zÀ-ÿ'-]+\s+)?(?:for|pour)\s+(?:le\s+|la\s+|the\s+)?$")
# "What is the accreditation deadline for…?", "Quelle est la date limite…?", "ما هو آخر موعد…؟": the
# sender asks for the office's deadline; the date beside it is the event's, not theirs.
_DEADLINE_ASKED_RE = _re(
    r"\b(?:what|when)(?:\s+is|'s|\s+was|\s+will\s+be)\s+the\s+(?:\w+\s+){0,2}(?:deadline|cut-?off)|\bis\s+there\s+a\s+(?:\w+\s+)?(?:deadline|cut-?off)"
    r"|\bquel(?:le)?\s+est\s+(?:la|le)\s+(?:date\s+limite|d[ée]lai)|\by\s+a-t-il\s+une\s+date\s+limite|\bjusqu.[àa]\s+quand"
    r"|(?:ما|ماهو|ما\s+هو|ما\s+هي|متي)\s+(?:اخر\s+موعد|الموعد\s+النهائي|موعد\s+(?:اغلاق|انتهاء))|(?:^|\s)هل\s+(?:يوجد|هناك)\s+موعد")
# "the academy announced that the last day for applications is 30 November", "votre avis précise que
# les demandes doivent parvenir avant le 4", "وذكرت أن آخر موعد لتقديم الطلبات هو": a cut-off someone
# else set, reported, not by when the sender needs an answer.
_REPORTED_CUTOFF_RE = _re(
    r"(?:\b(?:says|said|states|stated|announced|mentions|mentioned|notes|noted|specifies|specified)\s+(?:that\s+)?(?:the\s+)?(?:last\s+day|deadline|closing\s+date|cut-?off)"
    r"|\b(?:pr[ée]cise|indique|mentionne|rappelle|annonce|pr[ée]cisait|indiquait)\s+que\s+(?:la\s+date\s+limite|le\s+d[ée]lai|les\s+(?:demandes|candidatures|inscriptions))"
    r"|(?:^|\s)[وف]?(?:ذكرت|ذكر|يذكر|تذكر|اعلنت|اعلن|قالت|قال|اشارت|اشار|يشير|تشير|حددت|حدد|ينص|تنص)\s+(?:\S+\s+){0,3}?(?:ان|بان)\s+(?:اخر\s+موعد|الموعد\s+النهائي)"
    # "I have seen on your website that accreditation requests should be received by 10 November".
    r"|\b(?:seen|read|noticed|says|states|stated|indicates|according\s+to)\b[^.?!\n]{0,80}\b(?:requests?|applications?|registrations?|submissions?|nominations?)\s+(?:should|must|need\s+to|have\s+to|are\s+to)\s+be\s+(?:received|submitted|sent|made|filed|in))"
    r"[^.?!;\n]{0,60}$")
# "la date limite indiquée sur votre site est le 25 janvier", "حسب إعلانكم فإن آخر موعد للتسجيل يوم
# الثلاثاء", "Duyurunuzda … en geç 6 Aralık'a kadar": the office's own published cut-off, quoted.
_OFFICE_CUTOFF_RE = _re(
    r"(?:(?:\b(?:deadline|cut-?off|closing\s+date|last\s+day|date\s+limite|d[ée]lai|cl[ôo]ture|fecha\s+l[íi]mite|plazo|frist|anmeldeschluss|en\s+ge[çc]|son\s+ba[şs]vuru)"
    r"|اخر\s+موعد|الموعد\s+النهائي|موعد\s+(?:اغلاق|انتهاء))"
    r"[^.?!\n]{0,120}?(?:\b(?:on|in|per|from|according\s+to)\s+your\s+(?:web\s*site|site|web\s*page|page|announcement|notice|call|invitation|portal|release|tender)"
    r"|\b(?:sur|dans|selon|d.apr[èe]s)\s+(?:votre|vos)\s+(?:site|annonce|avis|appel|communiqu[ée]|invitation|page|portail)"
    r"|(?:^|\s)(?:حسب|وفق|بحسب)\s+(?:اعلانكم|موقعكم|دعوتكم|تعميمكم))"
    r"|(?:\b(?:your|votre|vos)\s+(?:web\s*site|site|announcement|annonce|notice|avis|call|appel(?:\s+d.offres)?|tender|invitation|portal|portail|release|communiqu[ée])"
    r"|(?:^|\s)[وف]?(?:ب|ل|على\s+|في\s+)?(?:اعلانكم|موقعكم|دعوتكم|تعميمكم|بوابتكم)|\b(?:duyurunuz\w*|sitenizde|web\s+sitenizde))"
    r"[^.?!\n]{0,120}?(?:\b(?:deadline|cut-?off|closing\s+date|last\s+day|date\s+limite|d[ée]lai|cl[ôo]ture|fecha\s+l[íi]mite|plazo|frist|en\s+ge[çc]|son\s+ba[şs]vuru)"
    r"|اخر\s+موعد|الموعد\s+النهائي|موعد\s+(?:اغلاق|انتهاء))"
    # A registration's or an accreditation's own cut-off, whoever published it: "the registration closes on 30 May",
    # "la date limite d'inscription est le 31 octobre", "آخر موعد للتسجيل".
    r"|\b(?:registration|accreditation|applications?)\s+(?:deadline|closes|cut-?off|closing\s+date|window\s+(?:runs|is\s+open|stays\s+open|closes|ends))|\bdate\s+limite\s+d.(?:inscription|accr[ée]ditation)"
    r"|\bcl[ôo]ture\s+des\s+(?:inscriptions|accr[ée]ditations)|(?:اخر\s+موعد|الموعد\s+النهائي)\s+(?:لل|ل)(?:تسجيل|اعتماد|استلام\s+(?:ال)?طلبات)"
    r")(?:[^.?!\n]|\n(?!\n)){0,60}$")
# "in the week of 12 October", "dans la semaine du 12 octobre": the week something may happen in.
_WEEK_OF_RE = _re(r"\bsemaine\s+du\b|\bweek\s+(?:of|starting|beginning|commencing)\b")
_WEEK_OF_BEFORE_RE = _re(r"(?:\bsemaine\s+du|\bweek\s+of|\bweek\s+(?:starting|beginning|commencing)(?:\s+on)?)\s+(?:the\s+|le\s+)?$")
# "before the registration closes on 14 March": the sender's own "before", the cut-off its date.
_CUE_BEFORE_CUTOFF_RE = _re(r"(?:\bbefore|\bavant|(?:^|\s)قبل|\bahead\s+of|\bprior\s+to|\bby)\s+(?:the\s+|la\s+|le\s+|l')?$")
# The authors of ten tuning sets (AF, AJ, CA, CB, CR, CU, EB, FG, FO, W): a cut-off days away is the office's
# calendar, not the sender's by-when.
CUTOFF_DAYS = 4
# "…, so I am sending it early", "je vous envoie donc ma demande dès maintenant", "لذا أرسلنا البيانات
# مبكراً", "başvurumu şimdiden gönderiyorum": the sender is ahead of that cut-off, not pressed by it.
_AHEAD_OF_IT_RE = _re(r"\b(?:early|in\s+(?:good\s+)?time|in\s+advance|ahead\s+of\s+(?:time|it|the\s+deadline))\b|\bd[èe]s\s+(?:maintenant|aujourd.hui|[àa]\s+pr[ée]sent)"
                      r"|\b(?:en\s+avance|[àa]\s+l.avance|sans\s+attendre)\b|(?:^|\s)(?:مبكرا|مسبقا|من\s+الان|قبل\s+الموعد)|\b(?:şimdiden|simdiden|erkenden|vorab|fr[üu]hzeitig|con\s+antelaci[óo]n)\b")
# "…, so I am sending my request now", "je vous adresse ma demande", "لذا ارسل طلبي الان", "so I wanted to
# get in before then": the sender acts on that cut-off (so a "before then" in the same sentence is their own), not
# asks by it.
_SENDER_ACTS_RE = _re(r"\b(?:so|and|hence)\s+(?:i|we)(?:\s+(?:am|are)|'m|'re)?\s+(?:(?:sending|submitting|applying|writing)\b|(?:wanted|want|wished|hoped)\s+to\s+(?:get|send|submit|apply|register)\b)"
                      r"|\b(?:je|nous)\s+vous\s+(?:adresse|adressons|envoie|envoyons|transmets|transmettons|fais\s+parvenir|faisons\s+parvenir)\b"
                      r"|(?:^|\s)[وف]?(?:لذا|لذلك)\s+(?:ا|ن)?(?:رسل|ارسل|اتقدم|نتقدم|قدم|سجل)\w*")
# "وسأستكمل التسجيل … قبل آخر موعد للتسجيل", "I will complete the form before the registration closes": the
# sender's own "before", not one they set the office.
_OWN_BEFORE_RE = _re(r"(?:(?:^|\s)[وف]?س(?:ا|ن)(?:ستكمل|كمل|رسل|سجل|قدم|تقدم|رفع)\w*|\b(?:i|we)(?:\s+will|'ll)\s+(?:complete|finish|register|submit|send|fill|apply)\b)[^.?!\n]{0,60}$")
# "the deadline for the forum on 30 November": the date names the event a cut-off belongs to.
_EVENT_BEFORE_RE = _re(r"\b(?:forum|conference|summit|symposium|colloque|sommet|congr[èe]s|salon|ceremony|c[ée]r[ée]monie|event|[ée]v[ée]nement|workshop|atelier|seminar|s[ée]minaire)"
                       r"\s+(?:du|on|of|de|le|held\s+on|pr[ée]vu\s+le)\s+$|(?:منتدي|مؤتمر|قمه|ندوه|ملتقي|ورشه|حفل|فعاليه)\s+(?:\S+\s+)?(?:يوم|في|بتاريخ)\s+$")
# "…, so it's too late for that one", "c'est donc trop tard": a date the sender has missed.
_TOO_LATE_RE = _re(r"\s*[,;:]?\s*(?:so|which\s+means|donc)\s+(?:it'?s|it\s+is|that'?s|we'?re|c'est|il\s+est)\s+(?:\w+\s+)?(?:too\s+late|trop\s+tard|pass[ée])|\s*[,;:]?\s*(?:c'est|il\s+est)\s+(?:donc\s+)?(?:d[ée]j[àa]\s+)?trop\s+tard|\s*[,،]?\s*(?:لذا|لذلك)\s+(?:فات\s+الاوان|لم\s+يعد\s+ممكنا)")
# "Tomorrow would be great, as the piece runs at the weekend": a day that opens its sentence as the one wished for
# (not "Thursday would be perfect for me", a slot accepted, nor "the meeting on Friday would be great to attend").
_WISHED_DAY_RE = _re(r"\s*(?:would|will)\s+be\s+(?:great|ideal|perfect|best|helpful|much\s+appreciated|brilliant|wonderful)\b"
                     r"(?!\s+(?:for|to)\b)")
_POST_CUE_RE = _re(r"^\s*\)?\s*(?:\([^()\n]{1,25}\)\s*)?,?\s*(?:at\s+the\s+latest|latest|ko\s+kafin\s+nan|(?:would|will)\s+be\s+(?:the|our|my)\s+(?:latest|deadline|cut-?off)\b|is\s+(?:the|our|my)\s+(?:latest|deadline|cut-?off)\b|au\s+plus\s+tard|dernier\s+d[ée]lai|كحد\s+اقصي|بحد\s+اقصي|على\s+الاكثر|بالكتير|بالكثير|ع\s+الاكتر|على\s+اقصي\s+تقدير|(?:ب|على\s+)ابعد\s+تقدير|كاقصي\s+(?:حد|تقدير)|suffit|suffira|(?:(?:صبح|شام|دوپہر|رات)\s+)?تک|'?[a-zçğıöşü]{0,4}(?:\s*\([^()\n]{1,25}\))?(?:\s+g[üu]n[üu](?:n[ea])?)?(?:\s+mesai\s+(?:saati\s+)?(?:bitimin|sonun)[ea])?\s+kadar\b|\S{0,3}\s*(?:এর\s+)?মধ্যে"
                   # Azerbaijani, Uzbek, Kazakh, Pashto, Somali: "18:00-a qədər", "…gacha", "… дейін", "تر … پورې", "Khamiista ka hor", "… ugu dambeyn".
                   r"|-?[a-zəçğıöşü]{0,4}\s+q[əe]d[əe]r\b|gacha\b|(?:\s+күн\S{0,3})?\S{0,4}\s+дейін|\S{0,2}\s*پورې|ka\s+hor\b|ugu\s+dambeyn\b)")
# "We go to print on Friday, so anything before then would help", "سيتم النشر يوم الخميس، لذا نرجو
# الرد قبل ذلك": a date that a later "before then" points back to is the deadline.
_BEFORE_THEN_RE = _re(r"[^\n]{0,100}?(?:(?<!few\sweeks\s)(?<!few\sdays\s)(?<!several\sweeks\s)(?<!several\sdays\s)\bbefore\s+(?:then|that(?:\s+date|\s+time)?)\b|\bby\s+then\b|\bprior\s+to\s+that\b|\bavant\s+(?:cela|[çc]a|cette\s+date(?:-l[àa])?|cette\s+heure(?:-l[àa])?|ce\s+moment-l[àa])|\b(?:bienvenue?|appr[ée]ci[ée]e?|utile)\s+avant\s*[.!;]|\banything\s+(?:that\s+(?:arrives|comes\s+in|reaches\s+us)\s+)?(?:after|later\s+than)\s+(?:that|then)\b|(?:^|\s)[وف]?اي\s+(?:رد|شيء|مواد|اجابه)\s+(?:\S+\s+){0,2}?بعد\s+(?:ذلك|هذا|هيك)|\bd'ici\s+l[àa]|قبل\s+(?:ذلك|هذا\s+الموعد|ذلك\s+الموعد|هذا\s+التاريخ|(?:هال|هذا\s+ال|ذلك\s+ال)وقت|هيك|النشره|البث|الحلقه)|قبلها(?!\s+ب)|\bbefore\s+(?:the|our)\s+(?:bulletin|broadcast|show|programme|newscast)\b|\bavant\s+(?:le\s+journal|l'[ée]mission|le\s+flash|notre\s+journal))")
_POSSESSIVE_RE = _re(r"'s\b")
_FLEXIBLE_RE = _re(r"\b(?:we\s+are|we.re|we\s+can\s+be)\s+(?:quite\s+|very\s+)?flexible\b|\bwir\s+sind\s+(?:also\s+|ganz\s+)?flexibel\b|\b(?:nous\s+sommes|on\s+est)\s+(?:tr[èe]s\s+)?flexibles?\b")
# "Before" itself, not "until" ("bis Ende November", "jusqu'au"): a flexible sender who says it still has a deadline.
_FIRM_CUE_RE = _re(r"(?:\bbefore|\bby|\bavant|\bau\s+plus\s+tard|\bsp[äa]testens|\bvor|(?:^|\s)قبل|\bno\s+later\s+than)(?:\s+(?:the|le|la|l'|dem|den|يوم))?\s*$")
_NO_RUSH_RE = _re(r"\bno\s+(?:rush|hurry|pressure|deadline\s+(?:on\s+our\s+side|for\s+us))\b|\b(?:do\s+not|don.t)\s+feel\s+(?:any\s+)?(?:rushed|pressured?|pressure)\b|\bwhenever\s+(?:is\s+|it.s\s+)?(?:convenient|suits\s+you)\b|\bquand\s+cela\s+vous\s+(?:conviendra|arrange)\b|(?:^|\s)متي\s+ما\s+(?:ناسبكم|يناسبكم)|\bkein\s+termindruck\b|\baucune\s+contrainte\s+de\s+d[ée]lai\b|\bsans\s+urgence\b|\bnot\s+(?:urgent|in\s+a\s+(?:rush|hurry))\b|\bpas\s+(?:d'urgence|press[ée]e?s?)\b|\brien\s+ne\s+presse\b|\bsin\s+prisa\b|\bkeine\s+eile\b|(?:^|\s)(?:لا\s+عجله|مو\s+مستعجل|مش\s+مستعجل|غير\s+مستعجل|ما\s+في\s+عجله|مافي\s+عجله|مفيش\s+استعجال|ما\s+في\s+استعجال|مافي\s+استعجال|لا\s+استعجال|بدون\s+استعجال|مش\s+مستعجلين|مو\s+مستعجلين|خدوا\s+وقتكم|خذوا\s+وقتكم|على\s+راحتكم)")
_BUT_RE = _re(r"\b(?:but|mais|pero|aber|however|cependant|ideally|preferably|id[ée]alement|de\s+pr[ée]f[ée]rence|idealerweise)\b|(?:^|\s)(?:لكن|ولكن|بس)(?:\s|$)")
# What the sender (or someone) will do that day, not by when to answer: "I will call your office
# tomorrow", "I'm travelling tomorrow", "the minister arrives tomorrow". (Not "we publish tomorrow":
# a newsroom's own schedule is the classic reason for a deadline.)
_OWN_DOING_RE = _re(r"(?:\b(?:i|we)(?:\s+(?:will|shall|am|are)|.(?:ll|m|re))\s+(?:be\s+)?(?:call(?:ing)?|ring(?:ing)?|phon(?:e|ing)|travell?(?:ing)?|fly(?:ing)?|leav(?:e|ing)|arriv(?:e|ing)|land(?:ing)?|visit(?:ing)?|follow(?:ing)?\s+up)"
                    r"|\b(?:arrives?|lands?|leaves?|visits?)|\b(?:is|are)\s+(?:travell?ing|flying|heading|arriving|leaving|landing)\b"
                    r"|\b(?:je|nous)\s+(?:vous\s+)?(?:appellerai|appellerons|rappellerai|rappellerons|partirai|partons|arrive|arrivons|arriverai|voyage))"
                    r"\b[^.?!;\n]{0,30}$")
# "following up on our call today", "تأكيدا لما اتفقنا عليه هاتفيا ظهر اليوم": the day of a talk that
# took place, not of a request.
_HAD_TALK_RE = _re(r"(?:\b(?:our|my|the|your)\s+(?:(?:phone|telephone|brief|short|quick|good)\s+)?(?:call|conversation|chat|talk|exchange|discussion)"
                   r"|(?:^|\s)(?:اتصالنا|مكالمتنا|حديثنا|اتصالكم|مكالمتكم|اتفقنا(?:\s+عليه)?(?:\s+هاتفيا)?(?:\s+(?:ظهر|صباح|مساء|عصر))?))\s+$")
# "Je vous confirme l'entretien … pour jeudi", "I can confirm that…": the sender's own confirmation
# asks nothing; its date is the appointment's.
_OWN_CONFIRM_RE = _re(r"\bje\s+vous\s+confirme\b|\bnous\s+vous\s+confirmons\b|\b(?:je|nous)\s+confirm(?:e|ons)\b"
                      r"|\b(?:i|we)\s+(?:hereby\s+|can\s+|just\s+)?confirm\b|\bthis\s+is\s+to\s+confirm\b|\bjust\s+confirming\b"
                      r"|(?:^|\s)(?:تاكيدا\s+لما|نؤكد\s+لكم|اؤكد\s+لكم|حبيت\s+اكد)")
# "There's no longer any need to confirm by tomorrow", "plus besoin de confirmer avant jeudi": a by-when taken back.
_NO_NEED_RE = _re(r"(?:\bno\s+(?:longer\s+)?(?:any\s+)?need\s+to|\bdon.t\s+need\s+to|\bneed\s+not|\b(?:plus|pas)\s+besoin\s+de"
                  r"|(?:^|\s)(?:لا\s+داعي|لا\s+حاجه|لم\s+يعد\s+هناك\s+داع))[^.!?\n]{0,50}$")
_EVENING_RE = _re(r"tonight|ce\s+soir|الليله|هذا\s+المساء|مساء\s+اليوم|this\s+evening")
# "the photos from today" is what, not by when ("before the end of tomorrow" keeps its "of").
_FROM_DAY_RE = _re(r"\bfrom\s+$")
# Where a sentence's clauses part: the ask and the day must share one ("the minister arrives
# tomorrow - could you tell me …" asks nothing of tomorrow).
_CLAUSE_END_RE = re.compile(r";|\s[-–—]\s|—|–")
_QUOTES = "\"“”«»„"
# What may happen again at the date: "will not recur tomorrow", "ne se reproduise pas demain", "عدم تكراره غدا".
_RECURS_RE = _re(r"(?:\b(?:recur|re-?occur|happen\s+again|be\s+repeated|se\s+reproduis\w*|se\s+r[ée]p[ée]t\w*)|(?:^|\s)(?:عدم\s+)?(?:تكرار\w*|يتكرر|تتكرر))\s+(?:\S+\s+)?$")
# "la cérémonie d'aujourd'hui", "le journal de demain": today's, tomorrow's ("notre journal de demain 7h",
# with its hour, is when the answer is needed).
# ("dans la journée de demain", "au cours de la matinée de demain" is that day itself.)
_FR_POSSESSIVE_RE = _re(r"(?<!journ[ée]e\s)(?<!matin[ée]e\s)(?:\bd'|\bde\s+|\bdu\s+)$")
# "talk with your spokesperson some time in the next couple of weeks", "an intro call in the next two weeks",
# "un entretien dans les quinze prochains jours": the talk itself falls in that span.
_HELD_WITHIN_RE = _re(r"(?:\b(?:some\s*time|at\s+some\s+point)|\b(?:call|chat|talk|meeting|meet|interview|conversation|session|visit|coffee)"
                      r"|\b(?:entretien|rencontre|rendez-vous|appel|[ée]change)|(?:^|\s)(?:مقابله|لقاء|اتصال|مكالمه|اجتماع))\s+$")
# "cannot answer a journalist's email in three weeks", "n'a pas répondu en dix jours", "لم يرد خلال أسبوعين": how long the
# office has left the sender waiting, a grievance's span, not by when.
_UNANSWERED_WITHIN_RE = _re(r"(?:\b(?:can(?:not|'t|\s+not)|could(?:\s+not|n't)|did(?:\s+not|n't)|do(?:es)?(?:\s+not|n't)|ha(?:ve|s)(?:\s+not|n't)|"
                            r"failed\s+to|unable\s+to|n'(?:a|ont|avez)\s+pas|ne\s+(?:peu[tv]\w*|sa\w+)\s+pas)\s+(?:even\s+|m[êe]me\s+)?"
                            r"(?:answer|reply|respond|acknowledge|r[ée]pondre|r[ée]pondu|accus[ée]\w*)\w*|(?:^|\s)لم\s+(?:\S+\s+)?(?:يرد|تردوا|ترد|يجب|تجيبوا))"
                            r"(?:\s+\S+){0,5}\s+$")
# "the third email I sent within two weeks", "ثالث رسالة أرسلتها خلال أسبوعين": how long past mail took.
_SENT_BEFORE_RE = _re(r"(?:\b(?:i|we)\s+(?:have\s+)?(?:sent|written|wrote)\b|\b(?:j'ai|nous\s+avons)\s+(?:envoy[ée]|[ée]crit)|"
                      r"ارسلها|ارسلتها|ارسلته|ارسلت|ارسلنا|كتبتها|كتبت)(?:\s+\S+){0,3}\s+$")
# "البيان الصحفي حق اليوم", "بتاع النهارده": dialects' "today's", a day that names a thing.
_AR_POSSESSIVE_RE = _re(r"(?:(?:^|\s)(?:صحيفه|جريده|قناه|موقع|مجله|اذاعه|تلفزيون)\s+(?:\S+\s+)?$)|(?<!اقفال)(?<!اغلاق)(?<!تسكير)(?:^|\s)(?:حق|تبع|بتاع|تاع|حقت|[وبلف]?(?:ال)?(?:عدد|طبعه|حفل|مؤتمر|اجتماع|بيان|لقاء|كلمه|فعاليه|فعاليات|جلسه|ندوه|زياره|تمرين|توقيع|تدشين|اطلاق|افتتاح))\s+$")
# "I will be travelling until Friday; please reply by email", "je suis actuellement en stage à Riyad jusqu'au 30 juin":
# how long the sender is away or staying, not by when.
_AWAY_RE = _re(r"(?:\bi(?:\s+(?:will\s+be|am|shall\s+be)|'m|'ll\s+be|\s+'m)\s+(?:currently\s+|still\s+)?(?:travell?ing|away|abroad|off|on\s+leave|out\s+of\s+(?:the\s+)?office"
               r"|on\s+(?:an?\s+)?(?:internship|placement|secondment)|based|staying|posted"
               r"|on\s+(?:a\s+)?(?:shoot|location|assignment)|in\s+the\s+field|filming)"
               r"|\bje\s+(?:suis|serai)\s+(?:actuellement\s+|encore\s+|d[ée]j[àa]\s+)?(?:en\s+(?:d[ée]placement|cong[ée]s?|mission|voyage|rep[ée]rage|tournage|reportage|stage|s[ée]jour|poste)|absente?|sur\s+le\s+terrain)"
               r"|(?:انا\s+)?(?:مسافر|مسافره|سافرت|بسافر|رح\s+سافر|في\s+اجازه|باجازه|خارج\s+المكتب|في\s+مهمه))[^.?!\n]{0,25}$")
# "on m'avait assuré que l'équipe répondait sous 48 heures", "you promised to reply within a
# week": how fast the office says it answers, not the sender's deadline.
_PROMISED_RE = _re(r"(?:\br[ée]pondai(?:t|ent)|\b(?:m|nous)'(?:a|avait|aviez|avez|ont|avaient)\s+(?:[ée]t[ée]\s+)?(?:assur[ée]e?s?|promis)\b[^.?!\n]{0,90}|\b(?:promised|promise|undertook|pledged)\s+to\s+(?:reply|respond|answer|get\s+back)"
                   r"|\b(?:promised|guaranteed)\s+(?:me\s+|us\s+)?(?:a|an)\s+(?:response|reply|answer)[^.?!\n]{0,25}"
                   r"|\b(?:usually|normally|always|typically|generally)\s+(?:replies|responds|answers|reply|respond|answer)[^.?!\n]{0,25}|\bwould\s+(?:reply|respond|answer)"
                   r"|\b(?:inquiries|enquiries|requests|queries|questions|messages|e-?mails|complaints)\s+(?:\S+\s+){0,2}?(?:are|get|will\s+be)\s+(?:usually\s+|normally\s+|always\s+|typically\s+|generally\s+)?(?:answered|handled|processed|dealt\s+with|responded\s+to|acknowledged)"
                   r"|\b(?:saying|says|said|stating|states|promising|promises|claiming|claims)\s+(?:that\s+)?(?:you|they|the\s+office|your\s+team)\s+(?:will|would|'ll)\s+(?:reply|respond|answer|get\s+back)"
                   r"|\br[ée]pond(?:ez|ait|aient)?\s+(?:g[ée]n[ée]ralement|normalement|toujours)|\b(?:r[ée]pond|responds)\b"
                   r"|(?:^|\s)(?:بانكم|انكم|انه|بانه)?\s*(?:ستوافو|ستردو|سترد|سيتم\s+الرد|سيتم\s+التواصل|سنوافي|سيوافي|سنرد|ستتواصلو)\S*"
                   r"|(?:^|\s)(?:ذكرتم|وعدتم|قلتم|اكدتم|اخبرتمونا|افدتمونا|افدتم)\s[^.?!\n]{0,75}?(?:ست|سي|سن)\S+)[^.?!\n]{0,15}$")
# A length of time counted from something other than now: "within 48 hours of your release", "within
# 72 hours of last month's summit", "dans les 48 heures suivant la publication" ("of this letter", "of receipt" count from
# now; Arabic "خلال 48 ساعة من …" is left alone: "من" starts "from now" as often).
_ANCHORED_AFTER_RE = _re(r"\s+(?:(?:of|after|following)\s+(?!(?:this|these|receipt|receiving|today|now|the\s+date|your\s+receipt|the\s+present)\b)"
                         r"(?:your|the|its|their|his|her|our|last|being|a|an|it|them)\b|last\s+time\b"
                         r"|(?:of|after|following|from)\s+(?:acceptance|approval|publication|signature|signing|commissioning|confirmation|booking|payment|delivery|launch|arrival|submission|registration|application|completion|selection|review)\b"
                         r"|(?:suivant|apr[èe]s)\s+(?!(?:r[ée]ception|la\s+r[ée]ception|la\s+pr[ée]sente|ce\s+(?:message|courriel))\b)(?:la|le|l'|sa|son|leur|votre|vos))")
# Something that happened within a length of time: "was viewed two million times within 24 hours",
# "انحذفت خلال ساعة", "تم الرد خلال يومين".
_HAPPENED_WITHIN_RE = _re(r"(?:\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+\s+)?\w+(?:ed|en|wn|ld)\b(?:\s+[^\s.!?؟]+){0,6}?"
                          r"|(?:^|\s)(?:تم|انحذف\w*|انتشر(?:ت)?|اختفت|اختفي|نفدت|نفذت)(?:\s+[^\s.!?؟]+){0,4}?"
                          r"|\b(?:wurden?|war(?:en)?|fue(?:ron)?|foi|foram|[èe]\s+stat[oa]|sono\s+stat[ie])(?:\s+[^\s.!?؟]+){0,3}?)\s+$")
# "Within a day, three news organisations had published the names": the past tense follows.
_HAPPENED_AFTER_RE = _re(r"\s*,\s*(?:[^\s.!?;,]+\s+){1,5}?(?:had|were|was)\s+(?:already\s+)?(?:been\s+)?\w+(?:ed|en|wn|ld|t)\b")
# A rule quoted ("يجب تقديم الاعتراض خلال 30 يوماً", "appeals must be lodged within 14 days").
_RULE_WITHIN_RE = _re(r"(?:(?:ال)?(?:اعتراض|تظلم|طعن|استئناف)|\bappeals?|\bobjections?|\brecours)(?:\s+\S+){0,3}?\s+$")
# "I'm not back until Monday", "no vuelvo hasta el lunes", "je ne rentre pas avant jeudi": the
# sender's return, not a deadline.
_NOT_BACK_RE = _re(r"(?:\bnot\s+(?:be\s+)?back|\b(?:won't|will\s+not|shan't)\s+(?:have|be\s+(?:online|reachable|connected))\s*(?:a\s+|my\s+|any\s+)?(?:laptop|computer|access|internet|signal|connection|wi-?fi|e-?mail)?|\b(?:offline|off\s+(?:the\s+)?grid|unreachable)|\bno\s+(?:vuelvo|regreso|estar[ée]\s+de\s+vuelta)|\bne\s+(?:rentre|reviens|serai\s+de\s+retour)\s+pas|\bnicht\s+(?:zur[üu]ck|im\s+b[üu]ro)|\bbin\s+erst|(?:لن|ما\s+راح|مش\s+ح|مو\s+راح)\s*(?:اعود|ارجع|راجع))"
                   r"[^.?!\n]{0,12}$")
# "your automatic reply says the office is closed until Sunday": someone's absence, not a deadline.
_CLOSED_UNTIL_RE = _re(r"(?:\b(?:is|are|was|were|will\s+be|be)\s+(?:closed|away|off|on\s+(?:leave|holiday|vacation)|out\s+of\s+(?:the\s+)?office|absent)\s+until"
                       r"|\b(?:est|sera|sont|[ée]tait)\s+(?:ferm[ée]e?s?|absente?s?|en\s+cong[ée]s?)\s+jusqu.(?:au|[àa])"
                       r"|(?:مغلق|مغلقه|في\s+اجازه|خارج\s+المكتب)\s+(?:حتي|لغايه|الي)"
                       # ... and in the languages of stop 58: "у відпустці до", "în concediu până la", "på ferie til".
                       r"|(?:dovolen[éeá]|dovolenke|mimo\s+kancel[áa][řr]|godi[šs]nj\w*\s+(?:\S+\s+)?odmor\w*|na\s+odmoru|odsut[an]\w*|відпустці|відсутн\w*|отпуск|"
                       r"отсъств\w*|concediu|absent[ăa]?|εκτός\s+γραφείου|på\s+semester|ledig|ferie|frav[æe]rende|lomalla|poissa|szabads[áa]gon|"
                       r"urlopie|poza\s+biurem|"
                       # ... and in Spanish, Portuguese, Italian, German: "estoy fuera de la oficina hasta el lunes", "de férias até dia 28".
                       r"fuera\s+de\s+(?:la\s+)?oficina|de\s+vacaciones|fora\s+do\s+escrit[óo]rio|de\s+f[ée]rias|fuori\s+(?:sede|ufficio)|in\s+ferie|im\s+urlaub|au[ßs]er\s+haus)"
                       r"[^.?!\n]{0,30}?(?:do|до|p[âa]n[ăa](?:\s+(?:la|pe|[îi]n))?|έως|μέχρι|till|til|t\.?o\.?m\.?|hasta|at[ée]|fino\s+a\w*|bis))\s+(?:\S+\s+)?$")
# "today's one threatens legal action if we do not pay within 5 days": a threat reported, not a deadline.
_THREAT_RE = _re(r"(?:\bthreaten(?:s|ed|ing)?\b|\bmenac(?:e|ent|ait)\b|(?:^|\s)(?:يهدد|يهددون|تهدد|هددوا))[^.?!\n]{0,80}$")
# "estaba prevista para el martes", "geplant für Montag", "programmata per il 10": when a thing is set.
_SCHEDULED_OTHER_RE = _re(r"(?:previst[ao]s?|programad[ao]s?|agendad[ao]s?|fijad[ao]s?|marcad[ao]s?|programmat[ao]|fissat[ao]|geplant|angesetzt|vorgesehen|terminiert)"
                          r"\s+(?:para|per|f[üu]r|am|pour)?\s*(?:el|la|o|a|il|lo|den|die|das|le)?\s*$")
# "press card (valid until 31/12/2024)", "passeport valable jusqu'au", "صالحة حتى": how long a document
# holds, not by when the sender needs an answer.
_VALID_UNTIL_RE = _re(r"(?:\bvalid(?:ity)?\s+(?:until|till|through|to)|\bexpir(?:es|ing|y(?:\s+date)?)(?:\s+on)?|\bvalable\s+jusqu.(?:au|[àa])?"
                      r"|\bexpir(?:e|ant)\s+le|\bdate\s+d.expiration|صالح(?:ه)?\s+(?:حتي|لغايه|الي)|(?:تنتهي|انتهاء)\s+صلاحيت\w*(?:\s+(?:في|يوم|بتاريخ))?)\s*:?\s*(?:le\s+|on\s+|the\s+)?$")
# How long a price holds, said a few words before the date ("Скидка 50% только до конца недели!", "20% off until Friday",
# "this rate is valid for bookings confirmed until 30 November"; _VALID_UNTIL_RE reads "valid until" said together).
_OFFER_BEFORE_RE = _re(r"(?:\d\s*%\s*(?:off|discount|de\s+(?:descuento|remise|r[ée]duction))|\b(?:discount|скидк\w*|indirim\w*|diskon|descuento|rabatt|special\s+price|early[\s-]bird)"
                       r"|\boffer\s+(?:ends|expires)|\b(?:offer|price|prices|rate|rates)\s+(?:is\s+|are\s+)?valid|\b(?:offre|tarif|prix)\s+valable|(?:^|\s)(?:خصم|تخفيض))[^.?!\n]{0,40}$")
# The same said after the date, in Turkish and Urdu ("31 Aralık'a kadar geçerli", "30 جون تک کارآمد").
# And a stay: "14 Kasım'a kadar şehirde olacağım" (I will be in town until 14 November).
_VALID_AFTER_RE = re.compile(r"\s*(?:\S+\s+)?(?:تک|kadar)\s+(?:کارآمد|کار\s*آمد|معتبر|ge[çc]erli"
                             r"|(?:\S+\s+){0,2}?(?:ol|kal|bulun)aca[ğg](?:ım|im|ız|iz)\b|(?:\S+\s+)?(?:burada|orada)y[ıi]m\b)", re.IGNORECASE)
# "you said you'd be able to send it by Tuesday", "vous m'aviez promis les photos pour jeudi", "كما وعدتم
# بإرسالها يوم الثلاثاء": the office's own promise, chased; the sender's own "but please … by" is not.
_OFFICE_PROMISE_RE = _re(r"(?:\byou\s+(?:said|told\s+(?:me|us)|promised(?:\s+(?:me|us))?|mentioned|assured\s+(?:me|us))\s+(?:that\s+)?(?:you|it|they|he|she|we)(?:.d|\s+would|\s+could|\s+will|.ll)\b"
                         r"|\bas\s+(?:you\s+)?promised\b|\b(?:vous\s+)?(?:m|nous)'(?:aviez|avez)\s+(?:dit|promis|assur[ée]e?s?)\b|(?:^|\s)(?:كما\s+)?(?:وعدتم|وعدتموني|وعدتني|وعدتونا|وعدتمونا)(?:\s|$))"
                         r"(?:(?!\b(?:but|mais|please|merci|could|pourriez|pouvez)\b|لكن|ارجو|نرجو)[^.?!;\n]){0,90}$")
# "Not for publication before 00:01 on Sunday … We will of course respect the embargo", "مع حظر النشر
# حتى صباح الأربعاء، وسنلتزم بذلك": when the office's text may run, which the sender will keep to.
_EMBARGO_RE = _re(r"(?:\bembargo\w*|\bnot\s+for\s+(?:publication|release|broadcast)|\bne\s+pas\s+(?:publier|diffuser)|حظر\s+(?:ال)?نشر|محظور\s+(?:ال)?نشر\S*)[^.?!\n]{0,60}$")
_EMBARGO_UNTIL_RE = _re(r"(?:\bembargo\w*|\bsperrfrist|(?:^|\s)(?:محظور|حظر)\s+(?:ال)?نشر\S*)\s+(?:until|till|hasta|jusqu.(?:au|[àa])|bis|حتي|الي)\s+(?:(?:el|le|la|the|zum|dem)\s+)?$")
_KEEP_EMBARGO_RE = _re(r"\b(?:respect|honou?r|observe|keep\s+to|abide\s+by|stick\s+to)\s+(?:the|this|that|your|it)\b|\brespect(?:er|erons|erai|ons)\s+(?:l.embargo|cet\s+embargo|ce\s+d[ée]lai|la\s+date)|(?:^|\s)[وف]?(?:سنلتزم|سنحترم|سنتقيد|نلتزم|سالتزم|سنراعي)(?:\s|$)")
# "our crew had to leave before the live-fire demonstration on the 21st": "before" told of the past.
_PAST_BEFORE_RE = _re(r"\bhad\s+to\s+\w+(?:\s+\w+){0,2}\s+before\b[^.?!\n]{0,60}$|\b(?:j.ai|nous\s+avons|on\s+a)\s+d[ûu]\s+\w+(?:\s+\w+){0,2}\s+avant\b[^.?!\n]{0,60}$")
# "For planning purposes, our April issue goes to press on 25 March": told for information, unless a "before then" follows.
_FOR_INFORMATION_RE = _re(r"^\s*(?:for\s+(?:planning\s+purposes|your\s+(?:planning|information|info))|fyi|[àa]\s+titre\s+(?:indicatif|d.information)|pour\s+(?:votre\s+)?information|للعلم|للاطلاع)\b")
# "وعدني بالرد يوم الأحد الماضي", "jeudi dernier", "Sunday last": a weekday gone by, not the next one.
_LAST_AFTER_RE = _re(r"\s*(?:ال)?(?:ماضي|فائت|منصرم)(?![\u0621-\u064a])|\s+(?:dernier|pass[ée]|last)\b(?!\s+(?:d[ée]lai|limite|minute|call|chance))")
# "happy to talk any time in the next two weeks": when the sender is free, not by when.
_AVAILABLE_RE = _re(r"\b(?:any\s*time|available|free|disponibles?|متاح|متاحين)(?:\s+(?:on\s+|at\s+)?(?:any|every)\s+(?:day|time|date|weekday))?\s+$")
# "by 11 December to make the print deadline - not 30 November as his email says", "le 14 et non le 4", "rather than
# Friday", "وليس يوم الخميس": the date that was replaced, not the by-when.
_REPLACED_DATE_RE = _re(r"(?:\bnot|\brather\s+than|\binstead\s+of|\bet\s+non(?:\s+plus)?|\bau\s+lieu\s+d[ue]|\bplut[ôo]t\s+que"
                        r"|(?:^|\s)(?:وليس|بدلا\s+من|بدل))\s+(?:(?:on|by|before|the|le|du|de\s+la|until|jusqu.au)\s+)?(?:يوم\s+)?$")
# "Payment is due on 31 May", "la facture est payable avant le", "يستحق السداد في": a bill's date.
_PAYMENT_DUE_RE = _re(r"\b(?:payment|invoice|balance|amount|fee|renewal|instal?ment)s?\s+(?:is\s+|are\s+|will\s+be\s+)?(?:due|payable)\s+(?:on\s+|by\s+|before\s+)?$"
                      r"|\b(?:due|payable)\s+(?:date|on|by)\s*:?\s*$|\b(?:paiement|facture|r[èe]glement|montant)\s+(?:est\s+)?(?:d[ûu]|payable|exigible)e?\s+(?:le|avant\s+le|au)?\s*$"
                      r"|\b[ée]ch[ée]ance\s+(?:de\s+paiement|de\s+la\s+facture)\s*:?\s*(?:le\s+)?$|(?:^|\s)(?:تاريخ\s+الاستحقاق|يستحق\s+(?:السداد|الدفع)|موعد\s+السداد)\s*:?\s*(?:في\s+|يوم\s+)?$"
                      # A payment term: "Payment within 14 days", "zahlbar innerhalb von 30 Tagen", "merci de régler la facture
                      # sous 30 jours", "please transfer the amount within 48 hours": when a bill is paid, not a reply-by.
                      r"|\b(?:payment|payable|settle|zahlbar|zahlung|[üu]berweisen|r[ée]gler|r[èe]glement|paiement|pago|abon(?:ar|en)"
                      r"|(?:pay|transfer|remit)\s+(?:the\s+|this\s+|our\s+|my\s+)?(?:outstanding\s+)?(?:invoice|amount|balance|fee|sum|deposit))\b"
                      r"[^.?!\n]{0,40}?\s(?:within|by|before|innerhalb(?:\s+von)?|bis(?:\s+zum)?|sous|avant(?:\s+le)?|dans\s+un\s+d[ée]lai\s+de"
                      r"|en\s+un\s+plazo\s+de|antes\s+del?)?\s*$|(?:^|\s)(?:سداد|[اينت]?دفع)\s+(?:[^\s.?!؟]+\s+){0,4}?(?:(?:خلال|قبل)\s+(?:يوم\s+)?)?$")
# "speakers are asked to arrive by 13:15", "merci d'arriver avant 9h", "الحضور قبل الساعة 9": when to
# be at an event, not by when the office must answer.
_ARRIVE_BY_RE = _re(r"\b(?:arrive|be\s+(?:there|present|seated|in\s+place)|check\s+in|gather|assemble|arriver|[êe]tre\s+(?:pr[ée]sents?|sur\s+place))\s+(?:\S+\s+){0,2}?(?:by|before|no\s+later\s+than|avant|au\s+plus\s+tard\s+[àa])\s+$"
                    r"|(?:^|\s)(?:الحضور|التواجد|الوصول)\s+(?:\S+\s+){0,2}?(?:قبل|بحلول)\s+$")
# ... but "the materials and the signed permission need to arrive by December 7": things sent to
# the sender, whose arrival is the answer.
_THINGS_ARRIVE_RE = _re(r"\b(?:materials?|files?|documents?|permission|answers?|responses?|repl(?:y|ies)|comments?|statements?|photos?|images?|footage|clips?|forms?|everything|anything)\s+(?:\S+\s+){0,2}?(?:needs?\s+to|must|should|has\s+to|have\s+to|to)\s+arrive\s+(?:\S+\s+){0,2}?(?:by|before|no\s+later\s+than)\s+$")
# Cues that are ordinary words in other languages ("do" in Portuguese): only in their own.
_LANGUAGE_CUES = {"pl": _re(r"(?:^|[^\w])(?:do|przed|najp[óo][źz]niej(?:\s+do|\s+we?)?)" + _FILLER + r"$")}
# ... and those of stop 58 (set OO): Czech, Slovak, Croatian, Serbian "do", "nejpozději do"; Ukrainian, Bulgarian "до";
# Romanian "până (la/pe)", "cel târziu"; Greek "έως/μέχρι"; Swedish, Danish, Norwegian "senast", "innan", "innen", "inden".
for _codes, _cue in (("cs sk", r"do|nejpozd[ěe]ji(?:\s+do)?|najnesk[ôo]r(?:\s+do)?|p[řr]ed"), ("hr sr", r"do|najkasnije(?:\s+do)?|до|најкасније(?:\s+до)?"),
                     ("uk bg", r"до|не\s+пізніше|не\s+по-късно\s+от"), ("ro", r"p[âa]n[ăa](?:\s+(?:la|pe|[îi]n))?|cel\s+t[âa]rziu(?:\s+(?:pe|la|p[âa]n[ăa]))?"),
                     ("el", r"(?:έως|εως|μέχρι|μεχρι|ως)(?:\s+(?:τις|την|τη|το|τον))?"), ("sv da nb", r"senast|senest|innan|innen|inden|f[öø]re|f[øo]r"),
                     ("fi", r"viimeist[äa][äa]n"), ("hu", r"legk[ée]s[őo]bb")):
    for _code in _codes.split():
        _LANGUAGE_CUES[_code] = _re(r"(?:^|[^\w])(?:" + _cue + r")" + _FILLER + r"$")
# "Monday to Friday", "9 bis 17 Uhr", "du 12 au 14", "شنبه تا چهارشنبه": the end of a range (opening
# hours, an event's days) is not a deadline.
_RANGE_RE = _re(r"(?:(?<![a-z])(?:" + _WD_PLAIN + "|" + _MON_PLAIN + r")|\d(?:\s*(?:h|uhr|am|pm|a\.m\.|p\.m\.))?)\.?\s*"
                r"(?:bis|to|till|until|through|thru|au|à|a|hasta|at[ée]|tot|تا|سے|до|الي|حتي|έως|εως|μέχρι|do|p[âa]n[ăa](?:\s+la)?)\s+$"
                r"|(?:^|\s)(?:پیر|منگل|بدھ|جمعرات|جمعہ|ہفتہ|اتوار)\s+سے\s+$")  # Urdu "پیر سے بدھ تک": Monday to Wednesday
# "COB Thursday", "close of business Thursday would work": said only of a deadline, cue or not.
_AT_THE_END_RE = _re(r"(?:at|[àa])\s+(?:the\s+|la\s+)?$")
_COB_RE = _re(r"\b(?:cob|eod|close\s+of\s+business|(?:close|end)\s+of\s+play|end\s+of\s+(?:the\s+)?business\s+day)\b")
_MORNING_RE = _re(r"this\s+morning|ce\s+matin|صباح\s+اليوم")
# "Your spokesperson's claim on air tonight", "ما قاله متحدثكم الليلة" in a letter sent at 23:00 or later:
# an evening already over (tuning letters that say it so late: every "tonight" was past).
_TONIGHT_RE = _re(r"tonight|this\s+evening|ce\s+soir|الليله|هذا\s+المساء|مساء\s+اليوم")
LATE_EVENING_HOUR = 23
# A question put to the office ("Will you comment tonight?", "نرجو الرد الليلة"), besides _POLITE_ASK_RE's: still
# by when, however late.
_QUESTION_RE = _re(r"[?؟]|\bwill\s+you\b|(?:^|\s)(?:نرجو|ارجو|يرجي|هل)(?:\s|$)")
# Where a clause starts: the text before a day word ends a sentence or a clause, or says "and"/"but".
_CLAUSE_START_RE = _re(r"(?:^|[.!?\n:;,]|\b(?:and|but|et|mais)|(?<![\u0621-\u064a])[وف])\s*$")
# "This morning your official account shared a post", "ce matin, votre porte-parole a déclaré", "صباح اليوم نشر
# حسابكم": the day a clause opens with, told before its past verb, is when it happened.
_HAPPENED_AFTER_DAY_RE = _re(
    r"\s*,?\s*(?:[^\s.?!,;:]+\s+){0,4}?(?:(?:said|announced|published|posted|reported|released|issued|tweeted|stated|claimed|"
    r"shared|aired|ran|carried|quoted|wrote|described|called|accused|attributed|misquoted|denied|circulated|went\s+viral)\b"
    r"|(?:a|ont|avez|avons|ai)\s+(?:[^\s.?!,;:]+\s+)?(?:publi|diffus|d[ée]clar|annonc|affirm|partag|cit|qualifi|accus|attribu)\w*"
    r"|(?<![\u0621-\u064a])(?:نشر|نشرت|نشرتم|قال|قالت|صرح|اعلن|اعلنت|بث|بثت|وصف|وصفت|اتهم|نسب|نسبت)(?![\u0621-\u064a]))")
# A sentence that asks for a reply, an answer or an appearance: today/tomorrow there is a deadline.
_ASKS_RE = _re(
        r"\b(?:reply|respond|response|answer|confirm|confirmation|let\s+(?:me|us)\s+know|need|needed|send|call|get\s+back|hear\s+from|"
        r"publish|publication|go(?:es)?\s+to\s+press|air(?:s|ing)?|live|on\s+air|broadcast|deadline|file|filing|(?:story|piece|copy|report|article)\s+files|revert|"
        r"(?:correct|fix|amend)\s+(?:it|this|that|the|your)|delete|remove|take\s+(?:it\s+|this\s+|the\s+\w+\s+)?down|retract|withdraw)\b"
        r"|r[ée]pon(?:se|dre)|r[ée]action|serait-il\s+possible|transmettre|faire\s+parvenir|communiquer|fournir|confirm|besoin|(?:doit|dois|doivent)\s+[êe]tre\s+(?:rendus?|remis|livr[ée]s?)|faudrait|il\s+(?:me|nous)\s+(?:les?|la|l.)\s*faut|rappeler|envoyer|faire\s+savoir|retour|direct|publi|boucl|diffus|exige|retir|rectifi|corrig"
        r"|نطالب|حذف|تصحيح|الرد|رد\b|ردكم|(?<![\u0621-\u064a])(?:ودي|ودنا)\s+(?:اعرف|نعرف|تاكدون|تردون|تبلغون)|التاكيد|تاكيد|الاجابه|الاجابات|الافاده|افادتنا|نحتاج|احتاج|ارسال|تزويدنا|الهواء|مباشر|البث|النشر|ينشر|يبث|سيبث"
        r"|جواب|ضرورت|ضروري|لازم|نطلب|اطلب|بطلب|ارجو|(?<![\u0621-\u064a])[وف]?نامل(?![\u0621-\u064a])|اتمني|بتمني|ياريت|يا\s+ريت|تاكدولنا|تاكدوا|اطالب|نرجو|ابيه|ابيها|نبيه|نبيها|ابغاه|ابغاها|نبغاه|نبغاها|الهوا\b|يرجي|نرغب|نود|تردولي|ردولي|بعتو|تبعتو|ابعتو|تردلي|تردون|تردوا|ترد\b|ردوا|تبعتوا|ترسلوا|تزودونا|تفيدونا|تردولنا|ردولنا|تخبرونا|خبرونا|حتاج|بدنا|بدي|نبي|ابغي|عايزين|محتاجين"
        r"|respuesta|responder|resposta|antwort|antwoord|reageren|reactie|risposta|ответ|odpowied|svar|jawaban|tanggapan|cevap|yan[ıi]t|rica\s+eder|jibu"
        r"|জানান|জানাবেন|উত্তর|নিশ্চিত\s+কর|confirm\s+kar|jawab\s+d"
        r"|\basap\b|\burgent"
        # "I can wait until Monday", "je peux donc attendre jusqu'à mardi", "puedo esperar hasta el jueves": how long the
        # sender can wait is by when they need it (not Arabic "ننتظر … حتى", which also waits for an event).
        r"|\b(?:can|could|able\s+to|happy\s+to)\s+(?:\S+\s+)?wait\s+(?:until|till)\b|\battendre\s+(?:\S+\s+){0,2}?jusqu|\besperar\s+(?:\S+\s+){0,2}?hasta\b|\baspettare\s+(?:\S+\s+){0,2}?fino"
)
# A polite request ("could you fix it today?", "ياليت تعدلونه اليوم"): today or tomorrow in it is by when.
_POLITE_ASK_RE = _re(r"\b(?:could|can|would)\s+you\b|\bkindly\b|\bmerci\s+de\b|\bpourriez-vous\b|\bpouvez-vous\b|يا\s*ليت|يا\s*ريت|ممكن\s+(?:ت|ي)|لو\s+سمحت|الله\s+يخليك|عافاك|عافاكم")
# "Ideally before the weekend, if possible": a wish that makes "before the weekend" a deadline.
_WISH_RE = _re(r"\bif\s+(?:at\s+all\s+)?possible\b|\bideally\b|id[ée]alement|si\s+possible|اذا\s+امكن|ان\s+امكن|يفضل")
_SENTENCE_END = re.compile(r"[.!?؟\n]")

# "me vendría muy bien tener la información para el martes 13", "confirmarme su participación para el lunes 5": "para"
# before a day is by when only after what the sender needs or asks ("prevista para el jueves" is when a thing is set).
_PARA_CUE = (r"(?:necesit|precis|tener|receb|recib|confirm|respuesta|resposta|respond|enviar|mand)\w*\b[^.?!\n]{0,60}?\bpara"
             r"(?=\s+(?:el|o|este|esta)\s+(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda|ter[çc]a|quarta|quinta|sexta|d[íi]a\s+\d))")
_OTHER_CUE_WORDS = re.compile(
    _PARA_CUE + r"|\b(?:bis|sp[äa]testens|hasta|antes\s+del?|a\s+m[áa]s\s+tardar|como\s+(?:muy\s+)?tarde|entro|non\s+oltre|at[ée]|kadar|sebelum|paling\s+lambat|"
    rf"selewat-lewatnya|selambat-lambatnya|uiterlijk|voor|до|не\s+позднее|kabla\s+ya|ifikapo|zuwa\s+ranar|hadi\s+(?:tarehe|siku)|plazo\s+(?:es|vence|termina)|prazo\s+(?:[ée]|vence|termina)|menness[äa]|viimeist[äa][äa]n|legk[ée]s[őo]bb)\b|(?<=\d\s)-ig\b|(?<![^\W\d_])(?:prazo|plazo|data\s+limite|fecha\s+l[íi]mite)\s*:|تک|(?<![\u0600-\u06ff])(?:تا|ظرف){_AR_END}|মধ্যে",
    re.IGNORECASE,
)

# Cues that only ever come before their date: a date just before one starts a span ("von 10:00 bis 11:30 Uhr", "del
# lunes hasta el jueves"), it is not the by-when.
_PREPOSITION_CUE_RE = re.compile(_PARA_CUE + r"|bis|hasta|antes\s+del?|plazo\s+(?:es|vence|termina)|prazo\s+(?:[ée]|vence|termina)|(?:prazo|plazo|data\s+limite|fecha\s+l[íi]mite)\s*:|entro|non\s+oltre|at[ée]|sebelum|selewat-lewatnya|selambat-lambatnya|voor|до|не\s+позднее|kabla\s+ya|"
                                 r"ifikapo|hadi\s+(?:tarehe|siku)|تا|ظرف", re.IGNORECASE)
# And cues that only ever follow it: a date just after "تک" or "kadar" belongs to the next clause.
_POSTPOSITION_CUE_RE = re.compile(r"تک|kadar|মধ্যে|menness[äa]|-ig", re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    """When the sender needs an answer, in the sender's own terms, and the words it was read from.

    ``at`` is the instant (what the SLA uses) expressed as the sender gave it: its date and
    clock time are theirs. A draft restates ``at``'s date, its time only when ``has_time``, and
    ``zone`` only when they named one.
    """

    at: datetime        # aware; in the stated zone, else the sender's UTC offset
    phrase: str
    has_time: bool      # a time was stated (else the deadline is 23:59 that day)
    zone: str | None = None  # the zone they named, as a key of ZONES ("Europe/Paris", "UTC"); None: their offset
    hijri: bool = False      # they gave the day in the Hijri calendar ("25 رمضان 1446هـ")


@dataclass
class _Token:
    kind: str
    start: int
    end: int
    m: re.Match


_NAMED_DAY_RE = re.compile(r"\s+(?:ال)?(?:عالمي|دولي|وطني|اول|ثاني|ثالث|رابع|خامس|اخير|تالي|ختامي|افتتاحي|مفتوح|تعريفي|اعلامي|سابق|نفسه|ذاته|الذي)(?![\u0621-\u064a])")
# Turkish adds case endings to a weekday ("pazartesiye", "salı'ya", "çarşambadan"); only those, not the longer words
# that start with one ("salir", "salida", "Salim", "salinan").
_SUFFIXED_WEEKDAY_RE = re.compile(r"(?:pazartesi|sal[ıi]|[çc]ar[şs]amba|per[şs]embe|cuma|pazar)(?:['’]|y[ae]\b|d[ae]n\b|n[ıi]n\b|[ae]\b)"
                                  # Azerbaijani, Kazakh and Uzbek endings: "cümə axşamına qədər", "сәрсенбіге дейін", "payshanbagacha".
                                  r"|(?:c[üu]m[əe]\s+ax[şs]am[ıi]|bazar\s+ert[əe]si|[çc][əe]r[şs][əe]nb[əe](?:\s+ax[şs]am[ıi])?|c[üu]m[əe])(?:n[ae]|y[ae]|d[əe]k|n[ae]d[əe]k)\b"
                                  r"|(?:дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма)(?:ге|ден|де)\b|(?:dushanba|seshanba|chorshanba|payshanba|juma)(?:gacha|ga|da)\b|khamiista\b|jimcoda\b")


def _tokens(text: str, original: str) -> list[_Token]:
    """Date/time tokens of lower-cased ``text``; ``original`` (same indices) keeps the case."""
    found = []
    starts = sorted({m.start() for m in _DIGITS_RE.finditer(text)} | set(_word_starts(text)))
    last_end = 0
    for pos in starts:
        if pos < last_end:
            continue
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            continue
        last_end = m.end()
        if m.group("zone") and any(m.group(f"za{i}") for i in range(len(ZONES))):
            abbr = next(m.group(f"za{i}") for i in range(len(ZONES)) if m.group(f"za{i}"))
            start = m.start(next(f"za{i}" for i in range(len(ZONES)) if m.group(f"za{i}")))
            if not original[start:start + len(abbr)].isupper():
                continue  # "et", "est": French words, not Eastern Time
        if not _BEFORE_OK.search(text[max(0, m.start() - 2):m.start()]) and not text[m.start()].isdigit():
            continue
        if m.start() > 0 and text[m.start()].isdigit() and text[m.start() - 1].isdigit():
            continue
        if m.end() < len(text) and _AR_LETTER_RE.match(text, m.end() - 1) and _AR_LETTER_RE.match(text, m.end()):
            continue  # a word inside a longer one: "غدا" in "بغداد", "اليوم" in "اليومية", "الغد" in "الغداء"
        kind = next(k for k in ("hour1", "eomn", "dnm", "dur", "eonw", "wiw", "eow", "eom", "eod", "today", "after_tomorrow", "tomorrow", "ur_tomorrow",
                                "hijri", "dm", "md", "num", "wd", "time", "zone", "dayonly") if m.group(k))
        if kind == "wd" and m.end() < len(text) and text[m.end() - 1].isalpha() and text[m.end()].isalpha() \
                and not _SUFFIXED_WEEKDAY_RE.match(text, m.start()):
            continue  # a weekday inside a longer word: "montag" in "montage" (Turkish adds its endings: "pazartesiye")
        if kind == "today" and _NAMED_DAY_RE.match(text, m.end()) and m.group("today") == "اليوم":
            continue  # "اليوم العالمي", "اليوم التالي", "في اليوم نفسه": a day named, not today
        found.append(_Token(kind, m.start(), m.end(), m))
    return found


_SPACES_RE = re.compile(r" {2,}")


def _groups(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    groups: list[list[_Token]] = []
    for tok in tokens:
        if groups:
            gap = text[groups[-1][-1].end:tok.start]
            # A run of spaces counts as one: a restated Hijri date is blanked to spaces of its length.
            if len(_SPACES_RE.sub(" ", gap)) <= 24 and _JOIN_RE.match(gap):
                groups[-1].append(tok)
                continue
        groups.append([tok])
    return groups


def _weekday(m: re.Match) -> int | None:
    for k in range(7):
        if m.group(f"wd{k}") or m.group(f"wa{k}"):
            return k
    return None


def _month(m: re.Match) -> int | None:
    for k in range(1, 13):
        if m.group(f"mo{k}") or m.group(f"mb{k}") or m.group(f"mc{k}") or m.group(f"me{k}"):
            return k
    return None


def _zone_name(m: re.Match) -> str | None:
    for i, name in enumerate(ZONES):
        if m.group(f"z{i}") or m.group(f"za{i}"):
            return name
    return None


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    return timezone.utc if name == "UTC" else ZoneInfo(name)


def _number(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUM_WORDS.get(word.lower(), 1)


def _time_of(m: re.Match) -> time | None:
    if m.group("noon"):
        return time(12, 0)
    if m.group("midnight"):
        return time(23, 59)
    if m.group("maghrib"):
        return time(18, 0)
    for h, mi, ap in (("th", "tm", "ap"), ("th2", "tm2", None), ("th3", "tm3", None), ("th4", "tm4", "ap4"), ("th5", "tm5", "ap5"),
                      ("th6", None, None), ("th7", "tm7", None), ("th8", None, "ap8"), ("th9", "tm9", None)):
        if m.group(h) is None:
            continue
        word = m.group(h)
        hour = int(word) if word.isdigit() else next((v for k, v in _AR_HOURS.items() if re.fullmatch(k, word)), 0)
        minute = int(m.group(mi) or 0) if mi else 0
        if h == "th4" and m.group("half4"):
            minute = 30 if "نصف" in m.group("half4") else 15
        marker = (m.group(ap) or "").lower().replace(".", "") if ap else ""
        marker = marker.split()[-1] if marker.startswith("من ") else marker
        if marker in ("pm", "مساء", "مساءا", "م", "عصرا", "العصر", "ليلا", "عصر", "المساء", "المسا", "بالليل", "الليله") and hour < 12:
            hour += 12
        elif marker == "ظهرا" and hour < 11:
            hour += 12
        elif marker in ("am", "صباحا", "ص", "الصبح", "الصباح") and hour == 12:
            hour = 0
        if h in ("th4", "th6") and not marker and 1 <= hour <= 7:
            hour += 12  # "قبل الساعة ٣": nobody asks for an answer at three in the morning
        if hour > 23:
            return None
        return time(hour, minute)
    return None


def _resolve_year(base: date, month: int, day: int, year: int | None) -> date | None:
    try:
        if year:
            return date(year if year > 100 else 2000 + year, month, day)
        candidate = date(base.year, month, day)
    except ValueError:
        return None
    if candidate < base - timedelta(days=7):
        try:
            following = date(base.year + 1, month, day)
        except ValueError:
            return None
        # "15 janvier" written in December is next year's; "3 novembre" written on 24 November
        # is the one just past (a date it names), not a deadline eleven months away.
        return following if following - base <= timedelta(days=200) else candidate
    return candidate


def _ordinal_day(word: str) -> int:
    """"العاشر" -> 10, "الثالث والعشرين" -> 23, "vingt-huit" -> 28."""
    return next(v for table in (_AR_ORDINAL_DAYS, _FR_DAYS) for k, v in table.items() if re.fullmatch(k, word))


def _next_day_of_month(today: date, d: int) -> date | None:
    """The next date whose day of the month is ``d`` ("the 14th"): this month's, else next month's."""
    if not 1 <= d <= 31:
        return None
    y, mo = today.year, today.month
    if d < today.day:
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    try:
        return date(y, mo, d)
    except ValueError:
        return None


_HIJRI_MONTH_NUMBERS = [re.compile(p) for p in _HIJRI_MONTH_PATTERNS]


def _hijri_day(today: date, m: re.Match) -> date | None:
    """The Gregorian day of a Hijri date; without a year, the next one from ``today``."""
    from hijridate import Gregorian, Hijri

    if m.group("hnd"):  # "27/6/1448هـ": day, month and year in figures
        d, month, given_year = int(m.group("hnd")), int(m.group("hnm")), m.group("hny")
    else:
        month = next((i + 1 for i, p in enumerate(_HIJRI_MONTH_NUMBERS) if p.fullmatch(m.group("hmon"))), None)
        if month is None:
            return None
        d, given_year = (None if m.group("hend") else int(m.group("hday"))), m.group("hyear")

    def day_of(year: int) -> date:
        # No day: the month's end (its length is 29 or 30 days by the Umm al-Qura tables). A day 0 is no day at all.
        return Hijri(year, month, Hijri(year, month, 1).month_length() if d is None else d).to_gregorian()

    try:
        if given_year:
            return day_of(int(given_year))
        year = Gregorian(today.year, today.month, today.day).to_hijri().year
        found = day_of(year)
        if found < today - timedelta(days=7):
            found = day_of(year + 1)
        return found
    except (ValueError, OverflowError):
        return None  # a day the calendar does not have (30 in a 29-day month) or out of its range


def _add_working_days(today: date, n: int, week_end: int) -> date:
    """``n`` working days after ``today``: the five days that end on ``week_end`` (Thursday for an
    Arabic-speaking sender, else Friday) count, the weekend does not."""
    working = {(week_end - k) % 7 for k in range(5)}
    day = today
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() in working
    return day


def _resolve(group: list[_Token], base: datetime, week_end: int, *, morning: bool = False) -> tuple[datetime, bool, str | None] | None:
    """The moment a group of tokens designates, relative to ``base``, whether a time was stated
    and the zone named (None: the sender's offset); None if it designates no moment. ``morning``:
    the words before the group put a bare hour in the morning."""
    today = base.date()
    day: date | None = None
    weekday: int | None = None
    at: time | None = None
    zone_name: str | None = None
    exact: datetime | None = None
    end_of_week = end_of_day = twelve_hour = evening = next_said = False
    hijri: date | None = None
    for tok in group:
        m = tok.m
        if tok.kind == "hour1":
            exact = base + timedelta(hours=1)
        elif tok.kind == "eomn":
            month = _month(m)
            first = _resolve_year(today.replace(day=1), month, 1, None) if month else None
            if first is None:
                return None
            day = date(first.year + (first.month == 12), first.month % 12 + 1, 1) - timedelta(days=1)
        elif tok.kind == "dnm":
            word = m.group("dnmday")
            d = int(word) if word.isdigit() else next((v for k, v in _AR_ORDINAL_DAYS.items() if re.fullmatch(k, word)), 0)
            try:
                if m.group("dnmthis"):  # "الخامس والعشرين من الشهر الجاري": this month's
                    day = date(today.year, today.month, d)
                else:
                    day = date(today.year + (today.month == 12), today.month % 12 + 1, d)
            except ValueError:
                return None
        elif tok.kind == "dur":
            n, unit = _number(m.group("n")), m.group("unit").lower()
            if unit in ("huitaine", "quinzaine"):
                day = today + timedelta(days=8 if unit == "huitaine" else 15)  # "sous huitaine": within eight days
            elif unit.startswith(("h", "ساع", "uur", "uren", "stund", "saat")) and unit != "hafta":
                hours = 2 if unit == "ساعتين" else n
                exact = base + timedelta(hours=hours)
            elif re.match(r"(?:business|working)\s|jours?\s+ouvr|ايام\s+عمل", unit):
                day = _add_working_days(today, n, week_end)
            elif unit.startswith(("w", "sem", "اسبوع", "hafta")):
                day = today + timedelta(weeks=2 if unit == "اسبوعين" else n)
            else:
                day = today + timedelta(days=2 if unit == "يومين" else n)
        elif tok.kind == "today":
            day = day or today
            evening = bool(_EVENING_RE.fullmatch(m.group("today")))
        elif tok.kind == "eod":
            end_of_day = True
        elif tok.kind in ("tomorrow", "ur_tomorrow"):
            day = today + timedelta(days=1)
            if m.group("tomorrow") and m.group("tomorrow").startswith(("ظهر", "منتصف")):  # "منتصف نهار الغد": noon
                at = at or time(12, 0)
        elif tok.kind == "after_tomorrow":
            day = today + timedelta(days=2)
        elif tok.kind in ("eow", "wiw"):
            end_of_week = True
        elif tok.kind == "eonw":
            day = today + timedelta(days=(week_end - today.weekday()) % 7 + 7)
        elif tok.kind == "eom":
            nxt = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
            day = nxt - timedelta(days=1)
        elif tok.kind == "hijri":
            day = hijri = _hijri_day(today, m)
            if day is None:
                return None
        elif tok.kind == "dm":
            month = _month(m)
            if month is None:
                return None
            d = int(m.group("day")) if m.group("day") else _ordinal_day(m.group("dmord") or m.group("dmfr"))
            day = _resolve_year(today, month, d, int(m.group("year")) if m.group("year") else None)
        elif tok.kind == "md":
            month = _month(m)
            if month is None:
                return None
            day = _resolve_year(today, month, int(m.group("day2")), int(m.group("year2")) if m.group("year2") else None)
        elif tok.kind == "num":
            d, mo = int(m.group("nd")), int(m.group("nm"))
            if mo > 12 and d <= 12:
                d, mo = mo, d
            y = int(m.group("ny")) if m.group("ny") else None
            day = _resolve_year(today, mo, d, y) if 1 <= mo <= 12 else None
            if (day is None or day < today) and d <= 12 and mo != d:
                # "confirm by 06/03" written on 27 May: an American month-first date, not 6 March gone by
                # (only a near one: "03/11" written on 20 November is 3 November, not next March)
                swapped = _resolve_year(today, d, mo, y)
                if swapped is not None and today <= swapped <= today + timedelta(days=45):
                    day = swapped
        elif tok.kind == "dayonly":
            day = _next_day_of_month(today, int(m.group("day3")))
            if day is None:
                return None
        elif tok.kind == "wd":
            weekday = _weekday(m)
            # "next Friday" written on a Thursday: Friday of next week, not tomorrow (every labelled letter
            # that says so means a week later; two days ahead, "next Thursday" on a Tuesday, stays this week's).
            next_said = bool(_NEXT_BEFORE_RE.search(m.string, max(0, tok.start - 8), tok.start))
            if m.group("wdday"):
                # "lundi 24": the next 24th, if it is a Monday ("الخميس 5 مساء" is an hour, not the 5th)
                candidate = _next_day_of_month(today, int(m.group("wdday")))
                if candidate is not None and candidate.weekday() == weekday:
                    day = candidate
            if _NEXT_WEEK_AFTER_RE.match(m.string, tok.end):
                day = today + timedelta(days=7 - today.weekday() + weekday)  # "Friday next week"
        elif tok.kind == "time":
            at = _time_of(m)
            twelve_hour = at is not None and 1 <= at.hour <= 11 and not _MARKED_TIME_RE.search(m.group(0))
        elif tok.kind == "zone":
            zone_name = _zone_name(m)
    if hijri is not None and day == hijri and weekday is not None and day.weekday() != weekday:
        # "الأحد القادم 29 ربيع الآخر": the Umm al-Qura calendar and the tabular one can be a day apart; the weekday said
        # tells which the sender used.
        day += next((timedelta(days=k) for k in (-1, 1) if (day + timedelta(days=k)).weekday() == weekday), timedelta(0))
    if evening and twelve_hour and at is not None:
        at = at.replace(hour=at.hour + 12)  # "الليلة الساعة 9", "tonight at 9": nine in the evening
    if exact is not None:
        return exact, True, None  # "within 24 hours": a clock time in the sender's offset, no zone said
    if day is None and weekday is not None and (named := _zone(zone_name)) is not None:
        # "By 4pm Riyadh time on Wednesday" written early on Wednesday in Sydney, when it is still Tuesday in Riyadh: the
        # Wednesday named is Riyadh's next day, not a week away. (A zone already a day ahead of the sender changes nothing:
        # the sender counts the days ahead from their own.)
        today = min(today, base.astimezone(named).date())
    if day is None and weekday is not None:
        if end_of_week:
            day = today + timedelta(days=(weekday - today.weekday()) % 7)
        else:
            ahead = ((weekday - today.weekday()) % 7) or 7
            day = today + timedelta(days=ahead + (7 if next_said and ahead == 1 else 0))
    elif day is None and end_of_week:
        day = today + timedelta(days=(week_end - today.weekday()) % 7)
    elif day is None and end_of_day:
        day = today
    tz = _zone(zone_name) or base.tzinfo or timezone.utc
    if day is None:
        if at is None:
            return None
        # A bare time ("avant 17h15"): today if still ahead, else tomorrow.
        candidate = datetime.combine(today, at, tz)
        if candidate <= base and twelve_hour and not morning and base.hour >= 12 and candidate + timedelta(hours=12) > base:
            candidate += timedelta(hours=12)  # "قبل الساعة 8" written at five in the afternoon: eight tonight
        elif candidate <= base:
            candidate += timedelta(days=1)
        return candidate, True, zone_name
    if day < today:
        return None
    if at is None:
        return datetime.combine(day, time(23, 59), tz), False, zone_name
    return datetime.combine(day, at, tz), True, zone_name


_SENTENCE_REACH = 400


def _sentence_span(text: str, start: int, end: int, ends: list[int]) -> tuple[int, int]:
    """Where the sentence holding text[start:end] begins and ends. ``ends``: the sentence ends of
    ``text`` (positions of _SENTENCE_END), found once per text: a letter of a thousand dates is not
    rescanned a thousand times."""
    i = bisect.bisect_left(ends, start)
    left = ends[i - 1] + 1 if i else 0
    if end > start and text[end - 1] == ".":
        end -= 1  # "until 30 November." ends its sentence: the next one's question is not its own
    j = bisect.bisect_left(ends, end)
    right = ends[j] if j < len(ends) else len(text)
    # Text without stops is not one sentence: a few hundred characters either side are its context
    # (and each date's check stays short however long the text).
    return max(left, start - _SENTENCE_REACH), min(right, end + _SENTENCE_REACH)


def _asked_in_clause(text: str, span: tuple[int, int], start: int, end: int) -> bool:
    """Whether the clause holding text[start:end], within its sentence ``span``, asks for something."""
    left = text[span[0]:start]
    cut = max((m.end() for m in _CLAUSE_END_RE.finditer(left)), default=0)
    right = text[end:span[1]]
    stop = m.start() if (m := _CLAUSE_END_RE.search(right)) else len(right)
    clause = left[cut:] + text[start:end] + right[:stop]
    return bool(_ASKS_RE.search(clause) or _POLITE_ASK_RE.search(clause))


# Arabic "اليوم" belongs to the verb before it: "نعمل اليوم على تقرير", "أكتب إليكم اليوم لأطلب",
# "التصريحات التي أدلى بها المتحدث اليوم" say when something is done, not by when an answer is needed.
_AR_CLAUSE_END_RE = re.compile(r"[،,؛;]|\s[-–—]\s")
_AR_RELATIVE_RE = _re(r"(?:^|\s)(?:التي|الذي|اللي|الذين|اللذين|ما|مما|عما|فيما)\s")
# "وعندما رد الموظف اليوم", "فقد وصلتني النشرة ثلاث مرات اليوم": a clause of when or why, told.
_AR_TOLD_CLAUSE_RE = _re(r"^\s*[وف]?(?:عندما|لما|حين|حينما|بعدما|قد|لقد)\s")
_AR_ASK_AFTER_RE = _re(r"\s*(?:(?:ان|اذا|لو)\s+(?:امكن|سمحت\S*|تكرمت\S*)|من\s+فضلك\S*|ضروري|لو\s+سمحت\S*|رجاء|يا\s*ريت|ياليت)")


_AR_ASK_RE = _re(r"(?:^|\s)(?:هل\s+(?:يمكن|بالامكان|من\s+الممكن|تستطيع|تقدر|ممكن)|ممكن|جاوب\S*|من\s+فضلك\S*|(?:ال)?رجاء|الرجاء)(?:\s|$)")


# "كلمة الأمين العام اليوم", "صور حفل التخرج اليوم", "تصريحات الوزير اليوم": today's event, named
# with its complement, not by when.
_AR_EVENT_TODAY_RE = _re(r"(?:^|\s)[وب]?(?:ال)?(?:كلمه|خطاب|زياره|حفل|جلسه|ندوه|مؤتمر|اجتماع|لقاء|تصريحات|بيان|عمليه|مباراه|افتتاح|تدشين|توقيع|مراسم|فعاليات|فعاليه|تمرين|مناوره)(?:\s+\S+){1,2}\s+$")


def _asked_before_arabic_today(text: str, span: tuple[int, int], start: int, end: int) -> bool:
    """Whether the request of a bare "اليوم" comes before it in its clause, with no relative
    clause between them, or right after it ("اليوم إن أمكن")."""
    if _AR_ASK_AFTER_RE.match(text, end):
        return True
    if _AR_EVENT_TODAY_RE.search(text[max(span[0], start - 40):start]):
        return False
    left = text[span[0]:start]
    left = left[max((m.end() for m in _AR_CLAUSE_END_RE.finditer(left)), default=0):]
    if _AR_TOLD_CLAUSE_RE.match(left):
        return False
    asks = [m.end() for r in (_ASKS_RE, _POLITE_ASK_RE, _AR_ASK_RE) for m in r.finditer(left)]
    return bool(asks) and not _AR_RELATIVE_RE.search(left[max(asks) - 1:])


# The sender says in so many words that the answer has no date: "please reply whenever it suits you",
# "there is no fixed deadline", "aucune urgence : l'article paraît à l'automne", "لا يوجد موعد محدد".
# Every date such a letter names is its publication's, its event's or its semester's (121 letters of the tuning and
# unseen sets say so; none is labelled with a deadline, not even "no hard deadline, but January would help").
_NO_DATE_AT_ALL_RE = _re(
    r"\bwhenever\s+(?:it\s+is\s+|it.s\s+|is\s+)?(?:convenient|suits\s+you)\b|\bwhenever\s+it\s+suits\b|\bwhenever\s+you\s+can\b|\bwhenever\s+your\s+team\s+has\b"
    r"|\b(?:reply|answer|respond|get\s+back\s+to\s+(?:me|us))\s+whenever\b"
    r"|\bno\s+(?:firm|fixed|set|particular|specific|hard|real)\s+deadline\b|\bno\s+urgency\b|\bno\s+pressure\b"
    r"|\b(?:do\s+not|don.t)\s+feel\s+(?:any\s+|under\s+any\s+)?(?:pressure|pressured|rushed)\b"
    r"|\baucune\s+urgence\b|\b(?:pas\s+de|aucune?|sans)\s+(?:date\s+limite|d[ée]lai\s+(?:fixe|impos[ée]|particulier))\b"
    r"|(?:^|\s)(?:لا\s+يوجد|ليس\s+هناك|ليس\s+لدينا|لا\s+يوجد\s+لدينا)\s+(?:اي\s+)?(?:موعد|وقت)\s+(?:محدد|نهائي)")


def says_no_date_at_all(text: str) -> bool:
    """Whether the sender says the answer has no date at all ("no fixed deadline", "reply whenever it suits you")."""
    return bool(_NO_DATE_AT_ALL_RE.search(lower_same_length(_prepare(text[:20_000]))))


def says_no_rush(text: str) -> bool:
    """Whether the sender says there is no hurry anywhere in ``text`` ("no rush - whenever you can")."""
    return bool(_NO_RUSH_RE.search(lower_same_length(_prepare(text[:20_000]))))


def _no_rush(sentence: str, before: str, at: int) -> bool:
    """"No rush" (or "we're flexible", unless the date has its own "before"), and no "but" or
    "ideally" taking it back ("not urgent, but within 48 hours please"). A "but" after both the date
    (at ``at`` in the sentence) and those words is about something else ("no rush on your side - I
    have a registration deadline on 15 November, but the chapter is due next spring")."""
    relaxed = _NO_RUSH_RE.search(sentence) or (None if _FIRM_CUE_RE.search(before) else _FLEXIBLE_RE.search(sentence))
    return relaxed is not None and not _BUT_RE.search(sentence, 0, max(at, relaxed.end()))


def _cutoff_not_asked(text: str, span: tuple[int, int], end: int, ahead: timedelta) -> bool:
    """Whether a registration's cut-off ending at ``end`` is not the sender's by-when: they act on it ("so I am
    sending my request now"), it is days away, or they are already ahead of it — unless a "before then" after it asks
    by it (one in the very sentence they act in is their own: "so I wanted to get in before then")."""
    acts = bool(_SENDER_ACTS_RE.search(text, span[0], span[1]))
    then = _BEFORE_THEN_RE.search(text[end:end + 200])
    if then and not (acts and end + then.end() <= span[1]):
        return False
    return acts or ahead > timedelta(days=CUTOFF_DAYS) or bool(_AHEAD_OF_IT_RE.search(text, span[0], min(len(text), span[1] + 120)))


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside a short quotation on its line (a show's title, words quoted)."""
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    before = text[max(line_start, start - 60):start]
    if sum(before.count(q) for q in _QUOTES) % 2 == 0:
        return False
    line_end = text.find("\n", end, end + 60)
    after = text[end:line_end if line_end >= 0 else end + 60]
    return any(q in after for q in _QUOTES)


def find_deadline(text: str, base: datetime, *, language: str | None = None, week_end: int | None = None) -> Deadline | None:
    """The earliest stated deadline in ``text``, relative to ``base`` (the message's Date).

    Args:
        text: the sender's words (plus a forwarded request), not quoted history.
        base: aware datetime the relative phrases count from.
        language: detected language; picks the end of the working week (Thursday for Arabic).
        week_end: override the end-of-week weekday (0 = Monday).
    """
    if week_end is None:
        week_end = 3 if language in ("ar", "fa", "ur") else 4
    original = _prepare(text[:20_000])
    # "بحلول 10 رمضان الموافق 20 مارس": the Hijri date is restated in the Gregorian calendar, which
    # is read; blanking the Hijri half (same length) lets the cue reach the Gregorian date.
    original = _HIJRI_RESTATED_RE.sub(lambda m: " " * len(m.group()), original)
    # Turkish puts "within" after its count ("48 saat içinde"): the grammar reads the same characters cue
    # first ("içinde 48 saat"); the span, and so the phrase quoted from ``original``, stays the same.
    prepared = _TR_WITHIN_RE.sub(lambda m: m.group(5) + m.group(4) + m.group(1) + m.group(2) + m.group(3),
                                 lower_same_length(original))
    prepared = _FAREWELL_SENTENCE_RE.sub(lambda m: m.group(1) + " " * len(m.group(2)), prepared)  # "Bis morgen!"
    prepared = _DOTTED_CLOCK_RE.sub(r"\1:\2", prepared)  # "saat 14.00'e kadar", "pukul 16.00 WIB"
    if language in ("sv", "da", "nb", "de"):  # "fredag den 23 oktober", "Freitag, den 23.": the weekday's own date
        prepared = _WD_DEN_RE.sub(lambda m: m.group(1) + " " * len(m.group(2)), prepared)
    if language in ("hr", "sr", "bs") and not _SLOVENIAN_RE.search(prepared):
        # Croatian "do 15. listopada": October (same length: spans stay); Slovenian "listopad", read as Croatian, is November.
        prepared = _HR_OCTOBER_RE.sub(lambda m: "oktober".ljust(len(m.group()), "a"), prepared)
    ends = [m.start() for m in _SENTENCE_END.finditer(prepared)]
    cued: list[Deadline] = []
    weak: list[Deadline] = []
    groups = _groups(prepared, _tokens(prepared, original))
    restated = False
    last: tuple[list[Deadline], Deadline, int] | None = None  # the date read last, its list, where it ended
    month_named: tuple[date, int] | None = None  # the last deadline written with its month: its day, where it ended
    for index, group in enumerate(groups):
        kinds = {t.kind for t in group}
        carried, restated = restated, False
        if kinds <= {"zone"}:
            continue
        start, end = group[0].start, group[-1].end
        before = prepared[max(0, start - 80):start]
        inner = prepared[start:end]
        after = prepared[end:end + 30]
        span = _sentence_span(prepared, start, end, ends)
        sentence = prepared[span[0]:span[1]]
        asks = bool(_ASKS_RE.search(_OWN_CONFIRM_RE.sub(" ", sentence)))
        # "يوم الاثنين الجاي كحد أقصى": the cue after the weekday's "next"
        post = bool(_POST_CUE_RE.match(after) or _POST_CUE_RE.match(_NEXT_WORD_RE.sub("", after, count=1))
                    or (_WISHED_DAY_RE.match(after) and re.search(r"(?:^|[.!?\n])\s*$", before)))
        # "within 24 hours" is a deadline; "in 3 days" / "خلال 3 أيام" only when the sentence asks for something.
        duration = next((t for t in group if t.kind == "dur"), None)
        # "within the hour" is a length of time too: the same checks of who promised or did what within it
        span_of_time = duration is not None or "hour1" in kinds
        explicit_duration = duration is not None and (asks or _EXPLICIT_DURATION_RE.match(inner[duration.start - start:]))
        if _AVAILABLE_RE.search(before) or (_ARRIVE_BY_RE.search(before[-60:]) and not _THINGS_ARRIVE_RE.search(before[-80:])) or _PAYMENT_DUE_RE.search(before[-50:]) or (span_of_time and _PROMISED_RE.search(before)) or _NOT_BACK_RE.search(before) or _CLOSED_UNTIL_RE.search(before[-60:]) or _VALID_UNTIL_RE.search(before[-40:]) or _PAST_BEFORE_RE.search(before) or (_FOR_INFORMATION_RE.search(sentence) and not _POLITE_ASK_RE.search(sentence) and not _FIRM_CUE_RE.search(before[-30:]) and not _BEFORE_THEN_RE.search(prepared[end:end + 200])) or _OFFICE_PROMISE_RE.search(before) or (_EMBARGO_RE.search(before) and _KEEP_EMBARGO_RE.search(prepared, end, end + 200)) or _THREAT_RE.search(before) or _REPORTED_CUTOFF_RE.search(before) or _NO_NEED_RE.search(before[-70:]) or _REPLACED_DATE_RE.search(before[-30:]):
            continue
        if _VALID_AFTER_RE.match(after):
            continue  # "31 Aralık'a kadar geçerli": how long a card lasts, said after its date
        if duration is not None and not duration.m.group("n") and _VAGUE_UNITS_RE.fullmatch(duration.m.group("unit")):
            continue  # "a call in the coming weeks", "dans les prochains jours": no count, no deadline
        if (_EMBARGO_UNTIL_RE.search(before[-40:]) or _EMBARGO_AFTER_RE.match(prepared, end)) \
                and not _BEFORE_THEN_RE.match(prepared, end):
            continue  # "bajo embargo hasta el 9 de diciembre", "embargoed until 00:01 Thursday": when it may be published
        if span_of_time and _HELD_WITHIN_RE.search(before[-40:]):
            continue  # "a 30-minute call in the next couple of weeks": when the talk would be, not a reply-by
        if span_of_time and _UNANSWERED_WITHIN_RE.search(before[-80:]):
            continue  # "cannot answer a journalist's email in three weeks": how long they have waited
        if span_of_time and _SENT_BEFORE_RE.search(before[-40:]) and not _CUE_RE.search(before):
            continue  # "my third message sent within two weeks": how long it took, not by when
        if span_of_time and (_ANCHORED_AFTER_RE.match(prepared, end) or _HAPPENED_WITHIN_RE.search(before[-70:])
                                     or _HAPPENED_AFTER_RE.match(prepared, end)
                                     or _RULE_WITHIN_RE.search(before[-40:])):
            continue  # "viewed two million times within 24 hours of being posted", "انحذفت خلال ساعة",
            # "يجب تقديم الاعتراض خلال 30 يوماً": how fast something happened, or a rule, not by when
        language_cue = _LANGUAGE_CUES.get(language or "")
        strong = (carried or ("hour1" in kinds and asks) or bool(_CUE_RE.search(before)) or post or bool(explicit_duration) or bool(_INNER_CUE_RE.search(inner))
                  or bool(language_cue and language_cue.search(before)))
        if not strong and asks and _AR_REPLY_CUE_RE.search(before):
            strong = True
        if not strong and asks and "wd" in kinds and _NEED_ON_DAY_RE.search(before):
            strong = True  # "أحتاج المعلومات يوم الأربعاء إن أمكن": the day the sender needs it
        if not strong and asks and _CUE_EVENT_RE.search(before):
            strong = True  # "قبل اجتماع اللجنة يوم الأحد 13 ديسمبر", "before the board meeting on Monday"
        if not strong and "eod" in kinds and _COB_RE.search(inner):
            strong = True
        if not strong and "eod" in kinds and kinds & {"today", "tomorrow", "wd"} and not _AT_THE_END_RE.search(before):
            strong = True  # "end of day today would help": a day's close, not "at the end of the day"
        if not strong and "wiw" in kinds:
            strong = asks  # "a reply within this week", "الرد خلال الأسبوع الجاري"
        if not strong and kinds & {"eonw", "eow", "eom", "eomn"} and _AR_BY_END_RE.search(before[-3:]):
            strong = asks  # "نأمل استلام المواد بنهاية الأسبوع القادم": "ب" written onto "نهاية" is "by"
        if not strong and kinds & {"dm", "md", "num", "wd", "dayonly", "eom", "eow", "time"}:
            # "before then" points back to the last date or time named before it, not to any
            then = _BEFORE_THEN_RE.match(prepared, end)
            strong = bool(then) and (index + 1 == len(groups) or groups[index + 1][0].start >= then.end())
        if kinds <= {"today"} and (so_far := _SO_FAR_RE.search(before[-25:])) \
                and (so_far.group("always") or _SO_FAR_CLAUSE_RE.search(sentence)):
            continue
        if not strong and _WEAK_CUE_RE.search(before) and not _AWAY_RE.search(before) and not _SCHEDULED_FOR_RE.search(before):
            # "jusqu'au 26 août", "until Thursday", "pour la fin du mois": a deadline only in a request.
            strong = asks and not kinds <= {"eom", "eow"} and not _EVENT_AFTER_RE.match(prepared, end)
        if strong and "eow" in kinds and _WEEKEND_RE.search(inner) and not asks \
                and not _WISH_RE.search(sentence):
            continue  # "before the weekend, the minister said…": when it happened, not by when
        # "by Thursday; if not, Friday morning still works": a fallback after a deadline is its outer limit.
        fallback = bool(last is not None and start - last[2] <= 90 and _FALLBACK_RE.search(prepared, last[2], start)
                        and _FALLBACK_AFTER_RE.match(prepared, end))
        strong = strong or fallback
        loose = (bool(_LOOSE_CUE_RE.search(before)) and not _NO_DEADLINE_SAID_RE.search(before[-70:])
                 and not _DEADLINE_ASKED_RE.search(before[-90:]) and not _EVENT_BEFORE_RE.search(before))
        if (strong or loose) and _TOO_LATE_RE.match(prepared, end):
            continue  # "goes to print on 1 December, so it's too late for that one": a date missed
        if _RANGE_RE.search(before):
            continue
        if _OFFER_BEFORE_RE.search(before):
            continue  # "20% off until Friday": how long a price holds
        if "wd" in kinds and not kinds & {"dm", "md", "num", "dayonly"} and _LAST_AFTER_RE.match(prepared, end):
            continue
        if "ur_tomorrow" in kinds and not post:
            continue
        if kinds <= {"today", "tomorrow", "wd", "time", "zone"} and (_POSSESSIVE_RE.match(prepared, end)
                                                                   or _AR_POSSESSIVE_RE.search(before)
                                                                   or (kinds <= {"today", "tomorrow"} and _FR_POSSESSIVE_RE.search(before))):
            continue  # "today's statement", "tomorrow's edition": what, not by when
        if (kinds <= {"today", "tomorrow", "time", "zone"} or duration is not None) and _quoted(prepared, start, end):
            continue  # "producer of “Rahbar Tonight”", «Demain l'Afrique»: a title or someone's words
        if _no_rush(sentence, before, start - span[0]):
            continue  # "no rush - anything in the next couple of weeks is fine", "مفيش استعجال … قبل آخر الشهر",
            # "filming runs until the end of November, we're flexible" (but "flexible, before the 15th" is one)
        if kinds <= {"today", "tomorrow", "wd"} and _RECURS_RE.search(before[-40:]):
            continue  # "confirmation that this will not recur tomorrow": when it might happen again
        if kinds <= {"today", "time", "zone"} and _HAPPENED_BEFORE_RE.search(before[-40:]) and not (strong or loose):
            continue  # "what your spokesman said today": when it happened
        if any(t.kind == "today" and _MORNING_RE.fullmatch(t.m.group("today")) for t in group) and base.hour >= 12:
            continue  # "this morning's briefing" in a letter sent in the afternoon: past
        if kinds <= {"today"} and any(t.kind == "today" and _MORNING_RE.fullmatch(t.m.group("today")) for t in group) \
                and _SAID_THIS_MORNING_RE.search(before[-80:]):
            continue  # "the Secretary-General's statement this morning" (sent at 10:30): when it was made, not by when
        if kinds <= {"today", "zone"} and base.hour >= LATE_EVENING_HOUR \
                and not (_QUESTION_RE.search(sentence) or _POLITE_ASK_RE.search(sentence)) \
                and any(t.kind == "today" and _TONIGHT_RE.fullmatch(t.m.group("today")) for t in group):
            continue  # "on air tonight" written at 23:15, no question put: the evening that has just been
        if kinds <= {"today"} and not (strong or loose) and _HAPPENED_AFTER_DAY_RE.match(prepared, end) \
                and _CLAUSE_START_RE.search(before[-12:]):
            continue  # "This morning your account shared a post": when it happened
        if kinds <= {"time", "zone"} and not strong:
            continue
        if index + 1 < len(groups) and _RESTATED_RE.match(prepared, end) and groups[index + 1][0].start - end <= 40:
            restated = strong or loose  # the sender restates it more exactly next ("i.e. Friday"): its cue carries
            continue
        resolved = _resolve(group, base, week_end, morning=bool(_MORNING_BEFORE_RE.search(before[-30:])))
        if resolved is None:
            continue
        at, has_time, zone_name = resolved
        if "dayonly" in kinds and not kinds & {"dm", "md", "num", "wd"} and month_named and start - month_named[1] <= 150:
            at = _in_month_named(at, month_named[0])  # "by 15 August; failing that, the 25th"
        # A stated hour already past is no by-when ("j'ai encore reçu un communiqué ce matin à 6h52", written at 7:48); a
        # day's end may lag the Date header by an hour (a sender's clock, a zone).
        if at < base - (timedelta(minutes=10) if has_time else timedelta(hours=1)) or at > base + timedelta(days=400):
            continue
        if _WEEK_OF_RE.search(inner) or _WEEK_OF_BEFORE_RE.search(before):
            continue  # "une réunion dans la semaine du 12 octobre", "in the week of 12 October": a week proposed
        if (cutoff := _OFFICE_CUTOFF_RE.search(prepared, max(0, start - 260), start)) and not _FIRM_CUE_RE.search(before) \
                and not (_CUE_BEFORE_CUTOFF_RE.search(prepared, max(0, cutoff.start() - 25), cutoff.start())
                         and not _OWN_BEFORE_RE.search(prepared, max(0, cutoff.start() - 90), cutoff.start())) \
                and _cutoff_not_asked(prepared, span, end, at - base):
            continue  # a registration's own cut-off, days away or one the sender is already ahead of, and not
            # one they ask an answer before ("merci de me confirmer avant cette date", "avant la clôture des inscriptions")
        found = Deadline(at=at, phrase=" ".join(original[start:end].split()), has_time=has_time, zone=zone_name,
                         hijri="hijri" in kinds)
        if strong or loose:
            target = cued
        elif kinds & {"today", "tomorrow", "after_tomorrow"} and not _ASAP_RE.search(sentence) \
                and (asks or _POLITE_ASK_RE.search(sentence)) and not _OWN_DOING_RE.search(before[-50:]) and not _HAD_TALK_RE.search(before[-50:]) \
                and not _FROM_DAY_RE.search(before[-8:]) and _asked_in_clause(prepared, span, start, end) \
                and not (inner == "اليوم" and not _asked_before_arabic_today(prepared, span, start, end)):
            target = weak
        else:
            continue
        if last is not None and (_OR_BETWEEN_RE.fullmatch(prepared, last[2], start) or fallback):
            # "tonight or first thing tomorrow", "Thursday or Friday at the latest": the later one is
            # by when; the earlier is only the sooner of two days the sender would take.
            earlier_list, earlier, _ = last
            if earlier in earlier_list:
                earlier_list.remove(earlier)
            found = max(earlier, found, key=lambda c: c.at)
            target = cued if (target is cued or earlier_list is cued) else weak
        if target is cued and last is not None and last[0] is cued and start - last[2] <= 300 \
                and _SUPERSEDED_RE.search(prepared, max(last[2], span[0]), start):
            cued.clear()  # "by Wednesday. Update: my editor pushed it back, so Monday is fine": the later word stands
            weak.clear()
        target.append(found)
        last = (target, found, end)
        if kinds & {"dm", "md"}:
            month_named = (at.date(), end)
    return min(cued or weak, key=lambda c: c.at, default=None)


def _in_month_named(at: datetime, month_day: date) -> datetime:
    """A bare day of the month ("the 25th") just after a deadline written with its month ("by 15
    August") is that month's when it falls on or after that date, not the next 25th from the letter's
    date. (A date that is not a deadline — "goes to the editors on 1 October, so before the 28th" —
    gives no month: the 28th comes before it.)"""
    try:
        day = date(month_day.year, month_day.month, at.day)
    except ValueError:
        return at
    return at.replace(year=day.year, month=day.month, day=day.day) if day >= month_day else at


# Between two deadlines, words that change the first: the second replaces it (earlier or later).
_SUPERSEDED_RE = _re(r"\bupdate[ds]?\b|\bpushed\s+(?:\S+\s+){0,3}?back\b|\bpostponed\b|\bmoved\s+(?:\S+\s+){0,2}?(?:to|up|forward|back)\b|\bextended\b"
                     r"|\bdelayed\b|\bcorrection\b|\bchange\s+of\s+plans?\b|\bscratch\s+that\b|\bhas\s+(?:now\s+|just\s+)?changed\b|\bmise\s+[àa]\s+jour\b"
                     r"|\brepouss|\breport[ée]|\bd[ée]cal[ée]|\bprolong|\bavanc[ée]|\bfinalement\b|\brectifi|\bchangement\b"
                     r"|(?:^|\s)(?:تحديث|تاجيل|تاجل|تم\s+تمديد|تمديد|تغيير|تعديل|بدلا\s+من|عوضا\s+عن|تقديم\s+الموعد)")
# "by Thursday; if not, Friday morning still works", "if that's too tight, Monday is the hard stop",
# "if you need more time, Wednesday is the absolute latest": a fallback names the outer limit.
_FALLBACK_RE = _re(r"\bif\s+(?:not\b|that.s\s+(?:too\s+(?:tight|soon|short)|not\s+possible)|you\s+(?:need|want)\s+(?:more|a\s+bit\s+more)\s+time"
                   r"|you\s+can.t\b|it.s\s+not\s+possible)|\bfailing\s+that\b|\bsinon\b|\bsi\s+(?:ce\s+n.est\s+pas\s+possible|c.est\s+trop\s+(?:juste|court))")
_FALLBACK_AFTER_RE = _re(r"[^.?!;\n]{0,25}?\b(?:still\s+(?:works?|gives|suits|fine|ok)|is\s+(?:the\s+)?(?:hard\s+stop|absolute\s+latest|(?:very\s+)?latest|last\s+(?:possible\s+)?(?:day|moment))"
                         r"|would\s+(?:also\s+|still\s+)?(?:work|do)|is\s+(?:also\s+|still\s+)?fine|(?:me\s+)?conviendrait|(?:nous\s+)?irait\s+encore|reste\s+possible)\b")
_NEXT_BEFORE_RE = re.compile(r"\bnext\s+$", re.IGNORECASE)
_OR_BETWEEN_RE = _re(r"\s*[,،(]?\s*(?:or|ou|او|oder|o)\s+(?:at\s+the\s+latest\s+|au\s+plus\s+tard\s+|first\s+thing\s+|"
                     r"(?:early|late)\s+|d[èe]s\s+|(?:on|le|by|before|avant|par)\s+|(?:the\s+)?(?:morning|evening)\s+of\s+)*")


_HIJRI_RESTATED_RE = re.compile(rf"\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?(?:{_HIJRI_MONTHS})(?:\s+(?:لعام\s+|عام\s+)?\d{{4}})?\s*(?:ه(?![\u0621-\u064a])|هـ)?\s*[,،(]?\s*(?:الموافق|الموافقه|الموافق\s+ل|م\.?\s*الموافق)\s+")
# "Thursday, i.e. the 22nd", "يوم الخميس الموافق 22 أكتوبر": the weekday restated as a date ("الموافق", corresponding to).
_RESTATED_RE = _re(r"\s*[,،(]?\s*(?:i\.?\s?e\.?|that\s+is|namely|c'est-[àa]-dire|soit|يعني|اي|بمعني|الموافق(?:ه)?(?:\s+ل)?)\s*[,،:]?\s")
# Words just before a bare hour that put it in the morning ("باكر الصبح قبل الساعة ٩", "tomorrow morning at 9").
_MORNING_BEFORE_RE = _re(r"الصبح|صباحا|الصباح|باكر|بكره|بكرا|غدا|\btomorrow\b|\btmrw?\b|\bmorning\b|\bdemain\b|\bmatin\b")
# A clock time that says which half of the day it is (or is written the 24-hour way).
_MARKED_TIME_RE = _re(rf"am|pm|a\.m|p\.m|\dh|\d\s*h\b|heures?|uhr|(?<!\d)0\d|\d{{4}}|صباح|مساء|مسا|ص{_AR_END}|م{_AR_END}|عصر|ظهر|ليل|صبح|فجر|"
                      r"morning|evening|afternoon|night|tonight|matin|soir|midi|gmt|utc")
_NEXT_WORD_RE = _re(rf"^\s*(?:القادم|المقبل|الجاي|prochain|next)(?![\w{_AR_LETTERS}])")
_NEXT_WEEK_AFTER_RE = _re(r"\s*,?\s*(?:next\s+week|week(?![\w-])|of\s+next\s+week|(?:de\s+)?la\s+semaine\s+prochaine|(?:من\s+)?الاسبوع\s+(?:القادم|المقبل|الجاي))")
_WEEKEND_RE = re.compile(r"week-?end|wochenende|عطله|الويك")
# Days and weeks in the plural with no count ("in the coming weeks", "dans les prochains jours"):
# some time, not a date. ("Within a week", "خلال أسبوع", "خلال يومين" and hours keep their count.)
_VAGUE_UNITS_RE = re.compile(r"(?:business\s+|working\s+)?(?:days|weeks)|jours(?:\s+ouvr[ée]s)?|semaines|d[íi]as|semanas|ايام|dagen|tagen|tage|wochen|weken|giorni|dni|дней|дня")


_HISTORY_DATE_RE = re.compile(
    r"^\s*\**\s*(?:date|sent|envoy[ée]|gesendet|enviado|fecha|التاريخ|تاريخ\s+الارسال|أرسلت|ارسلت|بتاريخ)\s*\**\s*:\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def history_date(history: str, tz: tzinfo, *, before: datetime | None = None) -> datetime | None:
    """The Date of a forwarded or quoted message, from its header block ("Date:", "Sent:", "Envoyé :").

    ``before`` is the forwarding message's Date: a date written without its year ("jeudi 27
    novembre", "7 يوليو") is the last such day before it, and a forwarded message cannot be later.
    """
    from email.utils import parsedate_to_datetime

    m = _HISTORY_DATE_RE.search(history[:1500])
    if not m:
        return None
    value = m.group(1)
    try:
        found = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        import dateparser

        try:
            settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
            if before is not None:
                settings["RELATIVE_BASE"] = before.astimezone(tz).replace(tzinfo=None)
            found = dateparser.parse(value[:80], settings=settings)
        except Exception:  # dateparser raises on odd input; the forwarded date is optional
            found = None
    if found is None:
        return None
    found = found if found.tzinfo else found.replace(tzinfo=tz)
    if before is not None and found > before + timedelta(days=1):
        return None  # a forwarded message from after its forward: misread, the forward's Date stands
    return found


# How far a date may sit from its cue: after "hasta", "bis", "تا" (a few words), or before "kadar", "تک".
CUE_REACH_AFTER = 40
CUE_REACH_BEFORE = 15
# "جمعہ 20 نومبر کو پاکستانی وقت کے مطابق شام 5 بجے تک": the hour of that day stands between the date and its cue.
CUE_REACH_BEFORE_CLOCK = 50
# A clock between the day and its cue, in the same clause: "پیر 2 بجے تک", "cuma günü saat 12:00'ye kadar" (not
# "yarın yayınlanacak, bu akşam saat 20:00'ye kadar": tomorrow is when it is published, the clock this evening's).
_CLOCK_BEFORE_RE = re.compile(r"^[^,;،]*(?:\d\s*بجے|\d{1,2}[:.]\d{2}'?[a-zçğıöşü]{0,4}|saat\s+\d{1,2}'?[a-zçğıöşü]{0,4})\s*$", re.IGNORECASE)
# A semicolon ends the clause a cue reaches into ("حداکثر تا پس‌فردا؛ گزارش پنجشنبه منتشر می‌شود").
# A dot between digits is an hour's or a date's ("pukul 09.00", "bis 15.11."), and one after a number before a word in
# lower case an ordinal's ("vom 15. bis 17.01."), not a sentence's end.
_IN_CLAUSE = r"(?:[^.!?\n؛;]|(?<=\d)\.(?=\d|\s+[a-zß-ÿ]))"
_SNIPPET_RE = re.compile(rf"{_IN_CLAUSE}{{0,160}}\d{_IN_CLAUSE}{{0,80}}")
# A formal letter wrapped by hand ("maklum balas selewat-lewatnya\npada 5 Jun 2026"): a line that goes on in
# lower case (or in a script without case), or after a comma ("mañana,\njueves, antes de las 18:00"), continues the
# sentence above it.
_WRAPPED_RE = re.compile(r"(?<=[^\W\d_,])\n(?=[^\W\d_A-ZÀ-ÞА-Я]|\d{1,2}\s+[^\W\d_]|\d{1,2}[.:]\d{2}\b)|(?<=,)\n(?=[^\W\d_A-ZÀ-ÞА-Я])")
# A sentence with a cue and no digit: "bis Donnerstag", "antes del jueves", "en geç cuma", "paling lambat besok".
_SENTENCE_RE = re.compile(rf"{_IN_CLAUSE}{{1,240}}")
_ARTICLE_RE = re.compile(r"(?:del?|el|la|le|al|ao|do|da)\s+", re.IGNORECASE)
# "Bis morgen!", "¡Hasta mañana!", "Até amanhã": a farewell, not a by-when.
_FAREWELL_RE = re.compile(r"\b(?:bis|hasta|at[ée]|a)\s+(?:morgen|ma[ñn]ana|amanh[ãa]|domani|bald|pronto|logo|luego|dann|breve)\b", re.IGNORECASE)
_FAREWELL_SENTENCE_RE = re.compile(r"(^|[.!?\n])(\s*¡?\s*(?:bis|hasta|at[ée]|a)\s+(?:morgen|ma[ñn]ana|amanh[ãa]|domani)\s*)(?=[.!?\n,]|$)")
# Today, tonight, tomorrow, the day after and the month's end in the languages dateparser reads, which it does
# not give as dates ("hoy", "hari ini", "آج رات", "dopodomani", "fine mese"): a by-when only right after a cue
# ("hasta", "entro", "sebelum", "تا") or right before one ("kadar", "تک"). Urdu "کل" and "پرسوں" also mean
# yesterday and the day before: only before "تک".
MONTH_END = -1
_OTHER_RELATIVE = (  # (days after the letter's date, the words)
    (0, r"hoy(?:\s+mismo)?|hoje|oggi|heute|bug[üu]n|hari\s+ini|сегодня|vandaag|dzisiaj|امروز|آج|আজ|leo"),
    (0, r"esta\s+noche|esta\s+noite|stasera|heute\s+abend|bu\s+ak[şs]am|malam\s+ini|сегодня\s+вечером|vanavond|امشب|آج\s+رات|আজ\s+রাতে"),
    (1, r"ma[ñn]ana|amanh[ãa]|domani|morgen|yar[ıi]n|besok|esok|завтра|jutro|فردا|আগামীকাল|kesho(?!\s+kutwa)|gobe"),
    (2, r"pasado\s+ma[ñn]ana|depois\s+de\s+amanh[ãa]|dopodomani|[üu]bermorgen|[öo]b[üu]r\s+g[üu]n|lusa|послезавтра|overmorgen|پس[\s\u200c]*فردا|পরশু|kesho\s+kutwa"),
    (MONTH_END, r"fin(?:e|al)?\s+(?:de(?:l)?\s+)?mes(?:e)?|ende\s+(?:des\s+)?monats|(?:fim|final)\s+(?:do|deste)\s+m[êe]s|ay(?:[ıi]n)?\s+sonu(?:na)?|akhir\s+bulan(?:\s+ini)?|конца\s+(?:этого\s+|текущего\s+)?месяца"),
)
_OTHER_RELATIVE_RE = re.compile("|".join(f"(?P<r{i}>(?<![\\w\u0600-\u06ff])(?:{words})(?![\\w{_AR_LETTERS}]))"
                                         for i, (_, words) in enumerate(_OTHER_RELATIVE)), re.IGNORECASE)
# "20 نومبر سے 25 نومبر تک": a date before "سے" starts a span; its "تک" ends it.
_FROM_UR_RE = re.compile(rf"(?<![\u0600-\u06ff])سے{_AR_END}")
# "de la mañana", "da manhã", "am Morgen": the morning, not tomorrow.
_MORNING_ARTICLE_RE = re.compile(r"\b(?:la|da|am|des|jeden|diesen|pela|na)\s+$", re.IGNORECASE)
# A duration is a by-when only in a sentence that asks ("les solicitamos que, en un plazo de 48 horas"), not in one
# that tells how fast something happened ("innerhalb von 24 Stunden zwei Millionen Mal angesehen").
_OTHER_ASK_RE = re.compile(r"\b(?:por\s+favor|favor\s+de|solicit|rogamos|pedimos|les?\s+pido|agradecer[íi]a|bitte|bitten|per\s+favore|"
                           r"chiediamo|vi\s+prego|la\s+prego|pe[çc]o|agradecemos|(?:me)?mohon|harap|sila|tafadhali|"
                           r"пожалуйста|просим|прошу|l[üu]tfen|rica\s+eder|verzoek|graag|gelieve)", re.IGNORECASE)
_RU_WEEKDAYS = {"понедельника": "понедельник", "вторника": "вторник", "среды": "среда", "четверга": "четверг",
                "пятницы": "пятница", "субботы": "суббота", "воскресенья": "воскресенье"}
_RU_GENITIVE_RE = re.compile(r"(?<!\w)(?:" + "|".join(_RU_WEEKDAYS) + r")(?!\w)", re.IGNORECASE)
_SO_FAR_CUE_RE = re.compile(r"bis|hasta|at[ée]|до|tot|voor", re.IGNORECASE)
_UR_RELATIVE_RE = re.compile(rf"(?<![\u0600-\u06ff])(?:(?P<d1>کل)|(?P<d2>پرسوں)){_AR_END}")
# "en un plazo de 48 horas", "entro 48 ore", "ndani ya saa 24", "dalam tempoh 48 jam", "в течение 24 часов".
_OTHER_WITHIN_RE = re.compile(
    r"(?:en\s+un\s+plazo\s+(?:m[áa]ximo\s+)?de|no\s+prazo\s+de|innerhalb\s+(?:von\s+)?|entro|"
    r"ndani\s+ya|в\s+течение)\s+(?P<n>\d{1,3})\s+(?P<unit>horas?|stunden|ore|uur|jam|saa|час(?:а|ов)?|d[íi]as?|tage[n]?|giorni|dagen|hari|siku|дн(?:я|ей))\b"
    r"|(?:ndani\s+ya|saa)\s+(?:saa\s+)?(?P<n2>\d{1,3})\b(?P<unit2>)"
    # Malay/Indonesian "dalam tempoh 48 jam": in hours only ("dalam tempoh 2 minggu" also says when something will be done).
    r"|dalam\s+(?:tempoh|waktu|jangka\s+waktu)\s+(?P<n3>\d{1,3})\s+(?P<unit3>jam)\b", re.IGNORECASE)


# Urdu marks a year with a hamza ("۲۰۲۵ء"), and a date is often restated in brackets ("(۱۳ شعبان
# ۱۴۴۶ھ)"): both stand between a date and its cue.
_URDU_YEAR_RE = re.compile(r"(\d{4})ء")
_BRACKETED_RE = re.compile(r"\s*\([^()\n]{1,40}\)")
# Unless the brackets hold the Gregorian date of a Hijri one: "sebelum 15 Rabiulakhir 1448H (bersamaan 27 September 2026)".
_GREGORIAN_RE = re.compile(r"\b\d{1,2}\.?\s+[^\W\d_]{3,}\.?\s+20\d\d\b")
# Bengali puts the genitive on the month or the unit ("১৮ নভেম্বরের মধ্যে", by 18 November; "৪৮ ঘণ্টার মধ্যে",
# within 48 hours), which dateparser does not read.
# Whole words only: "মেরামত" (repair) is no "মে" (May) with a genitive.
_BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_BN_GENITIVE_RE = re.compile(r"(?<![\u0980-\u09ff])(জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর|ঘণ্টা|ঘন্টা|দিন)"
                             r"(?:ের|এর|ার|র)(?![\u0980-\u09ff])")
# A year alone ("2025" in a quoted header): dateparser makes it today.
_YEAR_ALONE_RE = re.compile(r"\s*\d{4}\s*(?:[hH]\b\.?|هـ|ه|ھ)?\s*")
# An hour alone, as dateparser gives it back: "18:00", "17.00 WIB", "pukul 9", "jam 6 petang", "8h30" (not "20.05", a day
# and month, nor "20", a day).
_CLOCK_PHRASE_RE = re.compile(r"(?:(?:(?:pukul|jam|saat|um|ore|alle|las?|às|as|ساعت)\s+[0-2]?\d(?:[:.h]\d\d)?|[0-2]?\d(?::\d\d|h\d\d|\.(?:00|1[3-9]|[2-5]\d)))"
                              r"\s*(?:h|uhr|wib|wita|wit|pagi|petang|sore|malam|siang|a\.?\s?m\.?|p\.?\s?m\.?)?"
                              r"|[0-2]?\d\s*(?:h|uhr|wib|wita|wit|a\.?\s?m\.?|p\.?\s?m\.?))\.?", re.IGNORECASE)
# ... or with a slash or a dash, a year, an hour after it ("até 09-11-2026", "Prazo: 02/11, 12h"): dateparser reads those
# month first.
_DAY_MONTH_RE = re.compile(r"([0-3]?\d)[./-]([01]?\d)(?:[./-](20\d\d))?\.?(?:,?\s*(?:[àa]s\s+|a\s+las\s+)?[0-2]?\d(?:[:h]\d\d)?\s*h?)?")
# The word before a bare number that makes it an hour: "alle 21", "a las 9", "um 10", "pukul 3".
_CLOCK_LEAD_RE = re.compile(r"(?:\b(?:alle(?:\s+ore)?|ore|a\s+las|las|às|um|pukul|jam|saat)|(?<![\u0600-\u06ff])ساعت)\s*$",
                            re.IGNORECASE)
# A length of time in minutes (dateparser reads "15 minutes" as fifteen minutes from now).
_LENGTH_RE = re.compile(r"minut|دقیقه|دقيقه|دقائق|dakika|menit|минут|मिनट|منٹ", re.IGNORECASE)


# "10 سے 14 مارچ تک", "del 10 al 14 de marzo", "с 10 по 14 марта": a stay or an event's span.
# "پیر سے بدھ تک" (Monday to Wednesday): in Urdu a day before "سے" starts the span, as does the first, "یکم سے".
_RANGE_OTHER_RE = re.compile(r"\d\.?\s*(?:سے|تا|-|–|—|to|bis|al|a|à|hasta|at[ée]|до|по)\s*$|(?:^|\s)(?:پیر|منگل|بدھ|جمعرات|جمعہ|ہفتہ|اتوار)\s+سے\s*$|\d\s*[\u0600-\u06ff]+\s+سے\s*$|(?:^|\s)یکم\s+سے\s*$", re.IGNORECASE)


# A card's or a visa's validity, in the languages dateparser reads for us ("vigente hasta", "gültig bis"; said after
# the date: _VALID_AFTER_RE).
_VALID_OTHER_RE = re.compile(r"(?:vigente|v[áa]lid[oa]s?|g[üu]ltig|valevole|ge[çc]erli|berlaku|действител\w*)\s+(?:\S+\s+)?$",
                             re.IGNORECASE)


def find_deadline_other(text: str, base: datetime, language: str) -> Deadline | None:
    """For languages the grammar does not read: dateparser on at most three short cue snippets."""
    text = _WRAPPED_RE.sub(" ", _BRACKETED_RE.sub(lambda m: m.group(0) if _GREGORIAN_RE.search(m.group(0)) else "",
                                                  _URDU_YEAR_RE.sub(r"\1 ", text[:5000])))
    if language in ("fa", "ur", "ps"):
        text = text.translate(_DIGITS)  # "تا ساعت ۱۲ ظهر فردا": an hour dateparser reads only in Western digits
    if language == "hu":
        text = re.sub(r"(\d)-ig\b", r"\1 -ig", text)  # "november 12-ig" (by 12 November): dateparser reads the date, "-ig" is the cue
    if language == "bn":
        text = _BN_GENITIVE_RE.sub(r"\1 ", text.translate(_BN_DIGITS))  # "৩০ সেপ্টেম্বরের মধ্যে": dateparser reads Western digits
    if language == "ru":
        text = _RU_GENITIVE_RE.sub(lambda m: _RU_WEEKDAYS[m.group(0).lower()], text)  # "до четверга": dateparser reads "четверг"
    snippets = [m.group(0) for m in _SNIPPET_RE.finditer(text) if _OTHER_CUE_WORDS.search(m.group(0))][:3]
    if len(snippets) < 3:
        # Weekdays and "tomorrow" carry no digit: the cued sentences without one are read too.
        snippets += [m.group(0) for m in _SENTENCE_RE.finditer(text) if not re.search(r"\d", m.group(0))
                     and _OTHER_CUE_WORDS.search(m.group(0)) and not _farewell(m.group(0))][:3 - len(snippets)]
    if not snippets:
        return _other_relative(text, base, language)
    from dateparser.search import search_dates

    naive = base.replace(tzinfo=None)
    settings = {"RELATIVE_BASE": naive, "PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}
    for snippet in snippets:
        try:
            found = search_dates(snippet, languages=[language], settings=settings) or []
        except Exception:  # dateparser raises on a language it lacks: only the words read here then
            return _other_relative(text, base, language)
        cues = [(m.start(), m.end(), not _PREPOSITION_CUE_RE.fullmatch(m.group(0)), not _POSTPOSITION_CUE_RE.fullmatch(m.group(0)))
                for m in _OTHER_CUE_WORDS.finditer(snippet)]
        for phrase, value in found:
            if not re.search(r"\d", phrase) and (len(phrase) < 4 or abs(value - naive) < timedelta(minutes=1)):
                continue  # "hasta ahora", "até agora": now, so far
            if phrase.endswith("-ig"):
                phrase = phrase[:-3].rstrip()  # dateparser takes Hungarian "-ig" (until) into the date
            where = snippet.find(phrase)
            if (article := _ARTICLE_RE.match(phrase)) and (not re.search(r"\d", phrase) or _WEEKDAY_DAY_RE.match(phrase[article.end():])):
                where, phrase = where + article.end(), phrase[article.end():]  # "antes del jueves": the cue's own "del"
            if not any((before and end <= where <= end + CUE_REACH_AFTER) or (after and 0 <= start - (where + len(phrase)) <= (
                    CUE_REACH_BEFORE_CLOCK if _CLOCK_BEFORE_RE.search(snippet[where + len(phrase):start]) else CUE_REACH_BEFORE)
                    and not _FROM_UR_RE.search(snippet[where + len(phrase):start]))
                       for start, end, after, before in cues):
                continue  # a date elsewhere in the sentence ("prevista para el martes 10 …, hasta el lunes")
            if _YEAR_ALONE_RE.fullmatch(phrase):
                continue  # "2025", "1448H": a year (dateparser reads a date into it)
            if _CLOCK_PHRASE_RE.fullmatch(phrase) or (phrase.isdigit() and _CLOCK_LEAD_RE.search(snippet[:where])):
                # "antes de las 18:00", "entro stasera alle 21", "sebelum pukul 17.00 WIB": an hour, whose day is the
                # one the clause names ("mañana, jueves, antes de las 18:00") or else the letter's (dateparser reads
                # "alle 21" as the 21st and "jam 6" as the 6th).
                value = _clause_day(snippet, base, where + len(phrase))
            elif (dm := _DAY_MONTH_RE.fullmatch(phrase)) and 1 <= int(dm.group(2)) <= 12:
                # "bis zum 20.05.", "entro il 4.12": a day and a month, which dateparser reads as an hour.
                day = _resolve_year(base.date(), int(dm.group(2)), int(dm.group(1)), int(dm.group(3)) if dm.group(3) else None)
                if day is None:
                    continue
                value = datetime.combine(day, time(23, 59))
            elif _OTHER_RELATIVE_RE.match(phrase) and re.search(r"\d", phrase):
                # "até amanhã às 10h": the day is the word's (dateparser counts the hour as hours from now).
                value = _clause_day(phrase, base)
            elif (wdm := _WEEKDAY_DAY_RE.match(phrase)) and not _MONTH_WORD_RE.search(phrase):
                # "antes del martes 22": the next such day of the month (dateparser gives this month's, past or not).
                if (day := _next_day_of_month(base.date(), int(wdm.group(1)))) is None:
                    continue
                phrase = phrase[:wdm.end()]
                value = datetime.combine(day, time(23, 59))
            if _LENGTH_RE.search(phrase):
                continue  # "حدود ۱۵ دقیقه", "30 Minuten": how long an interview takes, not a date
            lead = snippet[:max(0, where)].lower().rstrip() + " "
            if _NOT_BACK_RE.search(lead) or _CLOSED_UNTIL_RE.search(lead[-60:]) or _SCHEDULED_OTHER_RE.search(lead) or _RANGE_OTHER_RE.search(lead) or _EMBARGO_OTHER_RE.search(lead):
                continue  # "no vuelvo hasta el lunes 16", "prevista para el martes 10", "bajo embargo hasta el 9": not by when
            if _VALID_OTHER_RE.search(lead) or _VALID_AFTER_RE.match(snippet[where + len(phrase):]) \
                    or _EMBARGO_AFTER_RE.match(snippet[where + len(phrase):]) or _PAYMENT_OTHER_RE.search(lead):
                continue  # "carné de prensa vigente hasta diciembre", "30 جون تک کارآمد": how long a card lasts
            if _DAY_AFTER_RE.match(snippet[where + len(phrase):]):
                value += timedelta(days=1)  # Swahili "kesho kutwa": dateparser reads its "kesho" (tomorrow) alone
            at = datetime.combine(value.date(), time(23, 59), base.tzinfo)
            if not re.search(r"\d", phrase) and at > base + timedelta(days=14):
                continue  # a month named alone ("novembro"): dateparser fills in a day of its own
            if at > base + timedelta(days=8) and _WEEKDAY_WORD_RE.search(phrase) and not _MONTH_WORD_RE.search(phrase) \
                    and not re.search(r"\d", re.sub(r"\d{1,2}[:.]\d{2}", "", phrase)):
                continue  # "Pazartesi saat 10:00'a": a weekday is within the week; dateparser gave a day months away
            if at > base + timedelta(days=200) and not re.search(r"\d{4}", phrase):
                continue  # "17/02" written on 3 March: the date just past, which dateparser puts next year
            if base - timedelta(hours=1) <= at <= base + timedelta(days=400):
                return Deadline(at=at, phrase=phrase, has_time=False)
    return _other_relative(text, base, language)


_DAY_AFTER_RE = re.compile(r"\s+kutwa\b", re.IGNORECASE)
_WEEKDAY_DAY_RE = re.compile(rf"(?:{_WD_PLAIN})(?:-feira)?,?\s+([0-3]?\d)(?![\d:.])", re.IGNORECASE)
_WEEKDAY_WORD_RE = re.compile(f"(?:{_WD_PLAIN})", re.IGNORECASE)
_MONTH_WORD_RE = re.compile(rf"(?<![^\W\d_])(?:{_MON_PLAIN})(?![^\W\d_])", re.IGNORECASE)


def _clause_day(snippet: str, base: datetime, clock_end: int | None = None) -> datetime:
    """The day an hour belongs to: today, tonight or tomorrow named in its clause ("mañana, antes de las 18:00", "до
    18:00 по московскому времени завтра"), else the letter's own day — not a day that names something else after the
    hour ("antes de las 18 h para incluirla en la edición de mañana": today's hour)."""
    for m in _OTHER_RELATIVE_RE.finditer(snippet):
        if clock_end is not None and m.start() > clock_end and _OF_DAY_RE.search(snippet[clock_end:m.start()]):
            continue
        days = _OTHER_RELATIVE[int(m.lastgroup[1:])][0]
        if days == MONTH_END or (days == 1 and _MORNING_ARTICLE_RE.search(snippet[:m.start()].lower())):
            continue
        return (base + timedelta(days=days)).replace(tzinfo=None)
    return base.replace(tzinfo=None)


# "la edición de mañana", "o jornal de amanhã", "l'edizione di domani": a thing of that day, not the hour's day ("las 10 de
# mañana", right after the hour, is).
_OF_DAY_RE = re.compile(r"\S\s+\S+\s+(?:de|del|do|da|di|of|von)\s*$", re.IGNORECASE)
# "mañana antes de las 10", "hoy, antes de las 9 p. m.", "amanhã até às 18h": a cue before a clock is that day's hour.
_CUE_CLOCK_RE = re.compile(r"\s*(?:(?:las?|as|às|à|den|der|le|ore)\s+)?[0-2]?\d(?:[:.h]\d\d)?\s*(?:h\b|uhr\b|a\.?\s?m\.?|p\.?\s?m\.?)?", re.IGNORECASE)
# A payment term in the languages dateparser reads: "zahlbar bis 30. November", "abonen el importe en un plazo de 15
# días", "ödemeyi 15 gün içinde": when a bill is paid, not a reply-by.
_PAYMENT_OTHER_RE = re.compile(r"\b(?:zahlbar|zahlung|[üu]berweisen|pago|abon(?:ar|en|e)|pagar|pagamento|pagare|[öo]deme\w*|pembayaran|bayar)\b"
                               r"[^.?!\n]{0,40}$", re.IGNORECASE)
# "bajo embargo hasta el 9 de diciembre", "Sperrfrist bis 3. Dezember", "ambargolu olarak 5 Aralık'a kadar": when it may be published.
_EMBARGO_OTHER_RE = re.compile(r"\b(?:embargo|embargado|embargada|sperrfrist|ambargo\w*)\b[^.?!\n]{0,30}$", re.IGNORECASE)
# "bis 10:00 Uhr MESZ unter Sperrfrist stand": the embargo named after its hour.
_EMBARGO_AFTER_RE = re.compile(r"[^.?!\n]{0,25}?\bunter\s+sperrfrist\b", re.IGNORECASE)


def _farewell(sentence: str) -> bool:
    """"Bis morgen!", "¡Hasta mañana, Carlos!": a short sentence that is a farewell ("Peço a remoção até amanhã" is not)."""
    return bool(_FAREWELL_RE.search(sentence)) and len(sentence.split()) <= 4


# "até ao dia 25 de setembro", "até dia 20", "hasta el día 20", "antes del 19": Portuguese and Spanish name the day as
# "dia" or alone, which dateparser does not read; with no month, the coming day of that number.
_DIA_RE = re.compile(r"\b(?:(?:at[ée]|hasta)\s+(?:(?:a|e)?o\s+|el\s+)?d[ií]a|antes\s+d(?:el|o)(?:\s+d[ií]a)?)\s+(?P<d>\d{1,2})\b"
                     r"(?!\s*(?:[:/.,h]\d|%|personas|pessoas|horas|minutos|d[ií]as))(?P<rest>\s+de\s+\w+)?", re.IGNORECASE)


_DIA_AWAY_RE = re.compile(r"(?:\bfora\b|f[ée]rias|ausente|\bfuera\b|vacaciones|licen[çc]a|\bviagem\b|\bviaje\b|\bcerrad[oa]\b|\bfechad[oa]\b)"
                          r"[^.!?\n]{0,30}$", re.IGNORECASE)


def _dia(text: str, base: datetime, language: str) -> Deadline | None:
    if language not in ("pt", "es", "gl"):
        return None
    for m in _DIA_RE.finditer(text[:5000]):
        if _DIA_AWAY_RE.search(text[max(0, m.start() - 60):m.start()]):
            continue  # "estarei fora até dia 28", "de vacaciones hasta el día 20": an absence
        if m.group("rest"):
            mon = next((k for k, names in MONTHS.items() if re.fullmatch(f"(?:{names})", m.group("rest").split()[-1], re.IGNORECASE)), None)
            day = _resolve_year(base.date(), mon, int(m.group("d")), None) if mon else None
        else:
            day = _next_day_of_month(base.date(), int(m.group("d")))
        if day is not None and base.date() <= day <= base.date() + timedelta(days=200):
            return Deadline(at=datetime.combine(day, time(23, 59), base.tzinfo), phrase=m.group(0), has_time=False)
    return None


def _other_relative(text: str, base: datetime, language: str) -> Deadline | None:
    """"Hasta hoy", "entro dopodomani", "bugün … kadar", "کل … تک", "en un plazo de 48 horas": the words dateparser
    does not give as a date, read only beside a cue."""
    if (named := _dia(text, base, language)) is not None:
        return named
    found: list[Deadline] = []
    for sentence in _SENTENCE_RE.finditer(text[:5000]):
        part = sentence.group(0)
        if _farewell(part) or not _OTHER_CUE_WORDS.search(part) and not _OTHER_WITHIN_RE.search(part):
            continue
        cues = list(_OTHER_CUE_WORDS.finditer(part))
        words = [(_OTHER_RELATIVE[int(m.lastgroup[1:])][0], m, False) for m in _OTHER_RELATIVE_RE.finditer(part)]
        if language == "ur":
            words += [(1 if m.group("d1") else 2, m, True) for m in _UR_RELATIVE_RE.finditer(part)]
        for days, m, urdu in words:
            # "Bis heute haben wir keine Antwort", "hasta hoy", "até hoje": until today is so far, not by today —
            # unless an hour stands between ("até às 18h de hoje").
            before = any(not _POSTPOSITION_CUE_RE.fullmatch(c.group(0)) and 0 <= m.start() - c.end() <= 25
                         and not (days == 0 and _SO_FAR_CUE_RE.fullmatch(c.group(0)) and not re.search(r"\d", part[c.end():m.start()]))
                         for c in cues)
            after = any(not _PREPOSITION_CUE_RE.fullmatch(c.group(0)) and 0 <= c.start() - m.end() <= (
                CUE_REACH_BEFORE_CLOCK if _CLOCK_BEFORE_RE.search(part[m.end():c.start()]) else CUE_REACH_BEFORE) for c in cues) \
                or any(0 <= c.start() - m.end() <= 4 and _CUE_CLOCK_RE.match(part, c.end()) for c in cues)
            if urdu and not after:
                continue  # "کل" is yesterday as well as tomorrow: only "کل … تک" is by tomorrow
            if not (before or after):
                continue
            lead = part[:m.start()].lower()
            if days == 1 and _MORNING_ARTICLE_RE.search(lead):
                continue  # "antes de las 10 de la mañana", "às 9h da manhã"
            if _NOT_BACK_RE.search(lead) or _RANGE_OTHER_RE.search(lead) or _VALID_OTHER_RE.search(lead) \
                    or _VALID_AFTER_RE.match(part[m.end():]):
                continue
            if days == MONTH_END:
                day = (base.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            else:
                day = base + timedelta(days=days)
            found.append(Deadline(at=datetime.combine(day.date(), time(23, 59), base.tzinfo), phrase=m.group(0), has_time=False))
        for m in _OTHER_WITHIN_RE.finditer(part) if _OTHER_ASK_RE.search(part) else ():
            if _PAYMENT_OTHER_RE.search(part[:m.start()]):
                continue  # "abonen el importe en un plazo de 15 días": when a bill is paid
            n, unit = int(m.group("n") or m.group("n2") or m.group("n3")), (m.group("unit") or m.group("unit3") or "saa").lower()
            in_days = unit.startswith(("siku", "hari", "d", "tag", "gio", "дн"))
            if 0 < n <= (31 if in_days else 24 * 7):
                # Hours count to the hour ("within 24 hours" is urgent); days to the end of the last one.
                at = base + timedelta(days=n) if in_days else base + timedelta(hours=n)
                found.append(Deadline(at=datetime.combine(at.date(), time(23, 59), base.tzinfo) if in_days else at,
                                      phrase=m.group(0), has_time=not in_days))
    return min(found, key=lambda d: d.at, default=None)


__all__ = ["Deadline", "find_deadline", "find_deadline_other", "history_date", "says_no_date_at_all", "says_no_rush"]

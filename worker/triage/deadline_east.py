"""By-when dates in the languages the grammar does not read and dateparser is not asked for: Chinese, Japanese and
Korean ("10月15日前", "本周五之前", "金曜日までに", "10월 15일까지"), Thai ("ภายในวันที่ 15 ตุลาคม"), Vietnamese ("trước ngày
15/10", "trước thứ Sáu"), Tagalog ("bago ang Biyernes"), Hindi ("31 अक्टूबर तक"), Tamil ("வியாழக்கிழமைக்குள்") and the Turkic languages of Central Asia and the
Caucasus ("18-sentabrgacha", "17:00-dək", "20 қарашаға дейін").

A date or weekday counts only beside its cue: right before "前/までに/까지" (nothing but an hour between), or right after
"截止/ภายใน/trước/bago". An event's date without one ("会议将于10月15日举行") is no deadline.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from mediadesk.worker.triage.deadline import Deadline, _next_day_of_month, _resolve_year

# Weekday characters: Chinese "周五/星期五/禮拜五", Japanese "金曜(日)", Korean "금요일".
_ZH_WD = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_JA_WD = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_KO_WD = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_TH_WD = {"จันทร์": 0, "อังคาร": 1, "พุธ": 2, "พฤหัสบดี": 3, "พฤหัส": 3, "ศุกร์": 4, "เสาร์": 5, "อาทิตย์": 6}
_VI_WD = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}
_TL_WD = {"lunes": 0, "martes": 1, "miyerkules": 2, "huwebes": 3, "biyernes": 4, "sabado": 5, "linggo": 6}
_TH_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
              "พฤศจิกายน", "ธันวาคม"]
_TH_ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
_TL_MONTHS = ["enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto", "setyembre", "oktubre", "nobyembre",
              "disyembre"]

# The day: a date, a weekday (this or next week's) or today/tomorrow/the day after.
_CJK_DAY = (r"(?:(?P<y>\d{4})\s*[年년]\s*)?(?P<m>\d{1,2})\s*[月월/]\s*(?P<d>\d{1,2})\s*[日号號일]?"
            r"|(?P<next>下个?|下個?|다음\s*주\s*|来週|來週)?(?:本|这|這|今週|이번\s*주\s*)?(?:周|週|星期|礼拜|禮拜)(?P<zw>[一二三四五六日天])"
            r"|(?P<jnext>来週)?(?:今週)?(?P<jw>[月火水木金土日])曜日?"
            r"|(?P<knext>다음\s*주\s*)?(?:이번\s*주\s*)?(?P<kw>[월화수목금토일])요일"
            r"|(?P<rel>今天|今日|本日|오늘|明天|明日|明早|明晨|聽日|내일|今晚|今夜|后天|後天|明後日|모레)")
# A question right after a cut-off named before its day: the sender asks whether it is the cut-off (a request put
# as a question, "11月19日までにご回答いただけますでしょうか", has its cue after the day and stands).
_ASKED_RE = re.compile(r"[^。.!！\n]{0,8}?(?:吗|嗎|ですか|でしょうか|인가요|나요|입니까|[?？])")
# A month's end: "11月末まで", "10월 말까지", "10月底前".
_CJK_MONTH_END_RE = re.compile(r"(?:(?P<m>\d{1,2})|(?P<this>今|本|这个|這個|이번\s*))\s*(?:月末|月底|월\s*말|달\s*말)\s*(?:までに|まで|까지|前|之前|以前)")
# A weekday or "tomorrow" restated as a day of the month in brackets ("다음 주 월요일(19일)까지", "明日（10日）"): the date wins.
_BRACKET_DAY_RE = re.compile(r"[(（]\s*(\d{1,2})\s*[日일号號]\s*(?:[(（]?[月火水木金土日월화수목금토일一二三四五六天][)）]?)?\s*[)）]")
# "本日中", "今日中", "今天之内": by the end of today, a cue of its own.
_CJK_TODAY_RE = re.compile(r"(?:本日|今日)中|今天之内|今天內|今天之內|오늘\s*중")
# An hour after the day: "下午3点", "午後5時", "오후 3시", "15:00".
_BRACKET = r"(?:\s*[(（][^)）\n]{1,12}[)）])?"
_CJK_HOUR = (_BRACKET + r"\s*(?:(?P<ampm>上午|下午|晚上|中午|午前|午後|夕方|오전|오후|저녁)\s*)?(?:(?P<h>\d{1,2})\s*(?:[:：](?P<mi>\d{2})"
             r"|[点點時시](?:\s*(?P<mi2>\d{1,2})\s*[分분])?)|(?P<noon>正午|中午|정오))?" + _BRACKET)
_CJK_AFTER = r"\s*(?:或之前|或以前|下班前|下班之前|之前|以前|前(?![后後])|为止|為止|までに|まで|迄|까지|전까지|이전까지|이전에|전에)"
_CJK_BEFORE = (r"(?:截止|截至|最晚|最迟|最遲|不晚于|不晚於|期限|締め?切り?|마감)(?:日期|时间|時間|日|일)?(?:は|은|이|が)?\s*[:：为為是]?\s*"
               r"(?:需|要|须|須)?(?:于|於|在)?\s*")
_CJK_RE = re.compile(f"(?P<pre>{_CJK_BEFORE})?(?:{_CJK_DAY}){_CJK_HOUR}(?P<cue>{_CJK_AFTER})?")

_TH_MON = "|".join(_TH_MONTHS + [re.escape(a) for a in _TH_ABBR])
_TH_RE = re.compile(r"(?P<cue>ภายใน|ก่อน|ไม่เกิน)\s*(?:เวลา\s*(?P<h>\d{1,2})[.:](?P<mi>\d{2})\s*น\.\s*)?(?:วันที่\s*(?P<d>\d{1,2})\s*(?P<mon>" + _TH_MON + r")?"
                    r"|(?P<d2>\d{1,2})\s*(?P<mon2>" + _TH_MON + r")|วัน(?P<w>" + "|".join(_TH_WD) + r")"
                    r"|(?P<rel>พรุ่งนี้|วันนี้))")
_VI_RE = re.compile(r"\b(?P<cue>trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?)\s+"
                    r"(?:(?P<h>\d{1,2})\s*(?:h|giờ)\s*(?P<mi>\d{2})?\s+)?"
                    r"(?:(?:ngày\s+)?(?P<d>\d{1,2})(?:\s+tháng\s+|/)(?P<m>\d{1,2})\b|thứ\s+(?P<w>hai|ba|tư|năm|sáu|bảy)\b"
                    r"|(?P<sun>chủ\s+nhật)\b|(?P<rel>ngày\s+mai|hôm\s+nay)\b)", re.IGNORECASE)
_TL_RE = re.compile(r"\b(?P<cue>bago\s+(?:ang\s+|mag-?|sa\s+)?|hanggang\s+(?:sa\s+)?|sa\s+o\s+bago\s+ang)\s*"
                    r"(?:(?P<w>" + "|".join(_TL_WD) + r")\b"
                    r"(?:,?\s+(?P<mon>" + "|".join(_TL_MONTHS) + r")\s+(?P<d>\d{1,2}))?|(?P<mon2>" + "|".join(_TL_MONTHS)
                    + r")\s+(?P<d2>\d{1,2})\b|(?P<rel>bukas)\b)", re.IGNORECASE)
# Hindi: "31 अक्टूबर 2026 तक", "शुक्रवार तक", "कल शाम 5 बजे तक", "15 नवंबर से पहले".
_HI_MONTHS = ["जनवरी", "फ़रवरी|फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर|सितम्बर", "अक्टूबर|अक्तूबर",
              "नवंबर|नवम्बर", "दिसंबर|दिसम्बर"]
_HI_WD = ["सोमवार", "मंगलवार", "बुधवार", "गुरुवार|बृहस्पतिवार", "शुक्रवार", "शनिवार", "रविवार"]
# (Not "18 नवंबर तक कार्यालय से बाहर": तक is "until" there, an absence.)
_HI_RE = re.compile(r"(?:(?P<d>\d{1,2})\s*(?P<mon>" + "|".join(_HI_MONTHS) + r")(?:,?\s*\d{4})?|(?P<w>" + "|".join(_HI_WD)
                    + r")|(?P<rel>आज|कल))(?:\s*(?:की\s+)?(?:सुबह|दोपहर|शाम|रात)?\s*(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*बजे)?"
                    r"(?:\s*\([^)\n]{1,12}\))?\s*(?P<cue>तक|से\s+पहले)"
                    r"(?!\s*(?:मैं\s+)?(?:कार्यालय\s+से\s+)?(?:बाहर|अवकाश|छुट्टी))")
# Tamil: "அடுத்த வியாழக்கிழமைக்குள்" (by Thursday), "இன்று மாலை 6 மணிக்கு முன்" (before 6 this evening), "20 நவம்பருக்குள்".
_TA_MONTHS = ["ஜனவரி", "பிப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்", "செப்டம்பர்", "அக்டோபர்", "நவம்பர்",
              "டிசம்பர்"]
_TA_WD = ["திங்கள்", "செவ்வாய்", "புதன்", "வியாழ", "வெள்ளி", "சனி", "ஞாயிறு"]
# A month's name loses its final mark before the suffix ("நவம்பருக்குள்"): matched without it.
_TA_RE = re.compile(r"(?:(?P<d>\d{1,2})\s*(?P<mon>" + "|".join(m.rstrip("்") for m in _TA_MONTHS) + r")|(?P<w>" + "|".join(_TA_WD)
                    + r")|(?P<rel>இன்று|நாளை))"
                    r"[^\s.,]{0,14}?(?:\s+(?:காலை|மதியம்|மாலை|இரவு))?(?:\s+(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*மணி[^\s.,]{0,6}?)?"
                    r"(?P<cue>க்குள்|குள்|\s+முன்)")
# Tamil in Sri Lanka names the month first: "நவம்பர் 9ஆம் திகதிக்குள்" (by the 9th of November).
_TA_MONTH_FIRST_RE = re.compile(r"(?P<mon>" + "|".join(m.rstrip("்") for m in _TA_MONTHS) + r")[^\s\d]{0,3}\s*(?P<d>\d{1,2})\s*"
                                r"(?:ஆம்|ம்)?\s*(?:திகதி|தேதி)?(?P<cue>க்குள்|குள்|\s+முன்)")
# Uzbek, Azerbaijani, Kazakh and Kyrgyz put "until" after the day, as a suffix or a word: "18-sentabrgacha", "juma
# kunigacha", "bu gün saat 17:00-dək", "20 noyabra qədər", "20 қарашаға дейін", "жумага чейин".
_TK_MONTHS = ["yanvar|январ|қаңтар", "fevral|феврал|ақпан", "mart|март|наурыз", "aprel|апрел|сәуір", "may|май|мамыр",
              "iyun|июн|маусым", "iyul|июл|шілде", "avgust|avqust|август|тамыз", "sentabr|sentyabr|сентябр|қыркүйек",
              "oktabr|oktyabr|октябр|қазан", "noyabr|ноябр|қараша", "dekabr|декабр|желтоқсан"]
_TK_WD = [r"dushanba|bazar\s+ertəsi|душанба|дүйсенбі|дүйшөмбү", r"seshanba|çərşənbə\s+axşamı|сешанба|сейсенбі|шейшемби",
          r"chorshanba|çərşənbə|чоршанба|сәрсенбі|шаршемби", r"payshanba|cümə\s+axşamı|пайшанба|бейсенбі|бейшемби",
          r"juma|cümə|жума|жұма", r"shanba|şənbə|шанба|сенбі|ишемби", r"yakshanba|якшанба|жексенбі|жекшемби"]
_TK_REL = {"bugun": 0, "bu gün": 0, "бугун": 0, "бүгін": 0, "бүгүн": 0, "ertaga": 1, "эртага": 1, "ертең": 1, "эртең": 1}
_TK_MON = "|".join(f"(?P<m{i}>{w})" for i, w in enumerate(_TK_MONTHS))
_TK_RE = re.compile(
    r"(?<![^\W\d_])(?:(?P<d>\d{1,2})\s*-?\s*(?:" + _TK_MON + r")|(?P<w>" + "|".join(f"(?:{w})" for w in _TK_WD) + r")"
    r"|(?P<rel>" + "|".join(k.replace(" ", r"\s+") for k in _TK_REL) + r"))"
    r"[^\W\d_]{0,4}(?:\s+(?:kuni|kun|günü|күні|күнү|куни)[^\W\d_]{0,3}?)?"
    r"(?:\s+(?:soat|saat|сағат|саат)\s*(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?)?"
    r"\s?-?\s?(?P<cue>gacha|гача|qədər|qadar|dək|dek|dak|дейін|чейин)(?![^\W\d_])"
    # (Not "12 декабргача Риёзда бўлишади", until the 12th they will be in Riyadh: a stay somewhere, not a by-when.)
    r"(?!\s+[^\W\d_]+(?:da|də|de|да|де|та|те)\s+(?:бўл|bo.l|бол|qol|қал|қол|ol|кал)\w*)", re.IGNORECASE)

_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# Kana, CJK ideographs, Hangul, Thai, Devanagari, Tamil; the Vietnamese and Tagalog cues.
_HAS_EAST_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\u0900-\u097f\u0b80-\u0bff]"
                          r"|\b(?:trước|bago|hanggang|chậm\s+nhất|hạn\s+chót)\b|gacha|гача|qədər|qadar|dək|dek|dak|дейін|чейин",
                          re.IGNORECASE)
_REL_DAYS = {"今天": 0, "今日": 0, "本日": 0, "오늘": 0, "今晚": 0, "今夜": 0, "วันนี้": 0, "hôm nay": 0,
             "明天": 1, "明日": 1, "明早": 1, "明晨": 1, "聽日": 1, "내일": 1, "พรุ่งนี้": 1, "ngày mai": 1, "bukas": 1,
             "后天": 2, "後天": 2, "明後日": 2, "모레": 2}
_LATER_HOURS = ("下午", "晚上", "午後", "夕方", "오후", "저녁")


def _th_month(word: str) -> int:
    return (_TH_MONTHS.index(word) if word in _TH_MONTHS else _TH_ABBR.index(word)) + 1


def _weekday_day(today: date, wd: int, next_week: bool = False) -> date:
    """The coming ``wd`` (today if it is that day); next week's with ``next_week`` ("下周五")."""
    return today + timedelta(days=(wd - today.weekday()) % 7 + (7 if next_week else 0))


def _found(day: date | None, base: datetime, phrase: str, hour: int | None = None, minute: int = 0) -> Deadline | None:
    """A by-when from today up to 200 days on; at the stated hour, else at 23:59 of the day."""
    if day is None or not 0 <= (day - base.date()).days <= 200:
        return None
    if hour is not None and 0 <= hour <= 23 and 0 <= minute <= 59:
        return Deadline(at=datetime.combine(day, time(hour, minute), base.tzinfo), phrase=phrase, has_time=True)
    return Deadline(at=datetime.combine(day, time(23, 59), base.tzinfo), phrase=phrase, has_time=False)


def _cjk(text: str, base: datetime, today: date):
    for m in _CJK_RE.finditer(text):
        if not (m.group("cue") or m.group("pre")) or not m.group("cue") and _ASKED_RE.match(text, m.end()):
            continue  # no cue; or a cut-off asked about ("截止是11月19日吗？"), not set
        if m.group("m"):
            day = _resolve_year(today, int(m.group("m")), int(m.group("d")), int(m.group("y")) if m.group("y") else None)
        elif m.group("zw"):
            day = _weekday_day(today, _ZH_WD[m.group("zw")], bool(m.group("next")))
        elif m.group("jw"):
            day = _weekday_day(today, _JA_WD[m.group("jw")], bool(m.group("jnext")))
        elif m.group("kw"):
            day = _weekday_day(today, _KO_WD[m.group("kw")], bool(m.group("knext")))
        else:
            day = today + timedelta(days=_REL_DAYS[m.group("rel")])
        if not m.group("m") and (stated := _BRACKET_DAY_RE.search(m.group(0))):
            day = _next_day_of_month(today, int(stated.group(1)))
        hour = int(m.group("h")) if m.group("h") else 12 if m.group("noon") else None
        if hour is not None and hour < 12 and m.group("ampm") in _LATER_HOURS:
            hour += 12
        yield _found(day, base, m.group(0).strip(), hour, int(m.group("mi") or m.group("mi2") or 0))
    for m in _CJK_MONTH_END_RE.finditer(text):
        month = int(m.group("m")) if m.group("m") else today.month
        if 1 <= month <= 12:
            year = today.year + (month < today.month)
            yield _found(date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1), base, m.group(0))
    for m in _CJK_TODAY_RE.finditer(text):
        yield _found(today, base, m.group(0))


def _thai(text: str, base: datetime, today: date):
    for m in _TH_RE.finditer(text):
        if m.group("rel"):
            day = today + timedelta(days=_REL_DAYS[m.group("rel")])
        elif m.group("w"):
            day = _weekday_day(today, _TH_WD[m.group("w")])
        elif mon := m.group("mon") or m.group("mon2"):
            day = _resolve_year(today, _th_month(mon), int(m.group("d") or m.group("d2")), None)
        else:  # "ภายในวันที่ 15": this month's 15th, or next month's once it has passed
            day = _next_day_of_month(today, int(m.group("d")))
        yield _found(day, base, m.group(0), int(m.group("h")) if m.group("h") else None, int(m.group("mi") or 0))


def _vietnamese(text: str, base: datetime, today: date):
    for m in _VI_RE.finditer(text):
        if m.group("rel"):
            day = today + timedelta(days=_REL_DAYS[" ".join(m.group("rel").lower().split())])
        elif m.group("w") or m.group("sun"):
            day = _weekday_day(today, _VI_WD[m.group("w").lower()] if m.group("w") else 6)
        else:
            day = _resolve_year(today, int(m.group("m")), int(m.group("d")), None) if 1 <= int(m.group("m")) <= 12 else None
        yield _found(day, base, m.group(0), int(m.group("h")) if m.group("h") else None, int(m.group("mi") or 0))


def _tagalog(text: str, base: datetime, today: date):
    for m in _TL_RE.finditer(text):
        if m.group("rel"):
            day = today + timedelta(days=1)
        elif mon := m.group("mon") or m.group("mon2"):
            day = _resolve_year(today, _TL_MONTHS.index(mon.lower()) + 1, int(m.group("d") or m.group("d2")), None)
        else:
            day = _weekday_day(today, _TL_WD[m.group("w").lower()])
        yield _found(day, base, m.group(0))


def _hindi(text: str, base: datetime, today: date):
    for m in _HI_RE.finditer(text):
        if m.group("rel"):
            day = today + timedelta(days=0 if m.group("rel") == "आज" else 1)
        elif m.group("w"):
            day = _weekday_day(today, next(i for i, w in enumerate(_HI_WD) if re.fullmatch(w, m.group("w"))))
        else:
            month = next(i for i, w in enumerate(_HI_MONTHS) if re.fullmatch(w, m.group("mon"))) + 1
            day = _resolve_year(today, month, int(m.group("d")), None)
        hour = int(m.group("h")) if m.group("h") else None
        if hour is not None and hour < 12 and re.search(r"दोपहर|शाम|रात", m.group(0)):
            hour += 12
        yield _found(day, base, m.group(0), hour, int(m.group("mi") or 0))


def _tamil(text: str, base: datetime, today: date):
    for m in _TA_MONTH_FIRST_RE.finditer(text):
        yield _found(_resolve_year(today, next(i for i, w in enumerate(_TA_MONTHS) if w.startswith(m.group("mon"))) + 1,
                                   int(m.group("d")), None), base, m.group(0))
    for m in _TA_RE.finditer(text):
        if m.group("rel"):
            day = today + timedelta(days=0 if m.group("rel") == "இன்று" else 1)
        elif m.group("w"):
            day = _weekday_day(today, _TA_WD.index(m.group("w")))
        else:
            day = _resolve_year(today, next(i for i, w in enumerate(_TA_MONTHS) if w.startswith(m.group("mon"))) + 1,
                                int(m.group("d")), None)
        hour = int(m.group("h")) if m.group("h") else None
        if hour is not None and hour < 12 and re.search(r"மதியம்|மாலை|இரவு", m.group(0)):
            hour += 12
        yield _found(day, base, m.group(0), hour, int(m.group("mi") or 0))


def _turkic(text: str, base: datetime, today: date):
    for m in _TK_RE.finditer(text):
        if m.group("rel"):
            day = today + timedelta(days=_TK_REL[" ".join(m.group("rel").lower().split())])
        elif m.group("w"):
            word = m.group("w").lower()
            day = _weekday_day(today, next(i for i, w in enumerate(_TK_WD) if re.fullmatch(w, word, re.IGNORECASE)))
        else:
            month = next(i for i in range(12) if m.group(f"m{i}")) + 1
            day = _resolve_year(today, month, int(m.group("d")), None)
        yield _found(day, base, m.group(0), int(m.group("h")) if m.group("h") else None, int(m.group("mi") or 0))


_READERS = (_cjk, _thai, _vietnamese, _tagalog, _hindi, _tamil, _turkic)


def find_deadline_east(text: str, base: datetime) -> Deadline | None:
    """The earliest cued by-when in Chinese, Japanese, Korean, Thai, Vietnamese, Tagalog, Hindi or Tamil, else None.

    A named day resolves as the grammar's do (``_resolve_year``: this year's, next year's when this year's is more than a
    week gone); only days from today to 200 days on count."""
    text = unicodedata.normalize("NFKC", text[:5000]).translate(_DIGITS)
    if not _HAS_EAST_RE.search(text):
        return None
    today = base.date()
    found = [d for reader in _READERS for d in reader(text, base, today) if d is not None]
    return min(found, key=lambda d: d.at, default=None)


__all__ = ["find_deadline_east"]

"""By-when dates in the languages the grammar does not read and dateparser is not asked for: Chinese, Japanese and
Korean ("10月15日前", "本周五之前", "金曜日までに", "10월 15일까지"), Thai ("ภายในวันที่ 15 ตุลาคม"), Vietnamese ("trước ngày
15/10", "trước thứ Sáu"), Tagalog ("bago ang Biyernes"), Hindi ("31 अक्टूबर तक"), Tamil ("வியாழக்கிழமைக்குள்") and the Turkic languages of Central Asia and the
Caucasus ("18-sentabrgacha", "17:00-dək", "20 қарашаға дейін"), Lithuanian, Latvian and Estonian ("iki spalio 15 d.", "līdz
piektdienai", "hiljemalt reedeks").

A date or weekday counts only beside its cue: right before "前/までに/까지" (nothing but an hour between), or right after
"截止/ภายใน/trước/bago". An event's date without one ("会议将于10月15日举行") is no deadline.
"""

from __future__ import annotations

import functools
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
# "gửi giúp em trong hôm nay nhé, trước 15h": an hour before which, today's when the sentence says today.
_VI_HOUR_TODAY_RE = re.compile(r"\b(?:trong\s+)?hôm\s+nay\b[^.!?\n]{0,40}?\btrước\s+(?P<h>\d{1,2})\s*(?:h|giờ)\s*(?P<mi>\d{2})?"
                               r"(?!\s*(?:ngày|thứ|chủ|\d))", re.IGNORECASE)
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
# (Azerbaijani "sabah", tomorrow, is Turkish "morning": it counts only before these languages' own "-dək", "qədər".)
_TK_REL = {"bugun": 0, "bu gün": 0, "бугун": 0, "бүгін": 0, "бүгүн": 0, "ertaga": 1, "эртага": 1, "ертең": 1, "эртең": 1,
           "sabah": 1}
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
                          r"|\b(?:trước|bago|hanggang|chậm\s+nhất|hạn\s+chót)\b|gacha|гача|qədər|qadar|dək|dek|dak|дейін|чейин"
                          r"|\b(?:iki|l[īi]dz|hiljemalt|kuni)\b|(?:p[äa]evaks|reedeks|homseks|\w{3,}iks)\b",
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
    for m in _VI_HOUR_TODAY_RE.finditer(text):
        yield _found(today, base, m.group(0), int(m.group("h")), int(m.group("mi") or 0))


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


# Lithuanian, Latvian and Estonian put their cue before the day ("iki spalio 15 d.", "līdz 15. oktobrim", "hiljemalt 15.
# oktoobriks", "kuni reedeni") or, in Estonian, a "by" suffix on it ("reedeks", "homseks"). Months in the case the cue
# takes (Lithuanian genitive, Latvian dative, Estonian terminative), weekdays by their stems.
_BALTIC_MONTHS = [r"sausio|janvār\w*|jaanuar\w*", r"vasario|februār\w*|veebruar\w*", r"kovo|mart\w*|märts\w*", r"baland[žz]io|aprīl\w*|aprill\w*",
                  r"gegu[žz][ėe]s|maij\w*|mai(?:ks|ni)", r"bir[žz]elio|jūnij\w*|juuni\w*", r"liepos|jūlij\w*|juuli\w*",
                  r"rugpj[ūu][čc]io|august\w*", r"rugs[ėe]jo|septembr\w*|september\w*", r"spalio|oktobr\w*|oktoob\w*",
                  r"lapkri[čc]io|novembr\w*|november\w*", r"gruod[žz]io|decembr\w*|detsemb\w*"]
_BALTIC_WD = [r"pirmadien\w*|pirmdien\w*|esmasp[äa]ev\w*", r"antradien\w*|otrdien\w*|teisip[äa]ev\w*",
              r"tre[čc]iadien\w*|tre[šs]dien\w*|kolmap[äa]ev\w*", r"ketvirtadien\w*|ceturtdien\w*|neljap[äa]ev\w*",
              r"penktadien\w*|piektdien\w*|reede\w*", r"[šs]e[šs]tadien\w*|sestdien\w*|laup[äa]ev\w*",
              r"sekmadien\w*|sv[ēe]tdien\w*|p[üu]hap[äa]ev\w*"]
_ET_WD = [w.split("|")[-1].replace(r"\w*", "") for w in _BALTIC_WD]  # Estonian stems, for the "-ks" suffix
_BALTIC_REL = {"šiandien": 0, "siandien": 0, "šodien": 0, "täna": 0, "tänaseks": 0, "rytojaus": 1, "rytoj": 1, "rītdien": 1,
               "rītam": 1, "homme": 1, "homseks": 1, "homme hommikuks": 1}
_BALTIC_MON = "|".join(f"(?P<b{i}>{w})" for i, w in enumerate(_BALTIC_MONTHS))
_BALTIC_DATE = (r"(?:(?P<iy>20\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)|(?P<nd>[0-3]?\d)\.\s?(?P<nm>[01]?\d)\.(?:\s?(?P<ny>20\d\d)\.?)?"
                r"|(?:20\d\d\s*m\.\s*)?(?:" + _BALTIC_MON + r")\s+(?P<d1>[0-3]?\d)\s*d\.?|(?P<d2>[0-3]?\d)\.\s*(?:" + _BALTIC_MON.replace("?P<b", "?P<c") + r")"
                r"|(?P<w>" + "|".join(f"(?:{w})" for w in _BALTIC_WD) + r")|(?P<rel>" + "|".join(sorted(_BALTIC_REL, key=len, reverse=True)) + r"))")
_BALTIC_RE = re.compile(
    r"(?:(?<![^\W\d_])(?P<cue>iki|ne\s+v[ėe]liau\s+kaip|l[īi]dz|v[ēe]l[āa]kais(?:\s+l[īi]dz)?|hiljemalt|kuni)\s+(?:[^\W\d_]+\s+)?" + _BALTIC_DATE
    + r"|(?<![^\W\d_])(?P<ks>(?:\d{1,2}\.\s*)?(?:" + _BALTIC_MON.replace("?P<b", "?P<e") + r"|(?:" + "|".join(_ET_WD) + r")[a-z]*|homseks)(?<=ks)))"
    # An hour after it: "plkst. 12", "kell 14", "15 val.", "12:00" (not a bare number: "iki penktadienio 3 klausimus").
    r"(?:,?\s*(?:iki\s+|l[īi]dz\s+)?(?:(?:plkst\.?|kell|kl\.)\s*(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?"
    r"|(?P<h2>[012]?\d)(?:[:.](?P<mi2>[0-5]\d)\s*(?:val\.?|h\b)?|\s*(?:val\.?|h\b)))(?![\d.]))?", re.IGNORECASE)
# "atostogose iki", "atvaļinājumā līdz", "puhkusel kuni": an absence until a day, not a by-when.
_BALTIC_AWAY_RE = re.compile(r"(?:atostog\w*|komandiruot\w*|atvaļinājum\w*|komandējum\w*|puhkusel|lähetuses|kontorist\s+eemal)\s+(?:\S+\s+){0,3}$",
                             re.IGNORECASE)


def _baltic(text: str, base: datetime, today: date):
    for m in _BALTIC_RE.finditer(text):
        if _BALTIC_AWAY_RE.search(text[max(0, m.start() - 60):m.start()]):
            continue
        g = m.groupdict()
        if g["iy"]:
            day = _resolve_year(today, int(g["im"]), int(g["id"]), int(g["iy"])) if 1 <= int(g["im"]) <= 12 else None
        elif g["nd"]:
            day = _resolve_year(today, int(g["nm"]), int(g["nd"]), int(g["ny"]) if g["ny"] else None) if 1 <= int(g["nm"]) <= 12 else None
        elif g["rel"] or (g["ks"] and g["ks"].lower() == "homseks"):
            day = today + timedelta(days=_BALTIC_REL.get((g["rel"] or g["ks"]).lower(), 1))
        elif g["w"] or (g["ks"] and not any(g[f"e{i}"] for i in range(12))):
            word = (g["w"] or g["ks"]).lower()
            day = _weekday_day(today, next(i for i, w in enumerate(_BALTIC_WD) if re.match(w, word, re.IGNORECASE)))
        else:
            month = next(i for i in range(12) if g[f"b{i}"] or g[f"c{i}"] or g[f"e{i}"]) + 1
            number = g["d1"] or g["d2"] or (re.match(r"\d+", g["ks"]) or [None])[0]
            day = _resolve_year(today, month, int(number), None) if number else None
        hour = g["h"] or g["h2"]
        yield _found(day, base, m.group(0).strip(), int(hour) if hour else None, int(g["mi"] or g["mi2"] or 0))


_READERS = (_cjk, _thai, _vietnamese, _tagalog, _hindi, _tamil, _turkic, _baltic)


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




# Today and tomorrow in the languages of Central, Eastern and Northern Europe, with the cue before them ("do sutra do 10
# časova", "до утре до 12 часот", "μέχρι αύριο το μεσημέρι", "până mâine, marți, la ora 12:00") or an "until" before
# the hour after them ("dziś do godz. 20:00", "ma 14 óráig", "сьогодні до кінця робочого дня"): neither dateparser nor
# the grammar reads them. Only in a letter of those languages ("ma" is Italian for "but").
_EU_TODAY = {"hr": "danas|večeras", "sr": "danas|večeras|данас|вечерас", "bs": "danas|večeras", "sl": "danes|nocoj",
             "pl": "dziś|dzisiaj", "cs": "dnes|dneska", "sk": "dnes", "bg": "днес|довечера|денес|вечерва", "uk": "сьогодні",
             "ru": "сегодня", "ro": "azi|astăzi|astazi", "el": "σήμερα|σημερα|απόψε", "hu": "ma|ma este", "sv": "idag|i dag|ikväll|i kväll",
             "da": "idag|i dag|i aften", "nb": "idag|i dag|i kveld", "fi": "tänään", "lt": "šiandien", "lv": "šodien", "et": "täna"}
_EU_TOMORROW = {"hr": "sutra", "sr": "sutra|сутра", "bs": "sutra", "sl": "jutri", "pl": "jutr[ao]", "cs": "zítra", "sk": "zajtra",
                "bg": "утре", "uk": "завтра", "ru": "завтра", "ro": "mâine|maine", "el": "αύριο|αυριο", "hu": "holnap",
                "sv": "i ?morgon", "da": "i ?morgen", "nb": "i ?morgen", "fi": "huomenna", "lt": "rytoj", "lv": "rīt", "et": "homme"}
_EU_CUE = (r"do|до|p[âa]n[ăa](?:\s+(?:la|pe|[îi]n))?|μέχρι|μεχρι|έως|εως|ως|najkasnije|najpó[źz]niej|nejpozd[ěe]ji|najnesk[ôo]r|legk[ée]s[őo]bb|"
           r"senast|innen|inden|viimeist[äa][äa]n|iki|l[īi]dz|hiljemalt|не\s+пізніше|не\s+позднее|не\s+по-късно\s+от|"
           # A label: "Краен срок: днес, 16 ч.", "Rok: sutra u 12", "Frist: i dag kl. 16", "Határidő: ma 14 óráig".
           r"(?:краен\s+срок|крайний\s+срок|крайній\s+термін|rok|termin|term[íi]n|uz[áa]v[ěe]rka|uz[áa]vierka|frist|t[äa]htaeg|termi[ņn][šs]|terminas|"
           r"m[äa][äa]r[äa]aika|hat[áa]rid[őo]|προθεσμία|προθεσμια|deadline)\s*:")
_EU_UNTIL = r"(?:do|до|p[âa]n[ăa](?:\s+la)?|μέχρι|μεχρι|ως|έως|senast|innen|inden|iki|l[īi]dz)"
_EU_HOUR = (r"(?:(?:,\s*[^\W\d_]+,)?,?\s*(?P<until>" + _EU_UNTIL + r"\s+)?(?P<at>la\s+|u\s+|o\s+|в\s+|kl\.?\s*|klo\s+|στις\s+|τις\s+|om\s+|um\s+)?"
            r"(?:godz(?:\.|iny)?\s*|ora\s+|orele\s+|ore\s+)?(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<unit>sati|sata|časova|часова|часот|часа|ч\.|h\b|hodin|hod\.|"
            r"[óo]r[áa]ig|[óo]r[áa]ra|[óo]rakor|val\.?|uur)?)")
_EU_END_OF_DAY = r"\s+(?:do|до)\s+(?:kraja|końca|konca|konce|кінця|края|конца|краја)\b"


# The end of the day named alone ("odpoveď do konca dňa", "gi beskjed i løpet av dagen", "до края на деня"): today's.
_EU_END_OF_TODAY_RE = re.compile(
    r"(?<![^\W\d_])(?:do\s+(?:konca\s+d[ňn]a|konce\s+dne|ko[ńn]ca\s+dnia|kraja\s+dana|konca\s+dneva)|до\s+(?:края\s+на\s+деня|кінця\s+дня|конца\s+дня|краја\s+дана)"
    r"|p[âa]n[ăa]\s+la\s+sf[âa]r[șşs]itul\s+zilei|i\s+l[øo]pet\s+av\s+dagen|i\s+l[øo]bet\s+af\s+dagen|innan\s+dagens\s+slut|under\s+dagen\s+idag"
    r"|p[äa]iv[äa]n\s+loppuun\s+menness[äa]|a\s+nap\s+v[ée]g[ée]ig|μέχρι\s+το\s+τέλος\s+της\s+(?:ημέρας|μέρας)|iki\s+dienos\s+pabaigos"
    r"|l[īi]dz\s+dienas\s+beig[āa]m|p[äa]eva\s+l[õo]puks)(?![^\W\d_])", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _eu_relative_re(language: str) -> re.Pattern | None:
    if language not in _EU_TODAY:
        return None
    rel = f"(?P<today>{_EU_TODAY[language]})|(?P<tomorrow>{_EU_TOMORROW[language]})"
    return re.compile(rf"(?<![^\W\d_])(?:(?P<cue>{_EU_CUE})\s+(?:[^\W\d_]+\s+)?)?(?:{rel})(?![^\W\d_])(?:{_EU_HOUR}|(?P<eod>{_EU_END_OF_DAY}))?",
                      re.IGNORECASE)


def find_deadline_relative(text: str, base: datetime, language: str | None) -> Deadline | None:
    """Today or tomorrow with its cue (and hour) in the languages of Central, Eastern and Northern Europe, else None."""
    rx = _eu_relative_re(language) if language else None
    if rx is None:
        return None
    today = base.date()
    for m in rx.finditer(unicodedata.normalize("NFKC", text[:5000])):
        hour = m.group("h")
        until = m.group("until") or (m.group("unit") or "").lower().endswith("ig")
        if not (m.group("cue") or (hour and until) or m.group("eod")):
            continue  # "jutro rano publikujemy": a day named, not a by-when
        if hour and not (until or m.group("unit") or m.group("mi") or m.group("at")):
            hour = None  # a bare number after the day is no hour
        if m.group("today") and not hour and not m.group("eod"):
            continue  # "do danas nisam dobio odgovor", "до днес": until today, so far — not a by-when
        day = today + timedelta(days=1 if m.group("tomorrow") else 0)
        found = _found(day, base, m.group(0).strip(), int(hour) if hour else None, int(m.group("mi") or 0))
        if found is not None:
            return found
    if (eod := _EU_END_OF_TODAY_RE.search(text[:5000])) is not None:
        return _found(today, base, eod.group(0), None, 0)
    return None


__all__ = ["find_deadline_east", "find_deadline_relative"]

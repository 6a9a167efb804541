"""Stories: inquiries about the same subject, across languages, grouped (pure).

An inquiry is reduced to its *terms* (``features``): the content words of its subject and its
sender's own words, normalised (``triage.text.normalize``, accents and the Arabic article
stripped, plurals folded), numbers (Arabic-Indic digits read as digits), names (capitalised
words), the concepts of a small ar/en/fr lexicon (``فيضانات``, ``inondations`` and ``floods``
are one term, ``~flood``; ``الخرطوم`` and ``Khartoum`` one place, ``~khartoum``), and the
Message-IDs it replies to (``ref:<…>``: the release it answers).

``assign`` compares a new inquiry with the recent inquiries of the window (single link: the
closest one) and says which story it joins, or which inquiry it founds a story with, and why:
the shared terms, named and weighted, or the release both reply to. No model, no I/O:
measured at well under a millisecond a message (README, "Stories and statements").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from mediadesk.worker.triage.text import head_and_tail, normalize, split_body

# A tie needs this much weight in shared terms, and at least two of them (one release suffices).
THRESHOLD = 4.5
MIN_SHARED = 2
# Kinds of term and their weight: a release or a number says more than a common word.
WEIGHTS = {"ref": 10.0, "num": 2.0, "concept": 2.0, "name": 1.5, "term": 1.0}

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_WORD_RE = re.compile(r"[^\W\d_]+|\d[\d.,]*\d|\d", re.UNICODE)
# A capitalised word or an acronym; ``_capitalised`` keeps those that do not start a sentence or
# a line. The regex starts with its letter class, so the engine skips ahead to capitals (the
# same test as lookbehinds in the pattern cost four times as much).
_CAPITAL_RE = re.compile(r"[A-Z](?:[a-zà-ÿ]{2,}|[A-Z]{1,5})\b")
_AR_PREFIX_RE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)(?=\w{3,})")
_AR_SUFFIX_RE = re.compile(r"(?:ات|ون|ين|ها|هم)$")

# Words that say nothing about the subject: function words, and what every inquiry says.
_STOP_WORDS = """
the a an and or but of to in on at for from by with about as is are was were be been being this that these those
it its we our you your they their he she his her i me my us them there here what which who whom when where why how
can could would should will shall may might must do does did done have has had not no yes any some all more most
very also just than then so such into over under after before again please thanks thank dear hello hi regards best
kind sincerely team office media press spokesperson spokesman spokeswoman journalist reporter correspondent editor
newsroom request requests requesting interview interviews comment comments statement statements question questions
information info details update updates response respond answer reply confirm confirmation today tomorrow yesterday
week morning afternoon evening deadline asap urgent time story article piece report reporting writing working
know like looking would could get need send sent share provide available possible call phone email mail contact
mr mrs ms dr sir madam re fwd tr monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december latest recent recently following regarding
concerning news official officials said says per am pm one two three first last new many much well whether
good still colleague colleagues cheers advance greetings everyone people someone anyone true since
le la les un une des du de d l et ou mais pour par avec sans sur sous dans en au aux ce cet cette ces il elle ils
elles nous vous je tu on qui que quoi dont ou est sont etait ete etre avoir avez avons ont a pas ne plus tres aussi
bonjour bonsoir madame monsieur merci cordialement equipe vrai encore toujours
salutations bien votre vos notre nos leur leurs mon ma mes son sa ses
service presse porte parole journaliste demande demandes entretien interview commentaire commentaires declaration
question questions information informations precisions reponse repondre confirmer confirmation aujourd hui demain
hier semaine matin soir delai urgent article sujet reportage redaction pouvez pourriez pourrait pouvoir souhaite
souhaiterais voudrais savoir concernant propos suite dernier derniere recente recemment selon lundi mardi mercredi
jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
fait faire quel quelle quels quelles comment combien pourquoi quand avant apres entre depuis encore deja
في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين هل ما ماذا كيف متي لماذا او أو ثم قد لقد كان كانت يكون
تكون هو هي هم نحن انتم انا لكم لنا عليكم منكم السلام عليكم تحيه طيبه شكرا الشكر جزيل تحياتي مع خالص التقدير
الاحترام السيد السيده الساده المكتب مكتب الاعلامي الاعلام الصحفي صحفي صحفيه المتحدث الرسمي متحدث باسم طلب
مقابله تعليق تصريح بيان سؤال اسئله معلومات تفاصيل رد الرد تاكيد اليوم غدا امس الاسبوع صباح مساء موعد عاجل
مقال تقرير قصه نود نرجو يرجي اود يمكن يمكنكم هناك حول بشان بخصوص بعد قبل خلال الي اي كل بعض عند حتي اذا ان
لم لن لا نعم ايضا جدا حاليا الان الاخير الاخيره حسب وتقبلوا فائق الزملاء الاعزاء صحيح وبعد مساء الخير ما زال
"""

# The lexicon: one concept, its words in ar/en/fr (normalised, stems matched by prefix when
# marked with *). Places first, then events and things a press office is asked about.
_LEXICON: dict[str, tuple[str, ...]] = {
    # places
    "~gaza": ("gaza", "غزه"), "~khartoum": ("khartoum", "خرطوم"), "~sudan": ("sudan*", "soudan*", "سودان"),
    "~beirut": ("beirut", "beyrouth", "بيروت"), "~lebanon": ("lebanon*", "liban*", "لبنان"),
    "~yemen": ("yemen*", "يمن"), "~aden": ("aden", "عدن"), "~sanaa": ("sanaa", "صنعاء", "صنعا"),
    "~jeddah": ("jeddah", "djeddah", "jedda", "جده"), "~riyadh": ("riyadh", "riyad", "رياض"),
    "~redsea": ("red sea", "mer rouge", "بحر احمر"), "~mali": ("mali*", "مالي"), "~niger": ("niger", "نيجر"),
    "~sahel": ("sahel", "ساحل"), "~chad": ("chad*", "tchad*", "تشاد"), "~libya": ("libya*", "libye*", "ليبيا"),
    "~tripoli": ("tripoli", "طرابلس"), "~benghazi": ("benghazi", "بنغازي"), "~derna": ("derna", "درنه"),
    "~iraq": ("iraq*", "irak*", "عراق"), "~mosul": ("mosul", "mossoul", "موصل"), "~baghdad": ("baghdad", "bagdad", "بغداد"),
    "~syria": ("syria*", "syrie*", "سوري"), "~aleppo": ("aleppo", "alep", "حلب"), "~damascus": ("damascus", "damas", "دمشق"),
    "~somalia": ("somalia*", "somalie*", "صومال"), "~mogadishu": ("mogadishu", "mogadiscio", "مقديشو"),
    "~egypt": ("egypt*", "egypt*", "مصر", "مصري"), "~cairo": ("cairo", "caire", "قاهره"), "~sinai": ("sinai", "سيناء", "سينا"),
    "~jordan": ("jordan*", "jordanie*", "اردن"), "~amman": ("amman", "عمان"), "~morocco": ("morocco*", "maroc*", "مغرب"),
    "~algeria": ("algeria*", "algerie*", "جزائر"), "~tunisia": ("tunisia*", "tunisie*", "تونس"),
    "~pakistan": ("pakistan*", "باكستان"), "~afghanistan": ("afghan*", "افغان"), "~nigeria": ("nigeria*", "نيجيريا"),
    "~burkina": ("burkina", "بوركينا"), "~mauritania": ("mauritan*", "موريتانيا"), "~qatar": ("qatar*", "قطر"),
    "~doha": ("doha", "دوحه"), "~dubai": ("dubai", "dubaï", "دبي"), "~oman": ("oman*", "سلطنه"),
    "~turkey": ("turkey", "turquie", "turkish", "turc*", "تركيا"), "~istanbul": ("istanbul", "اسطنبول"),
    "~paris": ("paris", "باريس"), "~london": ("london", "londres", "لندن"), "~geneva": ("geneva", "geneve", "جنيف"),
    "~hormuz": ("hormuz", "ormuz", "هرمز"), "~suez": ("suez", "سويس"), "~bamako": ("bamako", "باماكو"),
    "~niamey": ("niamey", "نيامي"), "~darfur": ("darfur", "darfour", "دارفور"), "~marib": ("marib", "مارب"),
    "~hodeidah": ("hodeidah", "hodeida", "حديده"), "~kabul": ("kabul", "kaboul", "كابول"),
    # events and things
    "~flood": ("flood*", "inondation*", "crue*", "فيضان*", "سيول"), "~earthquake": ("earthquake*", "seisme*", "tremblement", "زلزال*"),
    "~fire": ("fire", "fires", "wildfire*", "incendie*", "حريق*"), "~explosion": ("explosion*", "blast*", "انفجار*"),
    "~attack": ("attack*", "attaque*", "attentat*", "هجوم*", "اعتداء*"), "~bomb": ("bomb*", "bombe*", "عبوه", "قنبل*"),
    "~drone": ("drone*", "مسير*", "مسيره"), "~missile": ("missile*", "صاروخ*", "صواريخ"),
    "~ceasefire": ("ceasefire", "cease-fire", "truce", "cessez-le-feu", "treve", "هدنه", "وقف اطلاق النار"),
    "~hostage": ("hostage*", "otage*", "رهين*", "رهائن", "kidnap*", "enlevement*", "اختطاف", "مخطوف*"),
    "~summit": ("summit*", "sommet*", "قمه"), "~conference": ("conference*", "مؤتمر*"),
    "~agreement": ("agreement*", "accord*", "deal", "اتفاق*", "اتفاقيه"), "~sanction": ("sanction*", "عقوب*"),
    "~election": ("election*", "انتخاب*"), "~vaccine": ("vaccin*", "لقاح*"), "~cholera": ("cholera", "cholera", "كوليرا"),
    "~refugee": ("refugee*", "refugie*", "لاجئ*", "لاجئين"), "~migrant": ("migrant*", "مهاجر*"),
    "~ship": ("ship*", "vessel*", "navire*", "bateau*", "tanker*", "petrolier*", "سفين*", "سفن", "ناقله"),
    "~port": ("port", "ports", "harbour", "harbor", "ميناء", "مرفا"), "~airport": ("airport*", "aeroport*", "مطار*"),
    "~border": ("border*", "frontiere*", "حدود", "حدودي*"), "~dam": ("dam", "dams", "barrage*", "سد", "سدود"),
    "~oil": ("oil", "petrole", "نفط*"), "~pipeline": ("pipeline*", "oleoduc*", "gazoduc*", "انبوب*"),
    "~tunnel": ("tunnel*", "نفق", "انفاق"), "~prison": ("prison*", "jail*", "سجن", "سجون"),
    "~escape": ("escape*", "evasion*", "فرار", "هروب"), "~arrest": ("arrest*", "arrestation*", "interpell*", "اعتقال*", "توقيف"),
    "~killed": ("killed", "dead", "death*", "deaths", "mort*", "tue*", "tues", "قتل*", "قتيل*", "قتلي", "مقتل", "وفاه", "وفيات"),
    "~wounded": ("wounded", "injured", "injur*", "blesse*", "جرحي", "جريح", "اصاب*", "مصاب*"),
    "~soldier": ("soldier*", "troop*", "soldat*", "militaire*", "جنود", "جندي", "عسكري*"),
    "~training": ("training", "exercise*", "drill*", "entrainement*", "exercice*", "تدريب*", "تمرين*", "مناور*"),
    "~aid": ("aid", "humanitarian", "humanitaire*", "اغاث*", "مساعدات", "انساني*"),
    "~convoy": ("convoy*", "convoi*", "قافل*"), "~hospital": ("hospital*", "hopita*", "مستشفي*"),
    "~school": ("school*", "ecole*", "مدرس*"), "~strike": ("strike*", "greve*", "اضراب*"),
    "~protest": ("protest*", "manifest*", "احتجاج*", "مظاهر*"), "~court": ("court", "tribunal", "محكم*"),
    "~trial": ("trial", "proces", "محاكم*"), "~verdict": ("verdict*", "ruling", "حكم"),
    "~minister": ("minister", "ministers", "ministre*", "وزير"), "~ministry": ("ministry", "ministries", "ministere*", "وزاره"),
    "~passport": ("passport*", "passeport*", "جواز*"), "~president": ("president*", "رئيس"),
    "~ambassador": ("ambassador*", "ambassadeur*", "سفير"), "~embassy": ("embass*", "ambassade*", "سفاره"),
    "~budget": ("budget*", "ميزاني*"), "~fund": ("fund", "funding", "financement*", "تمويل"),
    "~report": ("annual report", "rapport annuel", "تقرير سنوي"), "~cyber": ("cyber*", "hack*", "piratage", "اختراق*", "سيبراني*"),
    "~leak": ("leak*", "fuite*", "تسريب*"), "~water": ("water", "eau", "مياه"), "~drought": ("drought*", "secheresse*", "جفاف"),
    "~locust": ("locust*", "criquet*", "جراد"), "~heat": ("heatwave*", "canicule*", "حر"),
    "~plane": ("plane*", "aircraft", "avion*", "طائر*"), "~crash": ("crash*", "تحطم*", "سقوط"),
    "~train": ("railway", "ferroviaire", "قطار*"), "~bridge": ("bridge*", "pont*", "جسر*"),
    "~mine": ("landmine*", "mine*", "لغم", "الغام"), "~piracy": ("pirat*", "قرصن*"),
    "~appointment": ("appoint*", "nomination", "nomme*", "تعيين*"), "~resign": ("resign*", "demission*", "استقال*"),
    "~recruit": ("recruit*", "recrut*", "تجنيد"), "~radical": ("radicali*", "extremis*", "تطرف*", "متطرف*"),
    "~financing": ("terrorist financing", "financement du terrorisme", "تمويل الارهاب"),
    "~coalition": ("coalition*", "تحالف*"), "~memorandum": ("memorandum", "mou", "protocole", "مذكره تفاهم"),
    "~satellite": ("satellite*", "قمر*", "اقمار"), "~forum": ("forum*", "منتدي*"), "~award": ("award*", "prix", "جائزه"),
}


# U+00C0–U+024F → the base letter: one str.translate rather than a normalisation per character.
_ACCENTED_RE = re.compile("[\u00c0-\u024f]")
_DEACCENT = str.maketrans({chr(c): unicodedata.normalize("NFKD", chr(c))[0] for c in range(0xC0, 0x250)})


def _deaccent(text: str) -> str:
    """Accents off Latin letters only (NFKD would also split the hamza off Arabic letters)."""
    return text.translate(_DEACCENT) if _ACCENTED_RE.search(text) else text


@lru_cache(maxsize=65_536)
def _fold(word: str) -> str:
    """Accents off (Latin), the Arabic article off, a plural folded: one form per word."""
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        word = _AR_PREFIX_RE.sub("", word)
        return word if len(word) < 5 else _AR_SUFFIX_RE.sub("", word)
    word = _deaccent(word)
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _compile_lexicon():
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    phrases: list[tuple[str, re.Pattern, str]] = []  # (first word, pattern, concept)
    for concept, words in _LEXICON.items():
        for w in words:
            w = _deaccent(normalize(w))
            if " " in w or "-" in w:
                phrases.append((re.split(r"[\s-]", w)[0],
                                re.compile(r"(?<!\w)" + re.escape(w).replace(r"\ ", r"\s+(?:ال)?")), concept))
            elif w.endswith("*"):
                prefixes.append((w[:-1], concept))
                prefixes.append((_fold(w[:-1]), concept))
            else:
                exact[w] = concept
                exact[_fold(w)] = concept
    return exact, sorted(set(prefixes), key=lambda p: -len(p[0])), phrases


_EXACT, _PREFIXES, _PHRASES = _compile_lexicon()
_STOP = {form for w in _STOP_WORDS.split() for form in (_deaccent(normalize(w)), _fold(_deaccent(normalize(w))))}


# Prefixes by length, longest first: a word is looked up once per length, not against every prefix.
_PREFIX_LENGTHS: list[tuple[int, dict[str, str]]] = []
for _prefix, _concept_name in _PREFIXES:  # longest first already: the first to claim a prefix keeps it
    if len(_prefix) >= 3:
        if not _PREFIX_LENGTHS or _PREFIX_LENGTHS[-1][0] != len(_prefix):
            _PREFIX_LENGTHS.append((len(_prefix), {}))
        _PREFIX_LENGTHS[-1][1].setdefault(_prefix, _concept_name)


@lru_cache(maxsize=65_536)
def _concept(word: str, folded: str) -> str | None:
    """The concept a word names (its exact form, else its longest known prefix). Cached: the
    words of inquiries repeat."""
    hit = _EXACT.get(word) or _EXACT.get(folded)
    if hit:
        return hit
    for length, by_prefix in _PREFIX_LENGTHS:
        hit = by_prefix.get(word[:length]) if len(word) >= length else None
        hit = hit or (by_prefix.get(folded[:length]) if len(folded) >= length else None)
        if hit:
            return hit
    return None


def _capitalised(text: str) -> list[str]:
    """Words of ``text`` that begin with a capital (or are acronyms of 2–6 capitals) inside a
    sentence: not first on a line, nor after ". ", "! ", "? "."""
    found = []
    for m in _CAPITAL_RE.finditer(text):
        s = m.start()
        if s == 0:
            continue
        before = text[s - 1]
        if before == "\n" or before.isalnum() or before == "_":  # a line's first word, or inside a word
            continue
        if s >= 2 and before.isspace() and text[s - 2] in ".!?":
            continue
        found.append(m.group(0))
    return found


def features(subject: str, text: str, refs: Iterable[str] = ()) -> dict[str, str]:
    """The terms of one inquiry: ``{term: kind}``, kind in ``WEIGHTS``.

    Args:
        subject: the subject line (a ``Re:``/``Fwd:`` prefix says nothing and is dropped).
        text: the sender's own words (``triage.message_text`` without quoted history).
        refs: the Message-IDs it replies to that are on no ticket (the release it answers).
    """
    raw = f"{subject}\n{text}"
    names = {_fold(_deaccent(m.lower())) for m in _capitalised(raw)}
    plain = _deaccent(normalize(raw).translate(_DIGITS))
    terms: dict[str, str] = {f"ref:{r}": "ref" for r in refs}
    for first, pattern, concept in _PHRASES:
        if first in plain and pattern.search(plain):  # a substring test first: most phrases are absent
            terms[concept] = "concept"
    for word in dict.fromkeys(_WORD_RE.findall(plain)):  # each word once: a repeat adds nothing
        word = word.strip("'’-")
        if word[:1].isdigit():
            digits = re.sub(r"[.,]", "", word)
            if len(digits) >= 2 and not (len(digits) == 4 and digits.startswith("20")):  # a year ties nothing
                terms[f"#{digits}"] = "num"
            continue
        folded = _fold(word)
        if word in _STOP or folded in _STOP:
            continue
        concept = _concept(word, folded)  # before the length test: سد is a dam
        if concept:
            terms[concept] = "concept"
        elif len(folded) >= 3 and folded not in terms:
            terms[folded] = "name" if folded in names else "term"
    return terms


def inquiry_features(subject: str, body: str, refs: Iterable[str] = ()) -> dict[str, str]:
    """``features`` of a message's subject and its sender's own words (no quoted history, no
    signature: a journalist's name and outlet say nothing about the subject)."""
    # What an inquiry is about is in its first pages, as triage reads them: bounding the text
    # bounds the cost on long mail (a 30 KB letter read whole cost ~15 ms).
    return features(subject, head_and_tail(split_body(body, subject).core, 3_000, 1_000), refs)


@dataclass(frozen=True)
class Candidate:
    """A recent inquiry of the window: its key (a ticket id), its story (None: none yet), terms."""

    key: int
    story: int | None
    terms: dict[str, str]


@dataclass(frozen=True)
class Decision:
    """Where an inquiry goes: with ``key`` (and its story, or a new one), or nowhere; and why."""

    key: int | None
    story: int | None
    score: float
    shared: tuple[tuple[str, str], ...]  # (term, kind), strongest first

    @property
    def joins(self) -> bool:
        return self.key is not None

    def reason(self) -> str:
        """Which terms or which release tied it, as the triage explanation and ``story show`` say it."""
        if not self.shared:
            return "no recent inquiry shares its terms"
        refs = [t[4:] for t, kind in self.shared if kind == "ref"]
        if refs:
            return f"replies to the same release {refs[0]}"
        return "shared " + ", ".join(f"{_label(t, kind)}" for t, kind in self.shared[:6]) + f" (score {self.score:.1f})"


def _label(term: str, kind: str) -> str:
    if kind == "concept":
        return term[1:]
    if kind == "num":
        return term[1:]
    return term


def weight(term: str, kind: str, df: dict[str, int], n: int) -> float:
    """A term's weight: its kind's, less when many groups of the window share it (``df``: in how
    many of the ``n`` groups, a story counting once, so that a story's own terms stay strong
    however many inquiries it has)."""
    base = WEIGHTS[kind]
    if kind == "ref" or n < 8:
        return base
    share = df.get(term, 0) / n
    return base * (0.3 if share > 0.25 else 1.0)


def score(terms: dict[str, str], other: dict[str, str], df: dict[str, int],
          n: int) -> tuple[float, list[tuple[str, str]]]:
    """The weight of what ``terms`` shares with ``other``, and the shared terms, strongest first."""
    shared = [(t, k) for t, k in terms.items() if t in other]
    shared.sort(key=lambda tk: (-weight(tk[0], tk[1], df, n), tk[0]))
    return sum(weight(t, k, df, n) for t, k in shared), shared


class Pool:
    """The window's inquiries, indexed by term, so that an inquiry is scored only against those
    that share a distinctive term with it (a batch builds it once and adds its own inquiries as
    it goes). How many groups share each term (a story counting once) is kept as inquiries come
    and join stories, so that scoring one inquiry costs its terms, not the window."""

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self.terms: dict[int, dict[str, str]] = {}
        self._story: dict[int, int | None] = {}
        self.order: dict[int, int] = {}
        self.index: dict[str, list[int]] = {}
        self._term_groups: dict[str, dict[tuple[str, int], int]] = {}  # term → {group: inquiries}
        self._groups: dict[tuple[str, int], int] = {}  # group → inquiries
        for c in candidates:
            self.add(c)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def story(self) -> "_StoryView":
        return _StoryView(self)

    def add(self, c: Candidate) -> None:
        if c.key in self.terms:
            return
        self.terms[c.key], self._story[c.key], self.order[c.key] = c.terms, c.story, len(self.order)
        for t in c.terms:
            self.index.setdefault(t, []).append(c.key)
        self._count(c.key, +1)

    def set_story(self, key: int, story: int | None) -> None:
        """``key`` joined ``story``: the groups that share its terms change with it."""
        if key not in self.terms or self._story.get(key) == story:
            self._story[key] = story
            return
        self._count(key, -1)
        self._story[key] = story
        self._count(key, +1)

    def _count(self, key: int, step: int) -> None:
        group = self._group(key)
        for counts in [self._groups, *(self._term_groups.setdefault(t, {}) for t in self.terms[key])]:
            counts[group] = counts.get(group, 0) + step
            if counts[group] <= 0:
                del counts[group]

    def _group(self, key: int) -> tuple[str, int]:
        story = self._story.get(key)
        return ("story", story) if story is not None else ("inquiry", key)

    def assign(self, terms: dict[str, str]) -> Decision:
        """The closest inquiry of the pool that ties with ``terms``, if any (pure).

        A tie is a shared release, or ``THRESHOLD`` weight in ``MIN_SHARED`` shared terms or more;
        at equal score the one added first, and one already in a story, win.
        """
        n = len(self._groups)
        df = {t: len(self._term_groups[t]) for t in terms if t in self._term_groups}
        # Candidates come through the terms that still weigh fully (a release, or a term few
        # groups share): a term shared by most of the window ties nobody on its own.
        weights = {t: weight(t, kind, df, n) for t, kind in terms.items()}
        sharing = {k for t, kind in terms.items() if t in self.index and weights[t] >= WEIGHTS[kind]
                   for k in self.index[t]}
        refs = {t for t, kind in terms.items() if kind == "ref"}
        best: tuple[tuple[float, bool], int] | None = None
        own = terms.keys()
        for key in sorted(sharing, key=self.order.__getitem__):  # in the order they were added
            other = self.terms[key]
            common = own & other.keys()  # in C, over the smaller of the two
            if len(common) < MIN_SHARED and refs.isdisjoint(other):
                continue
            # Strongest first, as ``score`` sums: the same float.
            total = sum(sorted([weights[t] for t in common], reverse=True))
            if total < THRESHOLD and refs.isdisjoint(other):
                continue
            rank = (total, self._story[key] is not None)  # join a story rather than split off one
            if best is None or rank > best[0]:
                best = (rank, key)
        if best is None:
            return Decision(None, None, 0.0, ())
        key = best[1]
        s, shared = score(terms, self.terms[key], df, n)
        return Decision(key, self._story[key], round(s, 2), tuple(shared))


class _StoryView:
    """``pool.story[key]`` reads a key's story; assigning one goes through ``Pool.set_story``."""

    def __init__(self, pool: Pool) -> None:
        self._pool = pool

    def __getitem__(self, key: int) -> int | None:
        return self._pool._story[key]

    def get(self, key: int, default=None):
        return self._pool._story.get(key, default)

    def __setitem__(self, key: int, story: int | None) -> None:
        self._pool.set_story(key, story)


def assign(terms: dict[str, str], candidates: list[Candidate]) -> Decision:
    """``Pool(candidates).assign(terms)``."""
    return Pool(candidates).assign(terms)


__all__ = ["Candidate", "Decision", "Pool", "THRESHOLD", "assign", "features", "inquiry_features", "score"]

"""A labelled scenario set for stories: inquiries in ar/en/fr about 14 news stories, plus
unrelated inquiries (noise), over three days. Deterministic (seeded): each inquiry is built from
an opening, two or three of its story's facts as a journalist would ask them in that language,
and a closing; noise inquiries are one-off questions with nothing in common.

``DEV`` (stories 1-9 and half the noise) was used to set the threshold and the lexicon;
``HOLDOUT`` (stories 10-14, the other half of the noise) was written at the same time and
measured once, after tuning stopped (README, "Stories and statements").
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Inquiry:
    key: int
    story: str  # gold label: "noise-N" for an inquiry that belongs to no story
    lang: str
    subject: str
    body: str
    refs: tuple[str, ...]
    hour: float  # hours since the start of the scenario


OPEN = {
    "en": ["Hello,", "Dear press office,", "Hi team,", "Good morning,", "Dear colleagues,"],
    "fr": ["Bonjour,", "Madame, Monsieur,", "Bonjour à l'équipe presse,", "Bonsoir,"],
    "ar": ["السلام عليكم،", "تحية طيبة وبعد،", "مساء الخير،", "الزملاء الأعزاء في المكتب الإعلامي،"],
}
CLOSE = {
    "en": ["Thanks, {n}", "Best regards,\n{n}", "Many thanks in advance.\n{n}", "Cheers,\n{n}"],
    "fr": ["Merci d'avance,\n{n}", "Cordialement,\n{n}", "Bien à vous,\n{n}"],
    "ar": ["مع الشكر،\n{n}", "وتقبلوا فائق الاحترام،\n{n}", "شكرا جزيلا\n{n}"],
}
NAMES = {"en": ["Sam Reed", "Anna Kowalski", "David Chen", "Priya Nair", "Tom Walsh", "Kate Olsen"],
         "fr": ["Claire Martin", "Julien Moreau", "Amina Diallo", "Luc Bernard", "Sophie Petit"],
         "ar": ["عمر صالح", "ليلى حداد", "محمد العتيبي", "سارة منصور", "خالد الزهراني"]}

# story: (languages asked in, subject per language, facts per language, release Message-ID or None)
STORIES: dict[str, dict] = {
    # ---------------------------------------------------------------- dev
    "derna-dam": {"subject": {"en": "Derna dam collapse", "fr": "Rupture du barrage de Derna", "ar": "انهيار سد درنة"},
        "facts": {
            "en": ["Can you confirm the death toll of 27 after the dam collapsed in Derna?",
                   "Were your teams in Derna before the floods reached the eastern districts?",
                   "Is the second dam above the city still holding?",
                   "How many people are still missing after the flooding in Libya?"],
            "fr": ["Pouvez-vous confirmer le bilan de 27 morts après la rupture du barrage de Derna ?",
                   "Vos équipes étaient-elles à Derna avant les inondations ?",
                   "Le deuxième barrage en amont tient-il toujours ?",
                   "Combien de personnes sont encore portées disparues en Libye après les crues ?"],
            "ar": ["هل يمكنكم تأكيد حصيلة ٢٧ قتيلا بعد انهيار السد في درنة؟",
                   "هل كانت فرقكم في درنة قبل وصول الفيضانات؟",
                   "هل ما زال السد الثاني صامدا؟",
                   "كم عدد المفقودين في ليبيا بعد السيول؟"]}},
    "khartoum-drone": {"subject": {"en": "Drone strike on Khartoum airport", "ar": "هجوم بمسيرة على مطار الخرطوم"},
        "facts": {
            "en": ["Was the drone that hit Khartoum airport on Sunday intercepted?",
                   "Reports say 4 soldiers were wounded at the airport: can you confirm?",
                   "Who launched the drone attack on Khartoum?",
                   "Are flights from Khartoum airport suspended?"],
            "ar": ["هل تم اعتراض المسيرة التي استهدفت مطار الخرطوم يوم الأحد؟",
                   "تفيد التقارير بإصابة ٤ جنود في المطار، هل تؤكدون ذلك؟",
                   "من يقف وراء الهجوم بالمسيرة على الخرطوم؟",
                   "هل علقت الرحلات في مطار الخرطوم؟"]}},
    "sahel-hostages": {"subject": {"fr": "Otages au Sahel", "en": "Hostages released in the Sahel"},
        "facts": {
            "fr": ["Confirmez-vous la libération des 3 otages enlevés au Mali ?",
                   "Les otages libérés près de Gao ont-ils été remis aux autorités à Bamako ?",
                   "Une rançon a-t-elle été versée pour les otages du Sahel ?",
                   "La coalition a-t-elle participé à l'opération de libération ?"],
            "en": ["Can you confirm the release of the 3 hostages kidnapped in Mali?",
                   "Were the hostages freed near Gao handed over in Bamako?",
                   "Was a ransom paid for the Sahel hostages?",
                   "Did the coalition take part in the hostage release operation?"]}},
    "redsea-tanker": {"subject": {"en": "Tanker attacked in the Red Sea", "ar": "استهداف ناقلة نفط في البحر الأحمر",
                                   "fr": "Pétrolier attaqué en mer Rouge"},
        "facts": {
            "en": ["Is the tanker hit off Hodeidah still leaking oil?", "How many crew were on the MV Sea Falcon?",
                   "Was the missile fired at the tanker in the Red Sea launched from Yemen?",
                   "Will naval escorts change after the attack on the tanker?"],
            "ar": ["هل ما زالت الناقلة المستهدفة قبالة الحديدة تسرب النفط؟", "كم عدد أفراد طاقم السفينة Sea Falcon؟",
                   "هل أطلق الصاروخ على الناقلة في البحر الأحمر من اليمن؟"],
            "fr": ["Le pétrolier touché au large de Hodeïda fuit-il encore ?",
                   "Le missile tiré sur le pétrolier en mer Rouge venait-il du Yémen ?"]}},
    "cyber-ministry": {"subject": {"en": "Cyberattack on the interior ministry", "fr": "Cyberattaque contre le ministère"},
        "facts": {
            "en": ["Were citizens' records leaked in the cyberattack on the interior ministry?",
                   "Which group claimed the hack of the ministry servers?",
                   "How many of the 120,000 passport files were exposed?",
                   "Is the ministry portal still offline after the cyber attack?"],
            "fr": ["Des données de citoyens ont-elles fuité lors de la cyberattaque contre le ministère de l'Intérieur ?",
                   "Quel groupe a revendiqué le piratage des serveurs du ministère ?",
                   "Combien des 120 000 dossiers de passeports ont été exposés ?"]}},
    "riyadh-summit": {"subject": {"en": "Riyadh counter-terrorism summit", "ar": "قمة الرياض لمكافحة الإرهاب",
                                   "fr": "Sommet de Riyad"},
        "facts": {
            "en": ["Which ministers will attend the summit in Riyadh on 14 December?",
                   "Will the Riyadh summit adopt a declaration on terrorist financing?",
                   "Is there a media accreditation deadline for the summit?"],
            "ar": ["ما هي الدول المشاركة في قمة الرياض يوم ١٤ ديسمبر؟", "هل ستصدر قمة الرياض إعلانا حول تمويل الإرهاب؟",
                   "ما هو آخر موعد لاعتماد الإعلاميين لتغطية القمة؟"],
            "fr": ["Quels ministres participeront au sommet de Riyad le 14 décembre ?",
                   "Le sommet de Riyad adoptera-t-il une déclaration sur le financement du terrorisme ?"]}},
    "mosul-prison": {"subject": {"ar": "فرار سجناء من سجن في الموصل", "en": "Mosul prison escape"},
        "facts": {
            "ar": ["هل صحيح أن ٤٠ سجينا فروا من سجن بادوش في الموصل؟", "هل تم القبض على أي من الفارين من السجن؟",
                   "هل كان بين الفارين قادة من تنظيم داعش؟", "ما هي الإجراءات الأمنية على الحدود بعد الفرار؟"],
            "en": ["Is it true that 40 inmates escaped from Badush prison in Mosul?",
                   "Have any of the escaped prisoners been arrested?",
                   "Were ISIS commanders among those who escaped from the prison?"]}},
    "annual-report": {"subject": {"en": "Re: Annual report 2026", "fr": "RE: Rapport annuel 2026", "ar": "رد: التقرير السنوي 2026"},
        "release": "<annual-report-2026@imctc.example>",
        "facts": {
            "en": ["Could I have the PDF?", "Is there an embargo on these figures?", "Can I quote page 12?",
                   "Who could comment on the figures?"],
            "fr": ["Pourriez-vous m'envoyer le PDF ?", "Ces chiffres sont-ils sous embargo ?", "Puis-je citer la page 12 ?"],
            "ar": ["هل يمكن إرسال النسخة الكاملة؟", "هل هناك حظر نشر على هذه الأرقام؟"]}},
    "aden-port": {"subject": {"en": "Explosion at Aden port", "ar": "انفجار في ميناء عدن"},
        "facts": {
            "en": ["What caused the explosion at Aden port last night?", "Were any of the 6 dead port workers foreigners?",
                   "Is the container terminal in Aden closed after the blast?",
                   "Was a car bomb used in the Aden port explosion?"],
            "ar": ["ما سبب الانفجار في ميناء عدن الليلة الماضية؟", "هل بين القتلى الستة عمال أجانب في الميناء؟",
                   "هل أغلقت محطة الحاويات في عدن بعد الانفجار؟", "هل استخدمت سيارة مفخخة في انفجار ميناء عدن؟"]}},
    # ---------------------------------------------------------------- holdout
    "niger-convoy": {"subject": {"fr": "Attaque d'un convoi au Niger", "en": "Convoy ambushed in Niger"},
        "facts": {
            "fr": ["Combien de soldats ont été tués dans l'embuscade contre le convoi près de Tillabéri ?",
                   "Le convoi transportait-il de l'aide humanitaire vers Niamey ?",
                   "Des drones ont-ils appuyé les soldats nigériens pendant l'attaque ?",
                   "Confirmez-vous le chiffre de 17 morts ?"],
            "en": ["How many soldiers were killed in the convoy ambush near Tillaberi?",
                   "Was the convoy carrying humanitarian aid to Niamey?", "Can you confirm the figure of 17 dead?"]}},
    "cholera-yemen": {"subject": {"ar": "تفشي الكوليرا في اليمن", "en": "Cholera outbreak in Yemen"},
        "facts": {
            "ar": ["كم عدد حالات الكوليرا المسجلة في تعز هذا الأسبوع؟", "هل وصلت شحنة اللقاحات إلى صنعاء؟",
                   "هل صحيح أن ٣٠٠ حالة سجلت في مخيمات النازحين؟"],
            "en": ["How many cholera cases were recorded in Taiz this week?",
                   "Has the vaccine shipment reached Sanaa?", "Is it true that 300 cases were found in displacement camps?",
                   "Are hospitals in Taiz running out of water?"]}},
    "training-exercise": {"subject": {"en": "Joint military exercise in Jordan", "ar": "تمرين عسكري مشترك في الأردن",
                                       "fr": "Exercice militaire conjoint en Jordanie"},
        "facts": {
            "en": ["How many countries take part in the joint exercise in Jordan?",
                   "Can our crew film the live-fire drill near Zarqa on 9 December?",
                   "Are 2,500 troops involved in the exercise?"],
            "ar": ["كم عدد الدول المشاركة في التمرين المشترك في الأردن؟", "هل يمكن لفريقنا تصوير مناورة الذخيرة الحية قرب الزرقاء؟",
                   "هل يشارك ٢٥٠٠ جندي في التمرين؟"],
            "fr": ["Combien de pays participent à l'exercice conjoint en Jordanie ?",
                   "Notre équipe peut-elle filmer l'exercice à tirs réels près de Zarqa le 9 décembre ?"]}},
    "spokesman-resigns": {"subject": {"en": "Spokesman resignation", "fr": "Démission du porte-parole"},
        "facts": {
            "en": ["Is it true that General Al-Harbi has resigned as coalition spokesman?",
                   "Who will replace Al-Harbi?", "Was the resignation linked to the leaked audit?"],
            "fr": ["Est-il vrai que le général Al-Harbi a démissionné de son poste ?",
                   "Qui remplacera Al-Harbi ?", "Cette démission est-elle liée à l'audit qui a fuité ?"]}},
    "locusts-sudan": {"subject": {"en": "Locust swarms in Sudan", "ar": "أسراب الجراد في السودان"},
        "facts": {
            "en": ["How large are the locust swarms moving from Sudan towards the Red Sea coast?",
                   "Are aerial spraying teams deployed in Kassala?", "Could the locusts reach Egypt by January?"],
            "ar": ["ما حجم أسراب الجراد المتجهة من السودان نحو ساحل البحر الأحمر؟", "هل نشرت فرق الرش الجوي في كسلا؟",
                   "هل يمكن أن يصل الجراد إلى مصر بحلول يناير؟"]}},
}
DEV_STORIES = ("derna-dam", "khartoum-drone", "sahel-hostages", "redsea-tanker", "cyber-ministry", "riyadh-summit",
               "mosul-prison", "annual-report", "aden-port")

NOISE = {
    "en": ["Can I request an interview with the secretary general about the coalition's strategy for next year?",
           "Please add me to your distribution list for press releases.",
           "I am writing a profile of women in security policy; could someone talk to me?",
           "Do you have high-resolution photos of the headquarters building?",
           "What are the opening hours of the media centre during the holidays?",
           "Could you share the biography of the new director of communications?",
           "I'm a student researching strategic communication; can I send you a questionnaire?",
           "Is there a podcast or video series I could embed on our website?",
           "Our magazine is preparing a special issue on cybersecurity careers; any contact?",
           "My accreditation badge from last year expired; how do I renew it?",
           "Could you correct the spelling of my name in your mailing list?",
           "Do you publish an events calendar for the first quarter?"],
    "fr": ["Pourrais-je obtenir un entretien avec le secrétaire général sur la stratégie de l'an prochain ?",
           "Merci de m'ajouter à votre liste de diffusion.",
           "Je prépare un portrait des femmes dans la diplomatie, quelqu'un pourrait-il me parler ?",
           "Avez-vous des photos en haute définition du siège ?",
           "Quels sont les horaires du centre de presse pendant les fêtes ?",
           "Pourriez-vous me transmettre la biographie du nouveau directeur de la communication ?",
           "Je suis étudiant en communication, puis-je vous envoyer un questionnaire ?",
           "Publiez-vous un calendrier des événements du premier trimestre ?"],
    "ar": ["أرغب في إجراء مقابلة مع الأمين العام حول استراتيجية التحالف للعام المقبل.",
           "يرجى إضافتي إلى قائمة توزيع البيانات الصحفية.",
           "هل لديكم صور عالية الدقة لمبنى المقر؟",
           "ما هي ساعات عمل المركز الإعلامي خلال العطلة؟",
           "هل يمكن تزويدي بالسيرة الذاتية لمدير الاتصال الجديد؟",
           "أنا طالب أبحث في الاتصال الاستراتيجي، هل يمكنني إرسال استبيان؟",
           "هل تنشرون جدولا للفعاليات للربع الأول؟",
           "انتهت صلاحية بطاقة الاعتماد الخاصة بي، كيف أجددها؟"],
}
NOISE_SUBJECT = {"en": ["Request", "Question", "Media inquiry", "Quick question"],
                 "fr": ["Demande", "Question", "Demande presse"], "ar": ["استفسار", "طلب", "سؤال"]}


def _inquiry(rng: random.Random, key: int, story: str, lang: str, hour: float) -> Inquiry:
    spec = STORIES[story]
    facts = spec["facts"][lang]
    asked = rng.sample(facts, k=min(len(facts), rng.choice((1, 2, 2, 3))))
    subject = spec["subject"].get(lang) or next(iter(spec["subject"].values()))
    if rng.random() < 0.25 and "release" not in spec:
        subject = rng.choice(NOISE_SUBJECT[lang])  # a subject that says nothing
    body = "\n\n".join([rng.choice(OPEN[lang]), " ".join(asked), rng.choice(CLOSE[lang]).format(n=rng.choice(NAMES[lang]))])
    refs = (spec["release"],) if "release" in spec else ()
    return Inquiry(key, story, lang, subject, body, refs, hour)


def scenario(stories: tuple[str, ...], noise_half: int, *, per_story: tuple[int, int] = (8, 14),
             seed: int = 21) -> list[Inquiry]:
    """The inquiries of ``stories`` and one half of the noise, in the order they arrive."""
    rng = random.Random(seed + noise_half)
    made: list[Inquiry] = []
    key = 0
    for i, story in enumerate(stories):
        start = rng.uniform(0, 48)
        langs = list(STORIES[story]["facts"])
        for _ in range(rng.randint(*per_story)):
            key += 1
            made.append(_inquiry(rng, key, story, rng.choice(langs), start + rng.expovariate(1 / 6)))
    for lang, texts in NOISE.items():
        for j, text in enumerate(texts):
            if j % 2 != noise_half:
                continue
            key += 1
            body = "\n\n".join([rng.choice(OPEN[lang]), text, rng.choice(CLOSE[lang]).format(n=rng.choice(NAMES[lang]))])
            made.append(Inquiry(key, f"noise-{key}", lang, rng.choice(NOISE_SUBJECT[lang]), body, (), rng.uniform(0, 72)))
    return sorted(made, key=lambda q: q.hour)


DEV = scenario(DEV_STORIES, 0)
HOLDOUT = scenario(tuple(s for s in STORIES if s not in DEV_STORIES), 1)

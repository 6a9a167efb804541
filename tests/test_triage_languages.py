"""The nine categories asked in the words of other languages and other writers.

Written here from how each kind of sender writes (not from any labelled set's messages): a
complaint in Spanish, German, Turkish or Italian, a pupil's question, a member of the public
asking to visit, a German request for figures, ten minutes on the phone with the spokesperson,
news placed "on 500 websites for only $299", crypto earnings per week. Each was first run
against the rules as they were: 40 of 49 right; the rules were then fixed as classes.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from harness import written

SENT = datetime(2026, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=3)))  # a Monday morning


def decide(subject: str, body: str):
    return written.decide(subject, body, sent=SENT)


CASES = [
 # complaints in other languages
 ("Rectificación", "En su comunicado del martes aparece mal escrito el nombre de nuestro director. Les rogamos que lo corrijan.", "correction_complaint"),
 ("Beschwerde", "Ihre Pressestelle hat unseren Reporter bei der Pressekonferenz unhöflich behandelt. Das ist nicht akzeptabel.", "correction_complaint"),
 ("Düzeltme talebi", "Haberinizde kurumumuzun adı yanlış yazılmış, lütfen düzeltin.", "correction_complaint"),
 ("Foto", "Avete usato una nostra foto senza citare l'autore. Vi chiediamo di aggiungere il credito o rimuoverla.", "correction_complaint"),
 ("Please unsubscribe", "Please take me off your press release list, I have left the newspaper.", "correction_complaint"),
 ("Ne plus recevoir vos communiqués", "Merci de retirer mon adresse de votre liste de diffusion.", "correction_complaint"),
 ("Misquote", "Your release attributes to me a sentence I never said. Please correct it today.", "correction_complaint"),
 ("شكوى", "تعرض مصورنا لمعاملة سيئة من أحد موظفي المركز أثناء المؤتمر، ونطالب باعتذار.", "correction_complaint"),
 ("Wrong figures", "The number of member states in your English release is 42, but the Arabic one says 41. Which is right? Please fix the wrong one.", "correction_complaint"),
 # general
 ("Question", "Hi, I'm 15 and doing a school project on terrorism. Can you tell me what your centre does?", "general"),
 ("Prácticas", "Soy estudiante de periodismo y me gustaría hacer prácticas en su oficina de prensa.", "general"),
 ("Bewerbung als Fotograf", "Ich möchte mich als Fotograf bei Ihnen bewerben. Anbei mein Lebenslauf.", "general"),
 ("Wrong address?", "I think this was meant for the Ministry of Interior, not you. I need to renew my residence permit.", "general"),
 ("Merci", "Un grand merci pour l'organisation de la visite hier, c'était passionnant.", "general"),
 ("سؤال", "السلام عليكم، أنا مواطن وأريد أن أعرف كيف يمكنني زيارة المركز مع عائلتي؟", "general"),
 ("Visit", "Can members of the public visit the centre? What are the opening hours?", "general"),
 # information requests
 ("Comentario", "Soy periodista de El Diario. ¿Podrían darnos una declaración sobre el nuevo acuerdo?", "information_request"),
 ("Anfrage", "Für einen Artikel bräuchte ich Zahlen zu den Mitgliedsstaaten. Können Sie mir diese schicken?", "information_request"),
 ("Sorular", "Gazetemiz için merkezinizin yeni programı hakkında bilgi almak istiyoruz.", "information_request"),
 ("Request for comment", "We're running a story tomorrow on the coalition's new strategy. Does the centre have a comment?", "information_request"),
 ("Data request", "I'm a researcher at a think tank. Could you share the number of trainees per year since 2020?", "information_request"),
 ("استفسار صحفي", "نعد تقريراً عن البرنامج الجديد، هل يمكن تزويدنا بعدد المستفيدين؟", "information_request"),
 # interviews
 ("Entrevista", "Nos gustaría entrevistar al secretario general para nuestro programa de radio.", "interview_request"),
 ("Interview mit dem Generalsekretär", "Wir würden gerne ein Interview mit dem Generalsekretär führen.", "interview_request"),
 ("Röportaj talebi", "Genel sekreterle bir röportaj yapmak istiyoruz.", "interview_request"),
 ("Invité", "Nous souhaiterions inviter votre porte-parole sur notre plateau jeudi soir.", "interview_request"),
 ("طلب لقاء", "نود استضافة المتحدث الرسمي في برنامجنا الحواري مساء الخميس.", "interview_request"),
 ("Quick call?", "Could I have 10 minutes on the phone with your spokesperson for my piece?", "interview_request"),
 # assets
 ("Fotos", "¿Podrían enviarnos fotos en alta resolución de la ceremonia?", "media_assets"),
 ("Bildmaterial", "Haben Sie Bildmaterial vom Treffen, das wir verwenden dürfen?", "media_assets"),
 ("Logo", "Could you send us your logo in vector format for our infographic?", "media_assets"),
 ("النص الكامل", "نرجو تزويدنا بالنص الكامل لكلمة الأمين العام.", "media_assets"),
 ("Video", "Est-ce que vous auriez des images vidéo de l'exercice pour notre JT ?", "media_assets"),
 # accreditation
 ("Acreditación", "Quisiéramos acreditar a un periodista y un camarógrafo para la conferencia de prensa del jueves.", "event_accreditation"),
 ("Teilnahme an der Pressekonferenz", "Ich möchte als Journalist an Ihrer Pressekonferenz teilnehmen.", "event_accreditation"),
 ("Covering the forum", "Our crew would like to cover your forum next week. How do we register?", "event_accreditation"),
 ("تغطية", "نرغب في تغطية فعاليات المنتدى، ما هي إجراءات التسجيل للإعلاميين؟", "event_accreditation"),
 # partnership
 ("Invitación", "Le invitamos a participar como ponente en nuestro congreso sobre seguridad en Madrid.", "partnership_speaking"),
 ("Einladung zum Vortrag", "Wir laden Ihren Direktor ein, auf unserer Konferenz einen Vortrag zu halten.", "partnership_speaking"),
 ("Op-ed", "Would your secretary-general write an op-ed for our special issue on counter-extremism?", "partnership_speaking"),
 ("Media partnership", "We would like to be the media partner of your annual forum.", "partnership_speaking"),
 ("دعوة", "يسرنا دعوتكم للمشاركة كمتحدث في ندوة الجامعة حول الأمن الفكري.", "partnership_speaking"),
 # spam
 ("Guest post", "Hi, I'd love to contribute a guest post to your website. I can include a link to my client's casino site.", "spam"),
 ("Increase your visibility", "We can place your news on 500 websites for only $299.", "spam"),
 ("Votre compte", "Votre boîte mail sera désactivée. Cliquez ici pour vérifier votre compte.", "spam"),
 ("Award nomination", "Congratulations! Your organisation has been nominated for the Global Excellence Award. Registration fee: USD 1,200.", "spam"),
 ("Investition", "Verdienen Sie 3.000 € pro Woche mit unserem Krypto-Trading-Bot.", "spam"),
 ("عرض", "نقدم خدمات نشر الأخبار في أكثر من 100 موقع إخباري بسعر 500 دولار فقط.", "spam"),
 ("Invoice #4471", "Please find attached the overdue invoice. Pay within 24 hours to avoid legal action.", "spam"),
]


# The pairs triage confuses, in the office's three languages (a second round written here: 33 of
# 47 right before the rules were fixed): a statement against an interview, figures against
# curiosity, a complaint about a photo against a request for one, their conference against ours,
# scams that read like business, thanks that mention an event.
CASES_CONFUSABLE = [
 # comment vs interview
 ("Statement request", "Does the centre have a statement on yesterday's attack? We're updating our story.", "information_request"),
 ("On the record?", "Would someone from your side go on the record for our radio package this afternoon?", "interview_request"),
 ("Demande de réaction", "Nous préparons un article sur le rapport annuel. Avez-vous une réaction officielle ?", "information_request"),
 ("Demande d'interview", "Serait-il possible d'interviewer le général pour notre magazine ?", "interview_request"),
 ("طلب تصريح", "نرجو تزويدنا بتصريح رسمي حول الاجتماع الأخير لنشره في صحيفتنا.", "information_request"),
 ("استضافة", "نود استضافة أحد خبرائكم في نشرة الأخبار المسائية على الهواء مباشرة.", "interview_request"),
 ("ممكن مداخلة؟", "مساء الخير، ممكن مداخلة هاتفية مع المتحدث بكرة الصبح في البرنامج؟", "interview_request"),
 # data vs curiosity
 ("Numbers", "For a data piece we need the annual budget and staff numbers for 2024 and 2025.", "information_request"),
 ("Just wondering", "Hi, just curious, how many countries are in the coalition? I saw it on TV.", "general"),
 ("سؤال بسيط", "مرحبا، أنا طالب في الثانوية، كم عدد الدول الأعضاء في التحالف؟", "general"),
 ("Question d'un citoyen", "Bonjour, je suis un simple citoyen et je me demande quel est le rôle exact du centre.", "general"),
 # complaint vs asset
 ("Your video", "The video on your YouTube channel shows our logo without permission. Please remove it.", "correction_complaint"),
 ("Video request", "Could you send us the video of the closing ceremony for our evening news?", "media_assets"),
 ("Photo", "La photo publiée sur votre site n'est pas celle de notre ambassadeur. Merci de la remplacer.", "correction_complaint"),
 ("Photos de la cérémonie", "Pourriez-vous nous transmettre les photos de la cérémonie en haute définition ?", "media_assets"),
 ("بخصوص الصورة", "نشرتم صورة لي دون إذني على حسابكم في تويتر، أرجو حذفها.", "correction_complaint"),
 ("طلب صور", "نرجو تزويدنا بصور عالية الدقة من زيارة الوفد.", "media_assets"),
 # their event vs our event
 ("Speaker invitation", "We'd be honoured to have your director as a keynote speaker at our annual conference in Cairo.", "partnership_speaking"),
 ("Attending your forum", "I'd like to attend your forum next week as a journalist. Is registration still open?", "event_accreditation"),
 ("Invitation à notre colloque", "Nous avons le plaisir d'inviter un représentant du centre à intervenir lors de notre colloque à Rabat.", "partnership_speaking"),
 ("Couverture", "Notre équipe souhaite couvrir la cérémonie d'ouverture. Quelle est la procédure d'accréditation ?", "event_accreditation"),
 ("دعوة للمشاركة", "يسعدنا دعوة سعادتكم للمشاركة بورقة عمل في المؤتمر الدولي الذي تنظمه جامعتنا.", "partnership_speaking"),
 ("حضور المؤتمر الصحفي", "نرغب بحضور المؤتمر الصحفي يوم الأحد، هل نحتاج إلى تسجيل مسبق؟", "event_accreditation"),
 # spam disguises
 ("Interview opportunity", "We are featuring leaders in our magazine. The publication package costs $1,500.", "spam"),
 ("Press card", "Get your international press card in 48h. No experience needed. Only 99 EUR.", "spam"),
 ("Your website", "I noticed your website is not ranking on Google. We can get you on page one.", "spam"),
 ("Journalist list", "Buy our database of 25,000 journalists in the Middle East, updated monthly.", "spam"),
 ("Action required", "Your mailbox storage is full. Click the link below to upgrade now or lose your messages.", "spam"),
 ("Facture impayée", "Veuillez trouver ci-joint la facture impayée. Réglez sous 48 heures pour éviter des pénalités.", "spam"),
 ("فرصة استثمارية", "استثمر الآن في العملات الرقمية واحصل على أرباح يومية مضمونة.", "spam"),
 ("Business proposal", "I am a banker and I have a proposal to transfer $12.5 million to your account.", "spam"),
 ("تغطية إعلامية مدفوعة", "نضمن لكم نشر أخباركم في 50 موقعاً إخبارياً مقابل 300 دولار.", "spam"),
 # general misc
 ("Wrong email", "Sorry, I think I sent my visa documents to the wrong address. Please ignore.", "general"),
 ("Job application", "Please find attached my CV for any vacancy in your communications department.", "general"),
 ("شكرا", "شكرا جزيلا على الدعوة الكريمة، كانت فعالية رائعة.", "general"),
 ("Merci pour l'invitation", "Merci beaucoup pour l'invitation à la conférence, c'était très enrichissant.", "general"),
 ("Stage", "Je suis étudiante en master de communication et je cherche un stage de fin d'études.", "general"),
 # assets misc
 ("Press kit", "Do you have a press kit for the new strategy? We'd like the logo and some photos.", "media_assets"),
 ("Transcript", "Is there a transcript of the secretary-general's speech yesterday?", "media_assets"),
 ("B-roll", "Any chance of getting B-roll from the exercise? Need it for tonight.", "media_assets"),
 # accreditation misc
 ("Press pass", "How can I get a press pass for the summit on the 24th?", "event_accreditation"),
 ("Filming permit", "We need permission to film outside your headquarters on Thursday.", "event_accreditation"),
 # partnership misc
 ("Podcast partnership", "We'd like to partner with your centre on a podcast series about prevention.", "partnership_speaking"),
 ("Tribune", "Seriez-vous intéressé par la publication d'une tribune de votre directeur dans notre journal ?", "partnership_speaking"),
 # complaints misc
 ("Unacceptable", "Your press officer hung up on me twice today. This is unacceptable.", "correction_complaint"),
 ("Right of reply", "Your statement mentions our organisation unfairly. We request a right of reply.", "correction_complaint"),
 ("تصحيح", "ورد في بيانكم أن الاجتماع عقد في جدة والصحيح أنه عقد في الرياض.", "correction_complaint"),
]


# Set G's classes, in other words: a pupil preparing Model UN, a comment explicitly not an
# interview, "come on live", an interview "on record" in a reply to a request for comment, an
# SEO audit, an interview paid in crypto, a photo to be taken down in Egyptian Arabic, a Gulf
# reporter wanting to attend, the release in Word, thanks for arranging an interview.
CASES_G = [
    ("MUN help", "Hi! I'm a sophomore at Westfield High School preparing a position paper for Model UN. What does the "
     "coalition do and how many members are there?", "general"),
    ("Réaction", "Je ne demande pas d'interview, simplement une réaction écrite de deux lignes sur le rapport.",
     "information_request"),
    ("Tonight", "We're leading the 9pm bulletin on the attack. Could your spokesman come on live, down the line from "
     "Riyadh?", "interview_request"),
    ("RE: Request for comment", "Thanks for the statement. My editor now wants a proper sit-down piece: would the director "
     "be available for a 30-minute interview on record?", "interview_request"),
    ("Website audit", "Your site has low ranking on Google: missing meta tags, low domain authority. We offer guaranteed "
     "first page ranking.", "spam"),
    ("Interview offer", "We'd love to interview your director for our crypto magazine. Publication package: 0.2 BTC.",
     "spam"),
    ("صورتي", "لقيت صورتي عندكم على فيسبوك من غير إذني، ياريت تشيلوها.", "correction_complaint"),
    ("الفعالية", "ابي احضر الفعالية حقتكم الاسبوع الجاي كإعلامي، وش المطلوب عشان اتسجل؟", "event_accreditation"),
    ("البيان", "ممكن ترسلون لي البيان الصحفي بصيغة وورد؟", "media_assets"),
    ("Thank you", "Thank you for arranging the interview with the general yesterday. The piece is now online.", "general"),
]


# People whose letters look like a machine's: a forwarded bounce with a request above it, an absence
# in the subject over a request, "I'm out of the office today but we need your comment".
HUMANS_LIKE_MACHINES = [
    ("Fwd: Undelivered Mail Returned to Sender", "Hi, my message to your spokesperson bounced (see below). Could you pass "
     "on our interview request?\n\n---------- Forwarded message ---------\nFrom: Mail Delivery System "
     "<MAILER-DAEMON@tv.example>\nSubject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host "
     "tv.example. I'm sorry to have to inform you that your message could not be delivered."),
    ("Absent du bureau jusqu'au 20 — question urgente", "Je serai absent du bureau jusqu'au 20, mais j'ai besoin d'une "
     "réaction avant ce soir sur le communiqué."),
    ("خارج المكتب", "انا خارج المكتب اليوم لكن نحتاج تعليقكم على الخبر قبل المساء لو سمحتم"),
    ("Re: Out of Office: Interview request", "Hello, I received your out-of-office reply. Who else can help me?\n\n"
     "> I am out of the office until 20 November with limited access to email."),
    # A request re-sent above the failure it quotes, without "Fwd:" (set HR): the bounce wording is only in the quote.
    ("Demande d'informations (mon message à presse@ a été rejeté)", "Bonjour,\n\nJ'ai écrit lundi à presse@imctc.org, "
     "mais mon message m'a été renvoyé avec l'erreur ci-dessous. Pourriez-vous me faire parvenir le nombre de participants "
     "du programme d'ici jeudi ?\n\nMarc\n\n----- Message renvoyé -----\n<presse@imctc.org>: host mx1.imctc.org said: 550 "
     "5.1.1 <presse@imctc.org>: Recipient address rejected: User unknown in virtual mailbox table"),
    ("Accreditation request - briefing on 26 Feb", "Dear Sir/Madam,\n\nMy accreditation form to accreditation@imctc.org "
     "bounced (error below), so I attach it here. I would like to cover the press briefing on 26 February. Please confirm by "
     "Monday.\n\nRafiq\n\n---------- Forwarded message ---------\nFrom: Mail Delivery Subsystem "
     "<mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n\n** Address not found **\nYour "
     "message wasn't delivered to accreditation@imctc.org because the address couldn't be found.\n550 5.1.1 User unknown"),
]


@pytest.mark.parametrize("subject, body", HUMANS_LIKE_MACHINES, ids=[c[0][:40] for c in HUMANS_LIKE_MACHINES])
def test_a_person_who_mentions_absence_or_a_bounce_is_not_a_machine(subject, body):
    decision = decide(subject, body)
    assert decision.category != "automated", decision.explanation


def test_an_out_of_office_reply_in_those_words_is_still_one():
    decision = decide("Absent du bureau", "Je suis absent du bureau jusqu'au 20 novembre. Pour toute urgence, merci "
                      "de contacter le service de presse. Je vous répondrai dès mon retour.")
    assert (decision.category, decision.automated_kind) == ("automated", "auto_reply"), decision.explanation


def test_an_arabic_sites_acknowledgement_that_says_it_is_automatic_is_one():
    """"هذا رد آلي، يرجى عدم الرد عليه" with no header, over words that read as a request ("بيانا صحفيا", set IY)."""
    decision = decide("شكراً لتواصلكم", "السادة المحترمين،\n\nنشكركم على رسالتكم الموجهة إلى موقع المرصد الإخباري.\nهذا رد آلي، "
                      "يرجى عدم الرد عليه.\nسيتم تحويل رسالتكم إلى القسم المختص، وفي حال كانت رسالتكم بيانا صحفيا فسيتم "
                      "النظر في نشره.\n\nإدارة التحرير")
    assert (decision.category, decision.automated_kind) == ("automated", "auto_reply"), decision.explanation


def test_a_correspondents_reply_from_the_field_is_an_auto_reply():
    """No auto-reply header, and a line that reads as a request ("please use the contact form"): "I'll reply to your
    message when I'm back" with "patchy connectivity" is still a reply a machine sent (set IP)."""
    decision = decide("Away till 23rd - Re: Media Advisory", "Hello,\n\nI'm on assignment in the field until 23 November "
                      "with patchy connectivity. I'll reply to your message when I'm back.\n\nPhoto sales / licensing: "
                      "please use the contact form at filipek.example/licensing\n\nTomasz")
    assert (decision.category, decision.automated_kind) == ("automated", "auto_reply"), decision.explanation


def test_a_spam_word_inside_another_word_is_not_spam_wording():
    # "seo" (search-engine optimisation) inside the Malay "seorang" (a person) and in "Seoul".
    from mediadesk.worker.triage.category import score_categories
    from mediadesk.worker.triage.rules import load_rules
    from mediadesk.worker.triage.text import normalize

    body = ("Kami ingin menjemput seorang jurucakap untuk temu bual secara langsung dari Seoul. Saya penerbit "
            "rancangan di saluran TV kami.")
    scores = score_categories(load_rules(written.SETTINGS.rules_file), normalize("Permohonan temu bual"), normalize(body))
    assert scores.terms["spam"] == [], scores.terms["spam"]
    assert decide("Permohonan temu bual", body).category == "interview_request"


# A third round written here (21 of 32 right before the rules were fixed): spam that offers a
# "partnership" or a "feature" for a fee, accreditation asked as a question, complaints asked as
# "why", general mail asked as a request for information.
CASES_ROUND_3 = [
 # spam dressed as inquiry
 ("Exclusive interview opportunity", "Our business magazine would like to feature your director in an exclusive interview. A sponsorship contribution of $2,000 applies.", "spam"),
 ("Documentary series", "We are producing a documentary series on global security leaders. Participation requires a production fee of 3,500 EUR.", "spam"),
 ("Media partnership proposal", "We propose a media partnership: a full-page advertorial and 3 online articles for a package price of 4,000 USD.", "spam"),
 ("Exhibit at our summit", "Book your exhibition booth at the Global Defence Summit. Booth prices start at $5,000.", "spam"),
 ("Chronique invitée", "Nous publions votre tribune dans notre magazine moyennant des frais de publication de 900 €.", "spam"),
 ("ترشيح لجائزة", "يسرنا ترشيح معاليكم لجائزة التميز القيادي، ورسوم المشاركة 1500 دولار.", "spam"),
 ("خدمة توزيع البيانات الصحفية", "نوزع بياناتكم الصحفية على 3000 صحفي ووسيلة إعلام عربية، اشترك الآن.", "spam"),
 ("Diffusion de communiqués", "Diffusez vos communiqués auprès de 10 000 journalistes francophones. Tarif : 290 € par envoi.", "spam"),
 ("Quick question", "Hi, are you the right person to talk to about your website's content marketing? We help organisations get more traffic.", "spam"),
 ("Collaboration", "Hello, I'm a blogger with 50k followers. I'd love to collaborate: I publish sponsored posts about organisations like yours for a small fee.", "spam"),
 # accreditation phrased as question
 ("Procedure", "What is the procedure for journalists to attend the opening ceremony next Tuesday?", "event_accreditation"),
 ("Media registration", "How can media register for the press conference? We are two reporters from Gulf Daily.", "event_accreditation"),
 ("تسجيل الإعلاميين", "ما هي آلية تسجيل الإعلاميين لحضور حفل التخريج؟", "event_accreditation"),
 ("Inscription presse", "Comment s'inscrire en tant que journaliste pour le forum de décembre ?", "event_accreditation"),
 # complaints phrased as questions
 ("Why?", "Why did you publish my photo on your website without asking me first? I want it taken down.", "correction_complaint"),
 ("Exclusion", "Why was our newspaper excluded from yesterday's press briefing? We were accredited.", "correction_complaint"),
 ("لماذا؟", "لماذا تم نشر اسمي بشكل خاطئ في البيان؟ أرجو التصحيح.", "correction_complaint"),
 ("Pourquoi ?", "Pourquoi votre communiqué attribue-t-il ces propos à notre ministre ? Il ne les a jamais tenus.", "correction_complaint"),
 # general phrased as information
 ("Joining", "How can I join the coalition forces? What are the requirements?", "general"),
 ("Work with you", "What are the requirements to work at your centre as a translator?", "general"),
 ("Help", "Can you help me find information about my brother who was a soldier? I have not heard from him.", "general"),
 ("طلب", "كيف يمكنني التقديم على وظيفة في المركز؟ ما هي الشروط؟", "general"),
 ("Renseignement", "Bonjour, je voudrais savoir si vous proposez des stages d'été pour les étudiants en relations internationales.", "general"),
 # information requests that look general
 ("Question from a journalist", "I'm writing a piece for The Herald. What is the centre's annual budget?", "information_request"),
 ("Fact check", "A video circulating online claims your spokesman resigned. Is that true?", "information_request"),
 ("تحقق", "هل صحيح أن التحالف أعلن انسحاب إحدى الدول؟ نحن منصة تحقق ونرغب في تأكيد الخبر.", "information_request"),
 # assets vs info
 ("Annual report", "Could you send me the PDF of your 2025 annual report?", "media_assets"),
 ("Speech", "نرجو تزويدنا بتسجيل كلمة الأمين العام في الحفل.", "media_assets"),
 # interviews
 ("Podcast guest", "We'd love to have your spokesperson as a guest on episode 40 of our podcast.", "interview_request"),
 ("Radio", "Pouvez-vous nous accorder une interview téléphonique de cinq minutes demain à 8h ?", "interview_request"),
 # partnership
 ("Op-ed request", "Would the secretary-general contribute an op-ed for our anniversary edition?", "partnership_speaking"),
 ("MoU", "Our university would like to sign a memorandum of understanding on research cooperation.", "partnership_speaking"),
]


# A fourth round (26 of 33 right before the rules were fixed): a pupil's question asked as a
# request for information, accreditation asked as "is it open to the press?", complaints about
# a photo or a video we published, mail left unanswered, a wrong name in German.
CASES_ROUND_4 = [
 # general that reads like a request
 ("Question", "Hello, I am a high school student doing a project on terrorism for my civics class. Could you tell me when the coalition was founded and how many countries are in it? Thank you!", "general"),
 ("Internship 2027", "Dear Sir/Madam, I am a final-year journalism student and would like to know whether your media department offers summer internships. I have attached my CV.", "general"),
 ("طلب معلومات", "السلام عليكم، أنا طالبة في المرحلة الثانوية وأعد بحثاً مدرسياً عن التطرف. هل يمكنكم تزويدي بمعلومات عن أهداف التحالف؟ وشكراً", "general"),
 ("Wrong address?", "Hi, I think I sent my visa documents to the wrong email. Could you forward them to the consular section or tell me the right address?", "general"),
 ("Visite de vos locaux", "Bonjour, je suis enseignant et je souhaiterais savoir s'il est possible d'organiser une visite de votre centre pour ma classe de terminale.", "general"),
 ("Thank you", "Just wanted to say thanks for the quick answer last week, it helped a lot with my thesis. All the best, Omar", "general"),
 ("استفسار", "مرحبا، أود أن أعرف كيف يمكنني التقدم لوظيفة في المركز الإعلامي، وهل هناك شواغر حالياً؟", "general"),
 ("Consulta", "Buenas tardes, soy ciudadano y quería saber si ustedes pueden ayudarme a recuperar un pasaporte perdido en Riad.", "general"),
 # accreditation phrased indirectly
 ("Coverage of Thursday's event", "Hello, our TV crew (reporter + camera operator) would like to cover the ministerial meeting on Thursday. What do we need to do to get access?", "event_accreditation"),
 ("Press conference", "Is the press conference on the 24th open to foreign media? I'm with Deutsche Stimme, based in Dubai.", "event_accreditation"),
 ("تغطية المؤتمر", "نرغب في تغطية المؤتمر الصحفي يوم الأحد القادم، فريقنا مكون من مراسل ومصور. ما هي إجراءات التسجيل؟", "event_accreditation"),
 ("Inscription presse", "Bonjour, comment puis-je m'inscrire pour couvrir le forum de la semaine prochaine ? Je suis photographe indépendant.", "event_accreditation"),
 ("Attending the launch", "Could two of our journalists attend the report launch next week? Please add them to the list: Rana Aziz and Paul Meyer.", "event_accreditation"),
 ("Acreditación", "Buenos días, quisiéramos acreditar a un periodista y un camarógrafo para la cumbre del día 3. ¿Cuál es el procedimiento?", "event_accreditation"),
 ("حضور الفعالية", "هل يمكن لمراسلنا حضور حفل التوقيع غداً؟ يرجى إفادتنا بالإجراءات.", "event_accreditation"),
 # complaints that mention assets / info
 ("Your video", "The video you posted yesterday shows our office building with the caption 'training camp'. This is false and defamatory. Remove it immediately.", "correction_complaint"),
 ("Figures in your release", "The casualty figures in your release of 12 November are wrong: the ministry's own report says 14, not 41. Please correct the release.", "correction_complaint"),
 ("صورة منشورة دون إذن", "نشرتم في حسابكم صورة لي التقطت في المؤتمر دون إذني، أطلب حذفها فوراً.", "correction_complaint"),
 ("Crédit photo", "Bonjour, la photo publiée dans votre dossier de presse est la mienne et aucun crédit n'apparaît. Merci d'ajouter mon nom ou de la retirer.", "correction_complaint"),
 ("No reply", "This is my third email about the interview you promised in October. Nobody has answered. I find this unacceptable from a press office.", "correction_complaint"),
 ("Please remove me", "Please take me off your press release mailing list, I no longer cover this region.", "correction_complaint"),
 ("Falsche Angabe", "In Ihrer Pressemitteilung wird unsere Organisation falsch bezeichnet. Bitte korrigieren Sie den Namen.", "correction_complaint"),
 ("Statement misattributed", "Your statement attributes a quote to our director that she never said. We ask for a correction today.", "correction_complaint"),
 # spam dressed as inquiries
 ("Interview opportunity", "Dear Press Office, our magazine Leaders Today would like to feature your Secretary General in a cover interview. The publication package is USD 3,900 and includes 1,000 printed copies.", "spam"),
 ("Award nomination", "Congratulations! Your organisation has been selected for the Middle East Excellence Award 2027. To confirm your participation, please complete the registration (fee: 1,500 USD).", "spam"),
 ("Journalists database", "We are offering an updated list of 25,000 journalists and editors in MENA, with emails and phone numbers. Price: $450. Reply for a sample.", "spam"),
 ("مقابلة صحفية مدفوعة", "يسعدنا نشر لقاء مع مديركم في مجلتنا، تكلفة النشر ٢٠٠٠ دولار تشمل الصور والتصميم.", "spam"),
 ("Carte de presse internationale", "Obtenez votre carte de presse internationale en 48h, reconnue dans 120 pays. Tarif : 89 €.", "spam"),
 ("Media coverage", "We can get your news published on Forbes, Yahoo and 300+ news sites. Packages start at $199. Interested?", "spam"),
 ("Your website", "Hello, I noticed your website is not ranking on Google for important keywords. We can fix this with our SEO package. Can I send you a proposal?", "spam"),
 # partnership vs others
 ("Panel invitation", "We would be delighted to have a representative of your centre join a panel at our annual conference in Doha on 3 March.", "partnership_speaking"),
 ("Op-ed proposal", "Would your Secretary General be interested in contributing an op-ed for our special issue on counter-extremism? 800 words.", "partnership_speaking"),
 ("Documentary", "We are producing a documentary series and would like to propose a partnership with your centre, including access to archive footage.", "partnership_speaking"),
]


# A fifth round, from sets I and J's classes (5 of 18 right before the rules were fixed): a
# wrong figure in German, a privacy breach, a correction asked in Persian, typos and a quote out of
# context in French; students in Spanish, Portuguese, Italian and German; a member of the public
# asking where to report an account; a joint campaign and a speaker to host; archive footage to
# license and a logo in Portuguese; a background note; an Egyptian phone-in.
CASES_ROUND_5 = [
 ("Fehler im Bericht", "Sehr geehrte Damen und Herren, in Ihrem Jahresbericht steht eine falsche Zahl zu unserer Stiftung. Wir bitten Sie, die Angabe zu korrigieren.", "correction_complaint"),
 ("Mailing list privacy", "Your newsletter went out with every recipient visible in the To field. Please ensure this never happens again and tell me who else has my address.", "correction_complaint"),
 ("اصلاح خبر", "در گزارش شما نام سازمان ما به اشتباه آمده است. لطفا آن را اصلاح کنید.", "correction_complaint"),
 ("Communiqué", "Je vous signale deux coquilles dans votre communiqué d'hier : le nom du ministre et la date. Merci de publier une version corrigée.", "correction_complaint"),
 ("Propos", "Vous avez cité mes propos hors contexte dans votre lettre mensuelle ; je vous demande de corriger ce passage.", "correction_complaint"),
 ("Trabajo final", "Hola, soy estudiante de periodismo y estoy haciendo mi trabajo de fin de grado sobre la coalición. ¿Cuántos países la forman y desde cuándo?", "general"),
 ("Tese", "Olá! Sou estudante de relações internacionais e minha monografia é sobre cooperação antiterrorista. Vocês poderiam me dizer quais países participam?", "general"),
 ("Tesi", "Buongiorno, sono una studentessa e sto scrivendo la mia tesi di laurea. Quali sono gli obiettivi della coalizione?", "general"),
 ("Frage", "Hallo, ich studiere Politik an der Uni Köln und schreibe meine Bachelorarbeit. Wie viele Mitgliedsstaaten gibt es?", "general"),
 ("Signalement", "Bonjour, j'ai vu un compte sur TikTok qui publie des vidéos de propagande. À qui dois-je le signaler ?", "general"),
 ("بلاغ", "لو سمحتوا لمين ابلغ عن قناة في يوتيوب تنشر مقاطع متطرفة؟", "general"),
 ("Report", "How do I report this account? It keeps posting extremist videos and my kids follow it.", "general"),
 ("Campaign with you", "We are a youth NGO and would like to run a joint campaign with your office during the summer, with co-branded videos for schools.", "partnership_speaking"),
 ("Invitation", "Our institute would be delighted to host a speaker from your centre at our spring lecture series.", "partnership_speaking"),
 ("Archive request", "We are producing a documentary and would like to license archive footage of the 2015 founding meeting. What are your terms?", "media_assets"),
 ("Logotipo", "Bom dia, precisamos do logotipo da Coalizão em alta resolução para uma reportagem. Podem enviar?", "media_assets"),
 ("Briefing material", "Ahead of a delegation visit, could you send a short background note on the coalition's structure and membership?", "information_request"),
 ("مداخلة", "عايزين نعمل مداخلة تليفونية مع المتحدث الرسمي في برنامجنا بكرة الساعة ٨.", "interview_request"),
]


# A sixth round, from sets L and M's classes (5 of 11 right before the rules were fixed): a
# request and corrections in Russian and Polish, a logo "to adopt" (اعتماد) that is no
# accreditation, an editorial partnership that mentions a logo, the raw video of a briefing,
# Quebec's "entrevue" and "balado", a production company's filmed interview that mentions visas,
# a person who got an auto-reply, "open to the press?" with tanween.
CASES_ROUND_6 = [
 ("Запрос", "Здравствуйте! Я журналистка из Бишкека. Не могли бы вы предоставить данные о числе стран-участниц и контакт пресс-службы?", "information_request"),
 ("Sprostowanie", "Dzień dobry, w Państwa komunikacie podano błędne nazwisko naszego dyrektora. Proszę o sprostowanie.", "correction_complaint"),
 ("Опровержение", "В вашем пресс-релизе допущена ошибка: наш фонд никогда не участвовал в этой программе. Просим исправить.", "correction_complaint"),
 ("الشعار", "نرجو تزويدنا بالشعار الرسمي بصيغة مفتوحة لاعتماده في المطبوعات الخاصة بالمؤتمر.", "media_assets"),
 ("Editorial partnership", "We would like to propose a content partnership: a short explainer series with your experts on camera and your logo as knowledge partner.", "partnership_speaking"),
 ("Vidéo", "Salut, est-ce possible d'obtenir la vidéo intégrale du point presse (fichier brut) pour notre magazine ? Merci.", "media_assets"),
 ("Séminaire", "Bonjour, deux collègues de notre rédaction souhaiteraient y assister. Quelle est la procédure d'inscription au séminaire ?", "event_accreditation"),
 ("Entrevue", "Bonjour, j'anime un balado sur l'actualité internationale et j'aimerais faire une entrevue avec une personne-ressource de votre organisation.", "interview_request"),
 ("لقاء مصور", "احنا شركة إنتاج وبنعمل فيلم وثائقي، ومحتاجين نعمل لقاء مصور مع حد من المتحدثين عندكم قبل ما نسافر، ونطلع التأشيرات.", "interview_request"),
 ("Re: Réponse automatique : absent", "Bonjour, j'ai reçu une réponse automatique de votre collègue, je réécris donc ici : pouvez-vous me confirmer la date de la réunion ?", "information_request"),
 ("الاجتماع", "الاجتماع الوزاري القادم هل سيكون مفتوحا للإعلام؟ نرغب في تغطيته.", "event_accreditation"),
]


# Every round above, one case each: the category the message is asking for.
ROUNDS = {"first": CASES, "confusable": CASES_CONFUSABLE, "set G": CASES_G, "third": CASES_ROUND_3,
          "fourth": CASES_ROUND_4, "fifth": CASES_ROUND_5, "sixth": CASES_ROUND_6}
WRITTEN = [(name, *case) for name, cases in ROUNDS.items() for case in cases]


@pytest.mark.parametrize("round_, subject, body, category", WRITTEN,
                         ids=[f"{r} — {c[2]}: {c[0][:30]}" for r, *c in WRITTEN])
def test_written_inquiries(round_, subject, body, category):
    decision = decide(subject, body)
    assert decision.category == category, decision.explanation

"""Varied inquiries, written apart from the development set, in Arabic, English, French and other
languages: the category and the deadline date triage gives them. A check that the rules are
general, not fitted to the samples.

Each row: subject, body, expected category, expected deadline date (sent Tuesday 17 September
2019, 15:00 +03:00) or None when none is stated.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from mediadesk.settings import load_settings
from mediadesk.worker.parsing import parse_message
from mediadesk.worker.triage import triage

SETTINGS = load_settings(_env_file=None)
SENT = datetime(2019, 9, 17, 15, 0, tzinfo=timezone(timedelta(hours=3)))

CASES = [
    ('Request: BBC World Service - 5 min live interview', 'Hello,\nBBC World Service would like to speak with a spokesperson live on our Newshour programme tomorrow at 14:00 GMT about the new counter-terrorism centre. Can you put someone forward?\nRegards,\nTom Hale\nBBC World Service', 'interview_request', '2019-09-18'),
    ('Podcast guest invitation', "Hi team, I host 'Security Matters', a weekly podcast. We'd love to have your Secretary-General as a guest for a 30-minute episode in October. Would that be possible?\nCheers, Dan", 'interview_request', None),
    ('Q&A for our magazine', 'Dear colleagues, our magazine would like to run a written Q&A with the military commander. I can send five questions; could you return the answers before 1 October?', 'interview_request', '2019-10-01'),
    ('Al Jazeera English - request to film with your team', 'We are producing a documentary and would like to film an interview with an official at your headquarters next month. Please let us know who we should contact.', 'interview_request', None),
    ("Demande d'interview - France 24", "Bonjour,\nFrance 24 souhaiterait interviewer un responsable de la coalition pour notre journal de 20h jeudi. Pourriez-vous me dire au plus vite si c'est envisageable ?\nCordialement,\nMarie Dubois", 'interview_request', None),
    ('RFI - entretien radio', "Madame, Monsieur,\nJe prépare une émission sur la lutte contre l'extrémisme et j'aimerais m'entretenir avec votre porte-parole pendant dix minutes, par téléphone. Seriez-vous disponibles lundi prochain ?\nBien à vous", 'interview_request', None),
    ('طلب مقابلة تلفزيونية', 'السادة في المكتب الإعلامي،\nيسرنا في قناة العربية استضافة متحدث باسم التحالف في نشرة الأخبار مساء الخميس للحديث عن المؤتمر الأخير. نرجو الرد قبل يوم الأربعاء.\nمع التحية', 'interview_request', '2019-09-18'),
    ('لقاء إذاعي', 'نود إجراء لقاء إذاعي مع أحد مسؤولي التحالف ضمن برنامجنا الصباحي على إذاعة مونت كارلو الدولية. نأمل إفادتنا بالموعد المناسب.', 'interview_request', None),
    ('Reuters query on member states', "Hi, Reuters here. Can you confirm whether Country X has formally joined the coalition? We're planning to publish this afternoon.\nThanks,\nSam Lee, Reuters Gulf bureau", 'information_request', '2019-09-17'),
    ('Request for comment - NYT', "Dear press office,\nThe New York Times is preparing an article on regional security spending. We'd welcome the coalition's comment on reports that its budget has doubled. Our deadline is 5pm ET on Thursday.\nBest,\nAnna", 'information_request', '2019-09-19'),
    ('Fact-check', 'Hello, I work for AFP Fact Check. A video circulating online claims to show your forces. Is this genuine? Any clarification would help.', 'information_request', None),
    ('Researcher question', "Dear Sir/Madam, I am a researcher at King's College London studying multinational coalitions. Could you share data on the number of training programmes delivered since 2017?", 'information_request', None),
    ('Question de Jeune Afrique', "Bonjour,\nJe suis journaliste à Jeune Afrique. Pourriez-vous me préciser le nombre de pays membres africains et leur contribution ? J'en aurais besoin avant jeudi midi.\nMerci", 'information_request', '2019-09-19'),
    ("Demande d'informations", "Bonjour, pour un article du Monde, je souhaiterais connaître le budget annuel du centre et le nombre d'officiers détachés. Merci de votre retour d'ici vendredi.", 'information_request', '2019-09-20'),
    ('استفسار من صحيفة عكاظ', 'الإخوة في الإدارة الإعلامية،\nنعد تقريراً عن جهود التحالف في مجال مكافحة تمويل الإرهاب، ونرغب في معرفة عدد الدورات التدريبية التي نفذها التحالف هذا العام. نأمل الرد قبل نهاية الأسبوع.\nمحرر الشؤون المحلية', 'information_request', '2019-09-19'),
    ('سؤال', 'هل صحيح أن التحالف سيفتتح مكتباً جديداً في أفريقيا؟ نرجو التوضيح.', 'information_request', None),
    ("Photos from yesterday's ceremony", "Hi, could you send us high-resolution photos from yesterday's signing ceremony for tomorrow's print edition? We need them by 8pm tonight.\nThanks, Picture desk, The National", 'media_assets', '2019-09-17'),
    ('B-roll request', 'Hello, Sky News would like B-roll footage of the coalition headquarters and the recent exercise for a package airing next week.', 'media_assets', None),
    ('Demande de photos et du logo', "Bonjour, pourriez-vous nous faire parvenir le logo officiel en format vectoriel ainsi que quelques photos libres de droits du centre ? Merci d'avance.", 'media_assets', None),
    ('طلب صور', 'نرجو تزويدنا بصور عالية الدقة من حفل التخريج وشعار التحالف لنشرها في عدد الأسبوع القادم من المجلة.', 'media_assets', None),
    ('Press release copy', "Could you email me a copy of the press release issued last Sunday, along with the full text of the Secretary-General's speech?", 'media_assets', None),
    ('Media registration for the conference', 'Dear team, I would like to register as media to cover the international conference on 2 October. I will attend with a photographer. Please find my press card attached.', 'event_accreditation', None),
    ('Accréditation presse', 'Bonjour, je souhaiterais obtenir une accréditation pour assister à la conférence de presse de demain au siège de la coalition. Pouvez-vous me confirmer avant ce soir ?', 'event_accreditation', '2019-09-17'),
    ('طلب تغطية', 'نرغب في تغطية فعاليات المنتدى الذي ينظمه التحالف الأسبوع المقبل بفريق من مراسل ومصور. نرجو إرسال نموذج التسجيل.', 'event_accreditation', None),
    ('Correction needed', "Your press release of 12 September misspells our minister's name and gives the wrong date for the visit. Please correct it on your website.", 'correction_complaint', None),
    ('Complaint about your tweet', 'I am writing to complain about the offensive post published on your Instagram account yesterday. I expect it to be removed.', 'correction_complaint', None),
    ('Droit de réponse', "Madame, Monsieur, votre communiqué du 3 septembre contient des informations inexactes concernant notre organisation. Nous demandons la publication d'un rectificatif.", 'correction_complaint', None),
    ('شكوى', 'نشر موقعكم خبراً يتضمن معلومات غير صحيحة عن مؤسستنا، ونطالب بتصحيح الخبر فوراً.', 'correction_complaint', None),
    ('Unsubscribe me please', 'Please remove me from your mailing list. I no longer cover this beat.', 'correction_complaint', None),
    ('Speaking invitation - Doha Forum', 'Dear Sir, on behalf of the Doha Forum, I am pleased to invite a senior representative of your coalition to speak on a panel on 10 December. Kindly confirm participation by 15 October.', 'partnership_speaking', '2019-10-15'),
    ('Media partnership proposal', 'We are a regional media network and would like to propose a media partnership for your upcoming awareness campaign, including co-produced content.', 'partnership_speaking', None),
    ('Proposition de tribune', 'Bonjour, nous serions heureux de publier une tribune signée par votre secrétaire général dans notre rubrique Opinions. Le texte pourrait faire 6000 signes.', 'partnership_speaking', None),
    ('دعوة للمشاركة في ندوة', 'يسر جامعة الملك سعود دعوتكم للمشاركة بورقة عمل في الندوة العلمية حول الأمن الفكري التي تعقد في 20 أكتوبر. نأمل تأكيد المشاركة قبل 5 أكتوبر.', 'partnership_speaking', '2019-10-05'),
    ('Internship', "Hello, I'm a final-year student in international relations and would love to do an internship with your communications team. I've attached my CV.", 'general', None),
    ('Visit for my students', 'Hi, I teach at a secondary school in Jeddah and would like to bring my students to visit your centre. Is that possible?', 'general', None),
    ('Donation', 'How can I donate to support your work?', 'general', None),
    ('وظيفة', 'السلام عليكم، أرغب في التقدم لوظيفة مصمم جرافيك لديكم، مرفق سيرتي الذاتية.', 'general', None),
    ('Candidature spontanée', 'Madame, Monsieur, je vous adresse ma candidature pour un poste de traducteur. Vous trouverez mon CV en pièce jointe.', 'general', None),
    ('Wrong address?', 'Hi, I ordered a phone case from your online shop two weeks ago and it has not arrived. Order number 12345.', 'general', None),
    ('Boost your website traffic', 'Hi, we are an SEO agency. We can get your website on the first page of Google in 30 days. Reply for a free quote!', 'spam', None),
    ('Your mailbox is full', 'Your mailbox has exceeded its storage limit. Click here to verify your account or it will be suspended within 24 hours.', 'spam', None),
    ('عرض خاص', 'احصل على خصم 50% على خدمات التسويق الرقمي لمؤسستك. اطلب الآن عبر واتساب.', 'spam', None),
    ('Investment opportunity', 'Dear friend, I have a business proposal involving the transfer of 15 million USD. You will receive 30% as the beneficiary.', 'spam', None),
    ('Fwd: interview request', 'See below - could you help?\n\n---------- Forwarded message ---------\nFrom: Lisa Chen <lisa@cnn.example>\nDate: Mon, 16 Sep 2019\nSubject: interview request\n\nDear media office, CNN would like to interview your spokesperson about the attack. We need an answer by Thursday.\nLisa', 'interview_request', '2019-09-19'),
    ('Re: statement', 'Thanks. And could you also confirm the date of the next meeting?\n\nOn Mon, Sep 16, 2019 at 9:00 AM Media Office <media@office.example> wrote:\n> Dear Sam, please find our statement below.\n> The coalition condemns the attack.', 'information_request', None),
    ('quick q', 'is the SG attending the UNGA next week?', 'information_request', None),
    ('Demain', "Bonjour, pouvez-vous me confirmer d'ici demain matin si le général accepte l'entretien ?", 'interview_request', '2019-09-18'),
    ('Ce soir', "Nous enregistrons l'émission ce soir à 20h ; pourriez-vous nous envoyer une courte réaction audio avant 18h ?", 'interview_request', '2019-09-17'),
    ('عاجل: طلب تعليق', 'نرجو تزويدنا بتعليق التحالف على التقارير المتداولة قبل الساعة الثالثة عصر اليوم.', 'information_request', '2019-09-17'),
    ('طلب معلومات', 'نأمل تزويدنا بالمعلومات المطلوبة بحلول يوم الأحد القادم.', 'information_request', '2019-09-22'),
    ('deadline', "Hi, could you send me the number of member states? I'm filing by COB Thursday.", 'information_request', '2019-09-19'),
    ('before the weekend', 'Could you confirm the figures before the weekend? Thanks, Reuters', 'information_request', '2019-09-20'),
    ('timing', 'Could you get back to me at your earliest convenience with the budget figures?', 'information_request', None),
    ('Statement request', 'We publish tomorrow morning; could we have a statement from your office by 9am tomorrow?', 'information_request', '2019-09-18'),
    ('Question (Le Figaro)', 'Bonjour, pour le Figaro : combien de pays ont rejoint la coalition depuis 2017 ? Réponse souhaitée sous 48 heures.', 'information_request', '2019-09-19'),
    ('الموعد', 'صحيفة الرياض: نرغب في معرفة عدد المندوبين الدائمين، على أن يكون الرد خلال 48 ساعة.', 'information_request', '2019-09-19'),
    ('Invitation to speak at our summit', 'Dear Communications Team, we would be honoured to have the Secretary-General deliver a keynote address at the Global Security Summit in London on 12 November.', 'partnership_speaking', None),
    ('Guest on our evening show', "We'd like to invite your spokesperson to appear on our evening show tomorrow to discuss the attack. Please confirm by noon tomorrow.", 'interview_request', '2019-09-18'),
    ('Copy of the report', "Could you send me a copy of the annual report you mentioned in yesterday's press release?", 'media_assets', None),
    ('Add me to your press list', "Hello, I'm a correspondent for Gulf News. Please add me to your media invitation list for upcoming events and press conferences.", 'event_accreditation', None),
    ('Is it true?', 'Is it true that the coalition is relocating its headquarters? A source told me so.', 'information_request', None),
    ('Very disappointed', 'I attended your event yesterday and was treated very rudely by your staff at the entrance. This is unacceptable.', 'correction_complaint', None),
    ('Video of the speech', 'Bonjour, la télévision nationale souhaite obtenir la vidéo du discours du secrétaire général prononcé hier, en haute qualité.', 'media_assets', None),
    ('Partenariat média', "Madame, Monsieur, notre chaîne souhaite établir un partenariat média avec votre centre pour la couverture de vos activités en Afrique de l'Ouest.", 'partnership_speaking', None),
    ('Demande de rectification', "Dans votre communiqué d'hier, notre journal est cité à tort. Nous vous prions de corriger cette erreur.", 'correction_complaint', None),
    ('Couverture du forum', "Je souhaiterais couvrir le forum de la semaine prochaine pour RFI. Quelles sont les modalités d'accréditation ?", 'event_accreditation', None),
    ('Un renseignement', "Bonjour, je suis étudiant en master et je prépare un mémoire sur la coalition. Pourriez-vous m'indiquer des sources sur sa création ?", 'general', None),
    ('سؤال من مواطن', 'السلام عليكم، كيف يمكنني التطوع في التحالف؟ وشكراً', 'general', None),
    ('طلب حوار صحفي', 'يسر مجلة المجلة إجراء حوار صحفي مع معالي الأمين العام حول جهود التحالف، ونأمل إفادتنا بالموافقة خلال ثلاثة أيام.', 'interview_request', '2019-09-20'),
    ('طلب نسخة من الكلمة', 'نرجو تزويدنا بنص كلمة الأمين العام في حفل الافتتاح والصور المصاحبة لنشرها في الجريدة غداً.', 'media_assets', '2019-09-18'),
    ('تصحيح خبر', 'ورد في بيانكم الصحفي أمس أن الوفد من دولة الكويت، والصحيح أنه من دولة قطر. نرجو التصحيح.', 'correction_complaint', None),
    ('شراكة إعلامية', 'نقترح عليكم شراكة إعلامية مع شبكتنا لتغطية أنشطة التحالف خلال العام القادم.', 'partnership_speaking', None),
    ('Entrevista para El País', 'Buenos días, soy periodista de El País y me gustaría entrevistar al portavoz de la coalición. ¿Sería posible esta semana?', 'interview_request', None),
    ('Anfrage Fotos', 'Guten Tag, für einen Artikel in der FAZ benötigen wir Fotos des Hauptquartiers in hoher Auflösung.', 'media_assets', None),
    ('Richiesta di accredito', "Buongiorno, sono un giornalista della RAI e vorrei richiedere l'accredito per la conferenza stampa di giovedì.", 'event_accreditation', None),
    ('Pedido de informação', 'Bom dia, sou jornalista da Lusa. Poderiam informar quantos países fazem parte da coalizão?', 'information_request', None),
    ('Basın akreditasyonu', 'Merhaba, Anadolu Ajansı muhabiri olarak yarınki basın toplantısı için akreditasyon talep ediyorum.', 'event_accreditation', None),
    ('Permintaan wawancara', 'Selamat siang, kami dari Kompas TV ingin melakukan wawancara dengan juru bicara koalisi.', 'interview_request', None),
    ('Запрос на интервью', 'Здравствуйте! Я корреспондент RT Arabic. Хотели бы взять интервью у представителя коалиции.', 'interview_request', None),
    ('درخواست مصاحبه', 'سلام، از خبرگزاری ایرنا هستم و می\u200cخواهم با سخنگوی ائتلاف مصاحبه کنم.', 'interview_request', None),
    ('Hello', 'Hi, do you have any vacancies for graphic designers?', 'general', None),
    ('Survey', 'Dear respondent, please take 5 minutes to complete our survey on media relations. Click here to start. Unsubscribe.', 'spam', None),
    ('Your invoice #4471', 'Dear customer, please find attached your invoice for the services rendered. Payment is due within 7 days.', 'spam', None),
    ('Re: Your order', 'We are pleased to offer you our premium press release distribution service at a special price of $99.', 'spam', None),
    ('Live on air tonight?', 'Could your spokesperson join us live tonight at 9pm on Sky News Arabia to discuss the summit?', 'interview_request', '2019-09-17'),
    ('Statement?', 'Any statement on the reports of an attack in Mali this morning?', 'information_request', None),
    ("Sollicitation d'un entretien", "Monsieur le Directeur de la communication,\nEn ma qualité de rédacteur en chef du quotidien Le Soleil, je sollicite un entretien avec le Secrétaire général à l'occasion de sa visite à Dakar.\nVeuillez agréer mes salutations.", 'interview_request', None),
    ('Demande de précisions', "Bonjour,\nLe ministre a évoqué hier un nouvel accord. Pouvez-vous nous en préciser le contenu ?\nBien cordialement,\nService politique, L'Orient-Le Jour", 'information_request', None),
    ('Images HD', "Pour notre reportage, auriez-vous des images HD de l'exercice militaire conjoint ?", 'media_assets', None),
    ('Invitation à un colloque', "L'Université de Tunis organise un colloque international sur la radicalisation en ligne les 12 et 13 novembre. Nous souhaiterions vivement qu'un représentant de la coalition y présente une communication.", 'partnership_speaking', None),
    ('Plainte', 'Je suis scandalisé par la vidéo publiée sur votre compte Twitter. Elle montre des images de mon village sans autorisation. Je vous demande de la supprimer.', 'correction_complaint', None),
    ('Point presse de jeudi', "Bonjour, l'AFP souhaiterait assister au point presse de jeudi. Merci de m'indiquer l'heure et l'adresse.", 'event_accreditation', None),
    ('تغطية المؤتمر الصحفي', 'يرغب مراسل وكالة الأنباء السعودية في حضور المؤتمر الصحفي يوم الأحد القادم، نرجو إفادتنا بالترتيبات.', 'event_accreditation', None),
    ('مقترح تعاون', 'نتشرف بدعوتكم للتعاون مع مركزنا في إعداد برامج توعوية مشتركة للشباب.', 'partnership_speaking', None),
    ('استضافة في بودكاست', 'نقدم بودكاست أسبوعياً عن قضايا الأمن، ويسعدنا استضافة أحد خبراء التحالف في حلقة قادمة.', 'interview_request', None),
    ('بيانات عن الدول الأعضاء', 'أعمل باحثاً في مركز دراسات، وأحتاج إلى قائمة محدثة بالدول الأعضاء وتاريخ انضمام كل منها.', 'information_request', None),
    ('فيديو الكلمة', 'هل يمكن الحصول على تسجيل فيديو لكلمة الأمين العام في المنتدى؟', 'media_assets', None),
    ('خطأ في الاسم', 'ورد اسمي في الخبر المنشور على موقعكم بشكل خاطئ، أرجو تعديله.', 'correction_complaint', None),
    ('Request for background briefing', "Hi, I'm writing a long-read for The Economist and would appreciate a background briefing (not for attribution) on the coalition's strategy.", 'information_request', None),
    ('TV crew access', 'Our crew would like access to film the opening ceremony next Monday. What are the accreditation requirements?', 'event_accreditation', None),
    ('Logo usage', "We're producing an infographic and would like permission to use your logo. Can you send the vector file?", 'media_assets', None),
    ('Op-ed offer', 'Would your Secretary-General be interested in contributing an op-ed of 800 words for our opinion section?', 'partnership_speaking', None),
    ('Your tweet about our country', 'Your tweet of yesterday contains a map that is factually incorrect. We request that it be deleted and an apology issued.', 'correction_complaint', None),
    ('Hi', 'hello, i am a school student from pakistan, what does your organization do?', 'general', None),
    ('Your statement on the summit', 'Dear press office,\nYour statement of Monday contains two errors: the delegation was led by the deputy minister, and the agreement was signed in Muscat. I would ask you to correct both on your website.\nRegards,\nH. Rahimi', 'correction_complaint', None),
    ('Footage request - documentary', 'Hello, we are making a documentary for public television and would like to license broadcast-quality footage of the training centre. Could you share any B-roll you have?\nThanks, Lena', 'media_assets', None),
    ('طلب أرقام', 'نرجو تزويدنا بأرقام المشاركين في الدورة الأخيرة، وسنضيف تعليقكم إلى التقرير لاحقاً إن أمكن.', 'information_request', None),
    ('مداخلة هاتفية', 'نرغب في مداخلة هاتفية مع المتحدث الرسمي خلال نشرة المساء للحديث عن الاجتماع الأخير.', 'interview_request', None),
    ('Tribune', "Madame, Monsieur,\nJe vous propose une tribune sur la place des femmes dans les métiers de la sécurité, d'environ 5 000 signes, pour votre revue.\nCordialement,\nN. Haddad", 'partnership_speaking', None),
    ('Presseakkreditierung', 'Sehr geehrte Damen und Herren,\nich bitte um eine Presseakkreditierung für die Konferenz am Montag in Riad.\nMit freundlichen Grüßen', 'event_accreditation', None),
    # A person on leave who asks (set W's class, in words written here) writes a letter; the same
    # two phrases with nothing asked are an auto-reply.
    ('ورشة العمل', 'أود التسجيل لحضور ورشة العمل الإعلامية الشهر القادم، مع العلم أنني في إجازة حتى نهاية الأسبوع، فأرجو موافاتي بالتفاصيل وسأراجعها فور عودتي.', 'event_accreditation', None),
    ('رد: استفسار', 'أنا في إجازة حتى يوم الأحد، وسأرد على رسالتكم فور عودتي.', 'automated', None),
    ('Visit with my class', 'Hello, I teach geography at a secondary school. Can we book a guided tour for a class of 20 students next month? What are the opening hours?', 'general', None),
    # Set AF's classes, in words written here: a student in their own words; a club's papers sent
    # to the wrong address; mailbox phishing in French, German and Spanish with words between.
    ('question for my paper', "hey, im a freshman taking an intro to middle east politics class. is your coalition a treaty alliance or more like a forum? my paper is due on friday, thanks!!", 'general', None),
    ('Minutes and agenda', "Hi Mo,\nAttached are the minutes from last week and the draft agenda for the club committee meeting on Thursday. Can you add the tournament budget?\nCheers, Pete", 'general', None),
    ('Action requise', "Cher utilisateur,\nVotre boîte aux lettres sera définitivement désactivée sous 24 heures si vous ne vérifiez pas votre compte.\nVérifier maintenant", 'spam', None),
    ('Ihr Postfach', "Sehr geehrter Nutzer,\nIhr Postfach wird in Kürze deaktiviert. Bitte bestätigen Sie Ihre Daten über den folgenden Link.", 'spam', None),
    ('Aviso de seguridad', "Estimado usuario,\nsu buzón será temporalmente suspendido por exceso de almacenamiento. Haga clic aquí para validar.", 'spam', None),
    # Set AG's classes, in words written here: a name for an event's invitation list; a Turkish
    # student's homework.
    ('رد: دعوة', "شكراً جزيلاً. أرجو إضافة اسمي (سامي – محرر) واسم زميلتي منى إلى قائمة المدعوين للقاء يوم الأحد، ونرجو تأكيد تسجيلنا قبل ظهر السبت.", 'event_accreditation', '2019-09-21'),
    ('Ödev sorusu', "Merhaba, ben lise ikinci sınıf öğrencisiyim. Ödevim için koalisyonun kaç üyesi olduğunu öğrenebilir miyim?", 'general', None),
    # Set AE's classes in dialect and as what is still missing, in words written here.
    ('تصريح', "مرحبا، معكم سامر من راديو الشام. بدنا تصريح قصير من مكتبكم عن الاجتماع، إذا فيكن تبعتولنا ياه بكرا بيكون منيح.", 'information_request', '2019-09-18'),
    ('حلقة جديدة', "أهلين، حابين نستضيف حدا من عندكم بحلقة البودكاست الجاية عن الإعلام والتطرف. شو رأيكن؟", 'interview_request', None),
    ('Relance', "Bonjour, je me permets de relancer : il me manque encore les chiffres de 2018 pour mon article. Merci !", 'information_request', None),
    # Set AK's classes, in words written here: a correction to one's own published interview; an
    # interview asked in French beside a request for photos; an Egyptian "logo"; accreditation as
    # practical questions, in English and Iraqi Arabic.
    ("Titre de mon entretien", "Bonjour, vous avez republié l'entretien que j'ai accordé à votre directeur, merci. Mais le titre ne correspond pas à ce que j'ai dit : pourriez-vous corriger ce titre ?", 'correction_complaint', None),
    ("Interview et photos", "Bonjour, je suis journaliste à Radio Hainaut. J'aimerais beaucoup interviewer un porte-parole pour notre magazine de samedi. Auriez-vous aussi deux photos du siège ?", 'interview_request', None),
    ('اللوجو', "يا جماعة محتاجين اللوجو بتاعكم بجودة عالية علشان المطبوعات، ياريت حد يبعته.", 'media_assets', None),
    ('Press area?', "Will there be a press area at the ceremony next week? I'm a freelance photographer in Riyadh and would like to cover it. Do I need to register in advance?", 'event_accreditation', None),
    ('التغطية', "هلا بيكم، آني مراسل. شلون اكدر احضر واغطي الحفل ويه المصور؟ شنو الاوراق المطلوبة؟", 'event_accreditation', None),
    # A web agency's cold letter, without any mailer's header (set AG's class, in words written here).
    ('Your website', "Dear Sir/Madam,\nI was going through your website and noticed some broken links and slow pages. We are a team of 30+ designers and work at affordable rates. Kindly let me know if I should send our portfolio.\nRegards", 'spam', None),
    # A journalist who checked the site and found an error is not selling anything.
    ('Error on your site', "Hello, I'm a reporter at the Gulf Ledger. I checked your website and noticed that the figure for 2018 differs from your annual report. Which one is correct?", 'information_request', None),
    # A threat with a condition met through a link (sets I and L's classes, in words written here):
    # phishing, not accreditation, whatever "اعتماد" or "badge" it borrows.
    ('تنبيه: حسابكم معرض للإيقاف', "عزيزي صاحب الحساب،\nسيتم إيقاف حسابكم نهائياً خلال 24 ساعة ما لم تقوموا بتأكيد الهوية عبر الرابط التالي والحصول على شارة التوثيق.\nفريق الدعم", 'spam', None),
    ('تحديث بيانات الاعتماد الإعلامي', "الجهة الإعلامية الموقرة،\nسيتم تعليق ترخيص النشر الخاص بكم ما لم يتم تحديث بيانات المفوض عبر البوابة. يرجى الدخول بالبريد وكلمة المرور الخاصة بكم.\nإدارة الاعتماد الإعلامي", 'spam', None),
    # A number "instead of" another is a correction, not a price; a person asking again to be taken
    # off the office's list complains (set AR's classes, in words written here).
    ('Communiqué en français : 12 pays au lieu de 21', "Bonjour, la version française de votre communiqué d'hier donne 12 pays membres. Nous vous demandons de publier un rectificatif.\nJulie Ouédraogo, Le Pays", 'correction_complaint', None),
    ('Wrong figure in your release', "Your release says 300 trainees instead of 3,000. Several outlets have repeated it; please correct the online version.", 'correction_complaint', None),
    ('UNSUBSCRIBE - again', "I asked in August and again last month to be removed from your mailing list and I am still receiving your releases. Remove me from all your lists, please.", 'correction_complaint', None),
    # The office's service as the grievance, though the letter is about an interview or a link.
    ('Cancelled again', "Your team confirmed the interview for Monday and cancelled it again an hour before recording. I'd appreciate an explanation before we plan a third attempt.\nNina Holt, producer", 'correction_complaint', None),
    ('Accueil au téléphone', "Bonjour, j'ai appelé votre bureau ce matin et on m'a raccroché au nez après deux phrases en anglais. C'est vraiment regrettable pour une institution trilingue.\nAnne Rolland, journaliste", 'correction_complaint', None),
    ('روابط البيانات', "صباح الخير، رابط النسخة الكاملة في بيانكم الأخير لا يعمل، وهذه ثالث مرة يحدث ذلك هذا الشهر. نرجو معالجة الأمر.\nسارة الخطيب، وكالة أنباء", 'correction_complaint', None),
    # A newsroom's own schedule says who is writing, though they never say "journalist" (set AO).
    ('Chiffres 2026', "Bonjour, il nous faudrait les chiffres de 2026 avant notre bouclage de jeudi. Merci !\nPaul", 'information_request', '2019-09-19'),
    ('سؤال', "نحب نعرف عدد الدول المشاركة في التمرين، المقال يخرج الأسبوع الجاي. نستحقو الجواب قبل الخميس.\nكريم", 'information_request', '2019-09-19'),
    # Set AT's short letters (phrasings written here): a press pool asked about, a photographer to
    # register, a name written wrong in dialect, one's own passport (misdirected: general).
    ('pool?', "Will there be a press pool at the signing on Monday? How can I sign up?\nOmar", 'event_accreditation', None),
    ('تسجيل', "السلام عليكم، ابي اسجل زميلي المصور في المنتدى، وش المطلوب؟", 'event_accreditation', None),
    ('اسمي', "الله يعافيكم، اسم الجهة مكتوب غلط في الخبر المنشور على موقعكم، ياليت تعدلونه.", 'correction_complaint', None),
    ('جواز', "السلام عليكم، متى أقدر أستلم جوازي من القنصلية؟", 'general', None),
    # A remark or a thank-you that asks nothing, a feed to follow (set AR): general.
    ('Votre site', "Bonjour, simple remarque d'un lecteur : la version française du site semble traduite automatiquement et quelques phrases sont difficiles à comprendre. Bonne continuation.", 'general', None),
    ('Feed?', "Hi, is there an RSS feed for your releases that I could follow? Thanks, Peter", 'general', None),
    ('الموقع', "مرحباً، مجرد ملاحظة: الموقع بطيء جداً على الجوال والخط صغير في صفحة الأخبار. التصميم الجديد جميل. بالتوفيق.", 'general', None),    # Set AV's classes (phrasings written here): a show that wants the spokesman on it; a question
    # about an MoU already signed or the next "ندوة صحفية" (press conference) asks for facts; an
    # unpaid "invoice" threatening suspension is spam, and its "sauf erreur" no complaint.
    ('Your spokesman on our show', "Respected Sir, we wish to have your honourable spokesman on our show by video link any Friday in December.\nAsif, producer", 'interview_request', None),
    ('Visit', "Could you tell me whether any formal MoU was signed during the minister's visit, and in which areas?\nAnanya, correspondent", 'information_request', None),
    ('الندوة الصحفية', "السلام عليكم، أنا صحفي بموقع إخباري. متى الندوة الصحفية الجاية ديال المركز؟ وهل يمكن متابعتها عن بعد؟", 'information_request', None),
    # Set AZ's classes (phrasings written here): a caterer's confirmation meant for a bride is
    # someone else's business, its date no deadline; a letter headed "Complaint:" complains.
    ('Votre menu du samedi 28', "Bonjour Madame Idrissi,\n\nMerci de nous confirmer le nombre définitif d'invités et le choix du dessert avant le jeudi 26 septembre, pour votre mariage du samedi 28.\n\nTraiteur Al Baraka", 'general', None),
    ('Complaint: fee charged in your name', "Hello, someone claiming to be your accreditation agent asked me to pay 200 dollars for a press badge for next month's forum. Is this agent linked to you? Please answer within 48 hours.\nKarim, reporter", 'correction_complaint', '2019-09-19'),
    # Set AW's classes (phrasings written here): a German newsroom's questions; a pupil's
    # "Referat" due Monday (her date, not ours); Egyptian "عايز أحضر المؤتمر … وأصوره"; Levantine
    # "ما خلاني أدخل" with an apology asked for; a talk asked for in Russian.
    ('Anfrage', "Sehr geehrte Damen und Herren,\n\nfür einen Bericht in unserer Zeitung hätte ich einige Fragen: Wie viele Staaten sind Mitglied? Wer finanziert das Zentrum?\n\nMit freundlichen Grüßen\nJan Keller, Redaktion Politik", 'information_request', None),
    ('Frage', "Hallo! Ich bin Mia, 15, und schreibe ein Referat über die Koalition. Wie viele Länder sind dabei? Ich muss das Referat bis Montag abgeben. Danke!", 'general', None),
    ('المؤتمر بكرة', "السلام عليكم، أنا مصور في قناة. عايز أحضر المؤتمر بكرة وأصوره، هل لازم تصريح مسبق ولا البطاقة الصحفية كفاية؟", 'event_accreditation', None),
    ('مبارح', "مرحبا، أنا مراسل موقع إخباري. مبارح كنت مسجّل ومعي تأكيد، ومع هيك ما خلاني الأمن أدخل، وهاد الشي مزعج كتير. بدي اعتذار رسمي.", 'correction_complaint', None),
    ('Приглашение', "Уважаемые коллеги! Приглашаем представителя Центра выступить с докладом на нашей конференции в марте. Расходы берём на себя.", 'partnership_speaking', None),
    # Gulf "ابي تصريح" asks for a statement (set BC).
    ('تصريح', "هلا والله، ابي تصريح مختصر من المركز عن التمرين اللي صار الاسبوع اللي فات.\nخالد، صحيفة الخليج", 'information_request', None),
    # A joint workshop mentioned in a question is no partnership proposed (set AO).
    ('ورشة العمل', "السلام عليكم، أشرتم في بيانكم الأخير إلى ورشة عمل مشتركة. هل يمكن تزويدي بعدد الدول المشاركة فيها ومكان انعقادها؟\nفاطمة", 'information_request', None),
    # Set BC's classes (phrasings written here): a name written wrong under a photo is a
    # correction, however gently asked; a recording of "اللقاء" agreed and "حلقة تانية" are interviews.
    ('اسمي تحت الصورة', "مساء الخير، في الخبر اللي نشرتوه يوم الأحد اسمي مكتوب غلط تحت الصورة، والصح سارة فتحي. ياريت تصلحوه لما تقدروا.\nسارة، مصورة", 'correction_complaint', None),
    ('حلقة', "مساء الخير يا فندم، بنفكر نعمل حلقة تانية مع الدكتور عن دور الأسرة، وأي يوم في ديسمبر يناسبنا.\nكريم، معد برنامج", 'interview_request', None),
    # Sets BE, BF and BG's classes (phrasings written here): a spokesperson's reaction or "a line"
    # asked for; a speech's text and a live feed; a live spot on a morning show, a
    # Moroccan "حوار هاتفي", an "on-record conversation"; taken off the list as "this address";
    # turned away at a hall's door; facilities found unacceptable in Levantine.
    ('Sujet ce soir', "Bonjour,\n\nNous diffusons ce soir un sujet sur la coopération au Sahel. Pouvez-vous nous faire parvenir une réaction du porte-parole ?\n\nThomas", 'information_request', '2019-09-17'),
    ('Quick line', "Hi, could we get a quick line from your spokesperson on the new centre? Two sentences is plenty.\nTom", 'information_request', None),
    ('Texte du discours', "Bonjour, pourrais-je recevoir le texte intégral du discours du Secrétaire général ?\nMerci, Julie", 'media_assets', None),
    ('Opening ceremony', "Hello, we would like to take the live feed of the opening ceremony. Who is the technical contact?\nNewsdesk", 'media_assets', None),
    ('Matinale', "Bonjour, seriez-vous disponible pour une intervention en direct dans la matinale, par téléphone, pendant cinq minutes ?\nÉlodie", 'interview_request', None),
    ('طلب', "السلام عليكم، بغينا نديرو حوار هاتفي مع الناطق الرسمي فالبرنامج ديالنا على التعاون مع دول الساحل.\nيوسف", 'interview_request', None),
    ('After the session', "Would your spokesperson have time for a brief on-record conversation after the session?\nHannah, correspondent", 'interview_request', None),
    ('Re: Invitation: media accreditation now open', "Please remove this address from your distribution list, I left the agency last year.\nPeter\n\n> Accreditation for the summit is now open.", 'correction_complaint', None),
    ('Hall B', "Dear team, this morning I was not allowed to enter Hall B although I showed my accreditation badge, and I missed the keynote. Could you tell me why?\nPriya", 'correction_complaint', None),
    ('المركز الإعلامي', "مرحبا، الإنترنت بالمركز الإعلامي مقطوع من الصبح، والوضع ما بينقبل بحدث بهالحجم.\nجورج", 'correction_complaint', None),
    # Set BG: a day's programme and its speakers are facts asked for.
    ('جدول الجلسات', "هلا، ممكن جدول جلسات اليوم الثاني مع أسماء المتحدثين؟\nسلطان", 'information_request', None),
    ('Facture FA-2026-118 échue - relance', "Bonjour,\n\nSauf erreur de notre part, la facture n° FA-2026-118 d'un montant de 912,40 EUR, échue le 15/09/2019, reste impayée. Merci de procéder au règlement sous 48 heures afin d'éviter la suspension de vos services.\n\nService Facturation", 'spam', None),
]


def decide(subject: str, body: str, settings=SETTINGS):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Sender <sender@mail.example>", "media@office.example", subject
    msg["Date"] = format_datetime(SENT)
    msg.set_content(body)
    return triage(parse_message(msg.as_bytes()), settings=settings)


@pytest.mark.parametrize("subject, body, category, deadline", CASES, ids=[c[0][:40] for c in CASES])
def test_varied_inquiries(subject, body, category, deadline):
    d = decide(subject, body)
    assert d.category == category, d.explanation
    assert (d.deadline.date().isoformat() if d.deadline else None) == deadline, d.explanation


@pytest.mark.parametrize("subject, body, category", [
    # Set BG: where a figure comes from is a fact asked for, however much of the summit's keynote the
    # letter names; a stand offered on an event's sidelines is a partnership.
    ('Keynote figure', "Dear team, the keynote at last week's summit said that extremist accounts fell by 63%. Could you "
     "share the source or methodology behind that figure?\nDr Marsh, lecturer", 'information_request'),
    ('جناح على هامش القمة', "سعادة المدير، يسر جمعيتنا أن تقترح إقامة جناح توعوي على هامش القمة يعرض رسومات طلاب المدارس "
     "عن الأمن الرقمي، وتتحمل الجمعية تكاليفه.\nرئيس مجلس الإدارة", 'partnership_speaking'),
    # Set BE: written answers from the spokesperson are a written interview; photos asked for after
    # a thank-you; a crew put on the press list is accreditation.
    ('ملف العدد', "نعد ملفاً خاصاً عن التحالف، ونحتاج إجابات مكتوبة من المتحدث الرسمي عن خمسة أسئلة نرسلها غداً.\nهيئة التحرير", 'interview_request'),
    ('شكر وتقدير', "نشكركم على حسن التنظيم أمس، ونتمنى تزويدنا بالصور الرسمية للجلسة الختامية عند توفرها.\nمكتب جدة", 'media_assets'),
    ('Liste presse', "Bonjour, notre radio couvrira l'atelier régional de Niamey. Merci d'inscrire notre équipe (deux journalistes) sur la liste de presse.\nMariam", 'event_accreditation'),
])
def test_the_rules_alone_read_set_bg_and_be_classes(subject, body, category):
    d = decide(subject, body, settings=load_settings(_env_file=None, base_model_weight=0))
    assert d.category == category, d.explanation


@pytest.mark.parametrize("subject, body, category", [
    # Sets BO, BP and BR (words written here): a master's student in her own words, a hotel's guest or
    # a venue about a booking, an exhibitor of someone else's fair are not the press; "المؤتمر الصحفي"
    # names an event, not a journalist; phishing behind the office's "organisation email"; an
    # advance-fee deal that moves a sum in the office's name for a share.
    ('Questionnaire', "Bonjour, étudiante en master 2, je rédige un mémoire sur la communication des organisations. "
     "Combien de personnes travaillent dans votre service ? Merci de me répondre avant le 1er octobre.\nSalma", 'general'),
    ('Réservation', "Bonjour, je reviens vers vous au sujet de notre réservation de deux chambres du 20 au 23 septembre. "
     "Pourriez-vous me confirmer que le transfert est inclus ? Merci de répondre avant vendredi.\nF. Gauthier", 'general'),
    ('تأكيد حجز قاعة', "يسعدنا تأكيد حجزكم لقاعة الياسمين لإقامة المؤتمر الصحفي، ونرجو تزويدنا بالعدد النهائي للحضور قبل "
     "يوم الخميس.\nمنسقة الفعاليات", 'general'),
    ('Booth 14B - exhibitor pack', "We're confirmed as exhibitors at the fair and still haven't received the badge forms. Our freight "
     "forwarder needs the loading dock schedule by Friday. Can you resend?\nBrandon", 'general'),
    ('Interview questions', "I'm a correspondent writing a feature. To open the questions, sign in with your organisation "
     "email and password. The deadline for responses is tomorrow at 10am.\nMark", 'spam'),
    ('شراكة سرية', "توفي موكلي وترك مالاً دون وريث. أرغب في التعاون معكم لتحويل المبلغ باسم مؤسستكم، على أن تكون حصتكم 40% من الوديعة. أرجو الرد خلال "
     "خمسة أيام.\nالمحامي", 'spam'),
    # A printer's invoice for an order delivered; a Turkish citizen's visa question (set BP).
    ('فاتورة طباعة الكتيبات', "نفيدكم بأنه تم تسليم 3000 نسخة من الكتيب حسب أمر الشراء رقم 0871، ونرجو إفادتنا باسم "
     "الموظف المختص لإرسال الفاتورة الضريبية إليه.\nقسم المحاسبة", 'general'),
    ('Umre vizesi', "Merhaba, annem için umre vizesi başvurusu yapacağız. Vize için fotoğrafların arka fonu beyaz mı "
     "olmalı? Acil cevap verirseniz sevinirim.", 'general'),
    # Set BN's follow-ups in other languages: a newspaper's "one more small question" is a journalist's.
    ('Ynt: Eğitim merkezi', "Cevabınız için teşekkür ederim. Küçük bir sorum daha var: merkezin resmi adı için bir ifade "
     "var mı?\nBurçin Öztürk\nKıyı Gazetesi, Ankara", 'information_request'),
    ('RES: Pedido', "Obrigado pelo retorno. A minha pergunta é se existe algum canal de cooperação com países não "
     "membros.\nRafael\nEditoria Internacional - Gazeta Global", 'information_request'),
    ('R: Richiesta', "Vi scrivo di nuovo: ci servirebbe la dichiarazione entro domani alle 13.\nGiulia\nEsteri - "
     "Corriere Mediterraneo", 'information_request'),
    # Set BV: a mailbox "to be suspended within 24 hours" in Arabic ("تعليق" is also "comment").
    ('تنبيه أمني', "رصد نظامنا محاولات دخول إلى حسابكم وتجاوزت سعة صندوق الوارد الحد المسموح. لتجنب تعليق البريد "
     "يجب التحقق من الحساب خلال 24 ساعة عبر الرابط التالي.\nإدارة تقنية المعلومات", 'spam'),
    # Sets BN-BV's public (words written here): an errand at the office, a family outing to the
    # exhibition, a bet to settle, someone asking whom to report a channel to.
    ('سؤال', "السلام عليكم، هل تستقبلون المراجعين يوم السبت؟ عندي معاملة لوالدي ودي أسلمها بنفسي.\nوجزاكم الله خير", 'general'),
    ('المعرض', "مرحبا، ودي أزور المعرض مع عيالي الأسبوع الجاي، هل الدخول مجاني؟ ومتى يفتح؟", 'general'),
    ('Quick one', "Hi there - my flatmate and I have a bet going: how many member countries does the coalition have? "
     "Settle it for us!\nJoe", 'general'),
    ('Extremist channel', "Who do I report this to? A Telegram group my cousin follows shares recruitment videos. Should I "
     "go to the police instead?\nMargaret", 'general'),
    # Sets BE-BW (words written here): the coalition's "position" asked for is not a job; a comment
    # asked for in Turkish; a pupil's test, a school's own paper, a Spanish student's internship and
    # a neighbour of the venue are the public.
    ('position ?', "bjr, c koi la position officielle de la coalition sur l'accord d'hier ? je dois boucler mon papier "
     "à 18h. merci\nNadia", 'information_request'),
    ('Yorum', "Merhaba, bugünkü toplantı hakkında kısa bir yorum alabilir miyiz? Teşekkürler.\nCan Yılmaz", 'information_request'),
    ('سؤال', "انا في ثاني متوسط وعندي اختبار بكرة، متى تأسس التحالف وكم عدد الدول فيه؟", 'general'),
    ('Our school newspaper', "Hi! I'm writing for our school newspaper about the summit. How many countries take part "
     "and what is the summit for?\nLily, 9th grade", 'general'),
    ('Consulta', "Hola, estudio tercer curso en Granada. ¿Tienen becas o prácticas en su oficina? ¿Qué requisitos "
     "piden? Gracias por la información.\nPablo", 'general'),
    ('سؤال عن الطرق', "انا ساكن جنب مركز المؤتمرات، هل صحيح إن الطرق بتتقفل أيام القمة؟ وهل في تحويلات؟", 'general'),
    # Set BZ (words written here): a radio phone-in, a story that runs tomorrow, an out-of-office
    # reply that answers a statement of ours.
    ('Phone-in tomorrow', "We're live tomorrow from 8 to 10am. Could your spokesperson call in for five minutes around "
     "8:40? Need a yes by 6pm today.\nFaisal, The Morning Drive", 'interview_request'),
    ('Figures needed', "I need last year's training figures today please - our story runs tomorrow morning.\nReem", 'information_request'),
    ('Out of office until 5 January Re: year-end statement', "Thanks for your message. I will be back at my desk on 5 "
     "January and have only occasional access to email. For anything time-sensitive please contact the foreign desk."
     "\nTom", 'automated'),
    # Sets CA and CB (words written here): a certificate of attendance, a sender who knows the press
    # office is not the place, a freight agent's customs papers are not the press; a UN "panel of
    # experts" is no speaking slot; a short Gulf interview; a Levantine "correct it".
    ('طلب شهادة حضور ورشة الإعلام الرقمي', "حضرت ورشة الإعلام الرقمي الشهر الماضي ولم تصلني شهادة الحضور، أحتاجها قبل نهاية "
     "الشهر لملف الترقية.", 'general'),
    ('Attestation', "Bonjour, j'ai suivi votre atelier en mai et j'aurais besoin d'une attestation de participation pour "
     "mon dossier avant le 5 janvier. J'ai encore mon badge.", 'general'),
    ('Frage', "Mir ist klar, dass Sie nicht zuständig sind, aber an wen muss ich mich wenden, um meine Gebühr "
     "zurückzubekommen? Könnten Sie mir helfen?", 'general'),
    ('Envío pendiente', "Nuestro envío está en la aduana y el agente de aduanas pide una carta firmada. ¿Podrían "
     "indicarnos el contacto de logística?", 'general'),
    ('Comment request', "I'm a correspondent with Meridian Wire. A UN panel of experts report mentions your training "
     "programmes; the panel report is due out this week. Could the coalition comment?", 'information_request'),
    ('لقاء', "بنكون في الرياض الأسبوع الجاي وودنا نسوي لقاء قصير مع أحد المسؤولين عن دور الرياضة. خبرونا مين المناسب.",
     'interview_request'),
    ('ملاحظة على الترجمة', "النسخة الإنجليزية من مقالي فيها جملة مش موجودة بالأصل، بتمنى تراجعوا الترجمة وتصححوها.",
     'correction_complaint'),
    # Set CE (words written here): a webinar platform's registration confirmation is a machine's (a
    # calendar invitation is a person's: ../shared/corpus expects one as normal mail).
    ('Online Radicalisation Briefing Confirmation', "Hi Media Office,\n\nThank you for registering for \"Online "
     "Radicalisation Briefing\".\nDate & Time: May 5, 2025 03:00 PM London\nWebinar ID: 842 1337 0921\nAdd to Calendar"
     "\nYou can cancel your registration at any time.", 'automated'),
    # Set CD (words written here): a media "partnership" sold with its price and tax, or as a package in quotes.
    ('Facture n° 2025-77 – partenariat média', "Sauf erreur de notre part, la facture du partenariat média convenu pour "
     "votre forum (bannière, article dédié, interview vidéo), d'un montant de 2 400 € TTC, reste impayée. Merci de la "
     "régler au plus tard le 30 novembre ; vous trouverez ci-joint nos coordonnées bancaires.\nService comptabilité", 'spam'),
    ('Alianza mediática para su foro', "Queremos ser media partner de su foro. El paquete «Socio Plata» incluye una "
     "entrevista en vídeo con su portavoz y tres artículos. La inversión es de 2.500 € + IVA. Les rogamos respuesta "
     "antes del 6 de marzo.\nDirector comercial", 'spam'),
    # More of set CD: a Turkish reporter offering her press card details asks for accreditation; a paid
    # Turkish "award" charges its fee before the amount; a German reader taken off the list complains.
    ('Basın akreditasyonu talebi', "Merhaba, sempozyumu takip etmek istiyoruz. Muhabirimiz için basın akreditasyonu "
     "talep ediyorum; basın kartı bilgilerini hemen iletebilirim.\nElif", 'event_accreditation'),
    ('Ödül adaylığı', "Kurumunuz yılın kuruluşu kategorisinde aday gösterildi. Adaylığın kesinleşmesi için 900 USD "
     "tutarındaki katılım bedelinin ödenmesi gerekmektedir.", 'spam'),
    ('Zusendung trotz Abmeldung', "Ich habe mich bereits zweimal von Ihrem Presseverteiler abgemeldet und erhalte "
     "weiterhin Ihre Mitteilungen. Bitte entfernen Sie meine Adresse endgültig.\nU. Hamann", 'correction_complaint'),
    # Set BY and CD (words written here): an Indonesian student, an Urdu pupil, an Egyptian asking whom to report to.
    ('Magang', "Nama saya Fikri, mahasiswa tingkat akhir. Apakah ada program magang? Untuk skripsi saya butuh data jumlah negara "
     "anggota.", 'general'),
    ('چند سوالات', "میں دسویں جماعت کا طالب علم ہوں اور اسکول پروجیکٹ کے لیے چند سوالات ہیں: یہ اتحاد کب بنا؟ کتنے ملک شامل ہیں؟",
     'general'),
    ('صفحات', "لقيت صفحة على فيسبوك بتنشر فيديوهات تحريضية، هل ينفع أبلغكم بيها؟ ولا المفروض أبلغ مين؟", 'general'),
    # Set CE (words written here): a Levantine reader asks whether a job offer in our name is real
    # ("صحيح؟ ولا نصب؟"), quoting the scam's fee and "before the end of the week".
    ('رسالة باسمكن', "وصلتني رسالة عالواتساب بتقول إنو في وظايف باسمكن وبدّن صورة جواز السفر و150 دولار رسوم ملف قبل "
     "آخر الأسبوع. هيدا الشي صحيح؟ ولا نصب؟ ما بدي ادفع شي قبل ما اتأكد منكن. بعتلكن صورة الرسالة بالمرفق.", 'general'),
    # Set CI (words written here): an Urdu pupil writing an essay ("نویں جماعت میں", "مضمون لکھنا").
    ('سوال', "میں نویں جماعت میں پڑھتا ہوں۔ ہمیں ۱۴ اگست کے لیے مضمون لکھنا ہے۔ کیا آپ بتا سکتے ہیں کہ یہ اتحاد کب بنا اور "
     "اس میں کتنے ملک ہیں؟", 'general'),
    # Set CI (words written here): Pashto, Tajik, Persian and Urdu requests.
    ('د مرکې غوښتنه', "زموږ تلویزیون غواړي چې ستاسو له ویاند سره مرکه وکړي.", 'interview_request'),
    ('Дархости мусоҳиба', "Мо мехоҳем бо сухангӯи шумо мусоҳиба гузаронем.", 'interview_request'),
    ('د رسنیز کارت غوښتنه', "زه د کنفرانس لپاره رسنیز کارت غواړم.", 'event_accreditation'),
    ('درخواست', "لطفاً برای نشست آینده کارت خبرنگاری صادر کنید.", 'event_accreditation'),
    ('فوری', "آج رات کے شو کے لیے ہمیں سرکاری تصدیق درکار ہے۔", 'information_request'),
    ('پیشنهاد همکاری', "ما پیشنهاد همکاری رسانه‌ای با مرکز شما داریم.", 'partnership_speaking'),
    # Set CM (words written here): a job applicant available for an interview, a Spanish translator
    # asking for vacancies, a book given to the library; an Indonesian asking to be taken off the lists;
    # a speaker invited in Indonesian and Hausa; an Egyptian YouTuber's talk with a spokesperson.
    ('Application - Communications Officer', "Dear Hiring Team, please find my CV attached for the Communications Officer "
     "vacancy. I am available for an interview at your convenience.\nSara", 'general'),
    ('Consulta', "Hola, soy traductor freelance. Quería saber si el Centro contrata traductores. Si hay alguna convocatoria "
     "abierta, ¿dónde puedo enviar mi currículum?", 'general'),
    ('كتابي', "السلام عليكم، ألفت كتاباً عن الشباب والتطرف وأريد أن أهدي نسخة من الكتاب لمكتبتكم. ما هي أوقات الدوام؟", 'general'),
    ('Mohon hapus', "Saya bukan wartawan. Mohon hapus nomor saya dari grup siaran pers Anda.", 'correction_complaint'),
    ('Undangan', "Kami bermaksud mengundang salah satu pakar Anda sebagai narasumber dalam diskusi daring kami.", 'partnership_speaking'),
    ('Gayyata', "Muna gayyatar cibiyarku ta turo wakili da zai gabatar da jawabi a taronmu.", 'partnership_speaking'),
    ('طلب لقاء فيديو', "نفسي أعمل حلقة فيديو مع حد من المتحدثين الرسميين عندكم عن التجنيد أونلاين.", 'interview_request'),
    # Set CL (words written here): figures asked to be sent ("موافاتنا بالمعطيات"), a long interview
    # with the secretary-general, B-roll in Arabic letters; a workshop or a programme named in the question.
    ('طلب معطيات', "صدرت تصريحات حول برنامج تدريبي جديد. نرجو موافاتنا بالمعطيات التالية: عدد الدول ومدة البرنامج.\nصحفي", 'information_request'),
    ('توصيات', "عقد التحالف ورشة عمل الأسبوع الماضي. نرجو تزويدنا بالتوصيات الختامية وأسماء الدول المشاركة.", 'information_request'),
    ('حوار', "تعتزم مجلتنا نشر حوار مطوّل مع معالي الأمين العام في عدد ديسمبر.", 'interview_request'),
    ('لقطات', "نحتاج لقطات بي رول لأنشطة التحالف لتقريرنا السنوي.", 'media_assets'),
    # Set CJ (words written here): spam dressed as an inquiry that carries a date — an "honorarium"
    # paid into the office's IBAN, a documentary slot the office "contributes" to, a special report
    # priced as an "investment", a fake fact-check behind a sign-in, a listing's final notice, a
    # German shared-document login, an Arabic directory's renewal invoice; and the genuine look-alikes:
    # a keynote whose speakers "pay no fee", a photo-pool place, a French invitation to present.
    ('Questions pour un article', "Journaliste indépendant, je souhaite recueillir le point de vue de votre porte-parole. "
     "Notre revue rémunère ses intervenants : merci de m'envoyer le nom du bénéficiaire, l'IBAN et le code SWIFT, "
     "ainsi qu'une copie de sa pièce d'identité, avant le 15 décembre.", 'spam'),
    ('Documentary series', "We would like to feature your organisation in our documentary series, with an on-camera "
     "interview with your Secretary-General. Participating organisations contribute USD 12,500 towards the shoot. "
     "Slots must be confirmed by 10 December.", 'spam'),
    ('Special report', "Our year-end edition reaches every embassy in Brussels. We invite a few organisations to present "
     "their achievements in a special report. Investment: EUR 2,900 if booked by 4 December.", 'spam'),
    ('Fact-check request - response needed', "Our fact-checking team is reviewing a statement attributed to your "
     "organisation. Review the claim and respond: you will be asked to sign in with your Microsoft 365 account. If we "
     "do not hear from you within 24 hours the claim will be published as unverified.", 'spam'),
    ('FINAL NOTICE', "Outstanding balance: USD 640.00. Your listing will be suspended and passed to our collection "
     "agency unless payment is received within 7 days. Pay now: https://listing.example/pay", 'spam'),
    ('Dokument freigegeben', "Guten Tag, Jan Roth (Redaktion) hat ein Dokument für Sie freigegeben: Interview.pdf. Bitte "
     "melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Der Link läuft in 48 Stunden ab.", 'spam'),
    ('فاتورة تجديد الإدراج', "نرفق لكم فاتورة تجديد إدراج بيانات مكتبكم الإعلامي في الدليل لعام 2027. المبلغ المستحق: "
     "3,900 درهم. يرجى السداد قبل 7 ديسمبر لتجنب حذف بياناتكم.", 'spam'),
    ('Invitation: keynote address', "On behalf of the organising committee I invite your Secretary-General to deliver "
     "a keynote at our conference in February. Early-bird registration for delegates closes on 15 December; invited "
     "speakers pay no fee. We would be grateful for your confirmation by 4 December.", 'partnership_speaking'),
    ('Photo pool', "I'm a freelance photojournalist and would like to apply for a place in the photo pool at the "
     "ceremony on 15 December. I'd need to know by 10 December, for my e-visa.", 'event_accreditation'),
    ('Invitation - conférence publique', "Notre comité souhaiterait inviter un représentant de la Coalition à présenter "
     "ses programmes de communication, le 18 mars (45 minutes d'exposé, 15 minutes d'échanges).", 'partnership_speaking'),
    # Set CP (words written here): a product priced with no fee word, a page on Wikipedia made to
    # order, a Spanish ranking whose handling fee is to be paid.
    ('Numéro spécial', "Notre magazine prépare un numéro spécial sur la sécurité régionale. Nous vous proposons un "
     "publireportage de deux pages (entretien, photos) pour 2 800 €. Le bouclage est fixé au 12 décembre.", 'spam'),
    ('Named among the Top 30 press offices', "Your office has been named among the Top 30 press offices of the year "
     "and will be honoured at our gala. Please confirm by 8 December.\nThe honouree package (trophy, two gala seats "
     "and a digital winner's badge) is USD 990.", 'spam'),
    ('Cover story', "We would like to feature your Secretary-General on our March cover with an interview and a photo "
     "shoot. The investment for the cover feature is EUR 3,900. Our editorial deadline is 14 December.", 'spam'),
    ('Your Wikipedia presence', "Our editors create and maintain Wikipedia pages that get approved and stay live. "
     "This month only, 30% off. Would you be open to a short call?", 'spam'),
    ('Enhorabuena', "Su oficina ha sido seleccionada entre las mejores del año. Les rogamos que abonen los gastos de "
     "gestión de 750 € antes del 5 de diciembre.", 'spam'),
])
def test_the_rules_alone_read_set_bo_bp_and_br_classes(subject, body, category):
    d = decide(subject, body, settings=load_settings(_env_file=None, base_model_weight=0))
    assert d.category == category, d.explanation
    if category in ("general", "spam"):
        assert d.deadline is None


def test_a_follow_up_above_the_senders_own_quoted_request_continues_it():
    """Set BN: a reply whose new words only move the deadline ("the editor brought it forward: we
    need the answers today") is the request it quotes, when the quoted letter is the sender's own."""
    body = ("صباح الخير،\nرئيس التحرير قدّم موعد نشر الملف، لذلك نحتاج الرد اليوم قبل الساعة 4 عصراً إن أمكن.\n\n"
            "-----Original Message-----\nFrom: Sender <sender@mail.example>\nSent: Sunday, September 15, 2019 1:05 PM\n"
            "To: media@office.example\nSubject: استفسارات\n\nتحية طيبة،\nنعد ملفاً عن المركز التدريبي، ونرجو الإجابة عن "
            "الأسئلة التالية قبل يوم الخميس:\n1- ما موعد بدء العمل في المركز؟\n2- ما طبيعة البرامج التي سيقدمها؟\n")
    d = decide("RE: استفسارات", body, settings=load_settings(_env_file=None, base_model_weight=0))
    assert d.category == "information_request", d.explanation
    assert d.deadline is not None and d.deadline.date().isoformat() == "2019-09-17"


@pytest.mark.parametrize("subject, body, category", [
    # "رد آلي" normalises as "الرد إلى" and "الرد اليوم" do: a person asking for a reply is no auto-reply.
    ('طلب تصريح', "نرجو إرسال الرد إلى بريدي الإلكتروني قبل الخميس، نحتاج تصريحاً حول الاجتماع.", 'information_request'),
    ('طلب تصريح', "نحتاج تصريحاً حول الاجتماع، ونرجو الرد اليوم.", 'information_request'),
    ('طلب اعتماد', "هذه رسالة إلى المكتب الإعلامي: نرغب في حضور المؤتمر الصحفي وتغطيته.", 'event_accreditation'),
    # ... while an auto-reply still says so.
    ('خارج المكتب', "هذا رد آلي. أنا في إجازة حتى يوم الأحد.", 'automated'),
])
def test_a_reply_asked_for_in_arabic_is_not_an_auto_reply(subject, body, category):
    d = decide(subject, body, settings=load_settings(_env_file=None, base_model_weight=0))
    assert d.category == category, d.explanation


def test_a_long_letters_deadline_before_its_signature_and_disclaimer_is_read():
    """Set BW: the grammar reads the head and tail of the sender's words; a solicitor's letter ends
    with its signature and disclaimer, which push the deadline out of the tail."""
    paragraph = ("The fourth paragraph of your press release describes our client in terms that are false and "
                 "have already been repeated by other publications, causing him serious reputational harm. ")
    body = ("Dear Sirs,\n\n" + paragraph * 6 + "\n\nWe look forward to receiving your confirmation that the "
            "release will be corrected by close of business on Thursday, 19 September 2019. Our client reserves "
            "all of his rights.\n\nYours faithfully,\n\nRachel Goldberg\nPartner\nHartley Finch LLP\n71 Chancery "
            "Lane, London\nT +44 20 7946 1182\n\nHartley Finch LLP is a limited liability partnership registered in "
            "England and Wales and is regulated by the Solicitors Regulation Authority. This email is confidential "
            "and may be subject to legal professional privilege. If you have received it in error, please notify "
            "us immediately. We will never change our bank details by email.")
    d = decide("Request for correction of your press release", body, settings=load_settings(_env_file=None, base_model_weight=0))
    assert d.deadline is not None and d.deadline.date().isoformat() == "2019-09-19", d.explanation


def test_a_swahili_letter_is_read_as_swahili_with_its_deadline():
    # Set CU (words written here): Swahili was not among the recognised languages, so East African
    # letters were read as Malay and their "ifikapo Ijumaa" (by Friday) was lost.
    d = decide("Maswali kuhusu ushirikiano", "Ndugu Afisa Habari,\nMimi ni mwandishi wa habari wa gazeti la Pwani. "
               "Naomba majibu ya maswali yafuatayo kuhusu mafunzo ya vyombo vya habari. Ningeshukuru kupata majibu "
               "ifikapo Ijumaa, tarehe 20 Septemba.\nWako,\nJuma")
    assert d.language == "sw", d.explanation
    assert d.deadline is not None and d.deadline.date().isoformat() == "2019-09-20", d.explanation

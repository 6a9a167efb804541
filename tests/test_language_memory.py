"""Language detection fits a worker's memory budget (300 MB RSS per process) and stays accurate.

Measured in a fresh interpreter, as a worker process starts: RSS counts every model loaded, and
an earlier test in this session could have loaded more.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Detection after warm-up loads the Arabic full models and one rival's, the worst a short
# message can add; 250 MB leaves the rest of the worker (imports, Celery, a message) its share.
BUDGET_MB = 250

TEXTS = {
    "Who is the spokesperson?": "en",
    "Merci !": "fr",
    "من هو المتحدث الرسمي؟": "ar",
    "¿Quién es el portavoz de la coalición?": "es",
    "Wer ist der Sprecher?": "de",
    ("We are preparing a report on the coalition's new counter-terrorism centre and would like to "
     "interview your spokesperson before Thursday evening, by phone or in person."): "en",
    ("Nous préparons un reportage sur le nouveau centre de la coalition et souhaiterions interviewer "
     "votre porte-parole avant jeudi soir, par téléphone ou dans vos locaux."): "fr",
    ("نعد تقريرا عن المركز الجديد للتحالف ونود إجراء مقابلة مع المتحدث الرسمي قبل مساء الخميس، "
     "عبر الهاتف أو في مقر المركز إن أمكن ذلك، مع الشكر الجزيل لتعاونكم."): "ar",
    ("Estamos preparando un reportaje sobre el nuevo centro de la coalición y nos gustaría entrevistar "
     "a su portavoz antes del jueves por la tarde, por teléfono o en persona."): "es",
    ("Wir bereiten einen Bericht über das neue Zentrum der Koalition vor und würden gerne vor "
     "Donnerstagabend ein Interview mit Ihrem Sprecher führen, telefonisch oder persönlich."): "de",
    # Languages of the defaults since stop 58: the scripts tell Japanese (kana), Korean, Thai and Hindi apart from Chinese
    # and the rest; Vietnamese and Polish are compared with the other Latin-script languages.
    "来週の会見について、広報担当者へのインタビューをお願いできますでしょうか。": "ja",
    "대변인과의 인터뷰가 가능할까요? 마감은 목요일입니다.": "ko",
    "我们希望采访贵中心发言人，请问下周是否方便？": "zh",
    "ขอสัมภาษณ์โฆษกของศูนย์ภายในวันพฤหัสบดี": "th",
    "नमस्ते, हम प्रवक्ता से साक्षात्कार करना चाहते हैं": "hi",
    "Chúng tôi muốn phỏng vấn người phát ngôn của liên minh về hội nghị tuần tới.": "vi",
    "Chcielibyśmy przeprowadzić wywiad z rzecznikiem koalicji przed czwartkiem.": "pl",
    # Lithuanian, Latvian and Estonian, among the defaults since stop 59 (they had read as Malay, Swedish, Finnish).
    "Laba diena, norėtume paprašyti interviu su jūsų atstovu spaudai.": "lt",
    "Labdien, mēs vēlētos lūgt interviju ar jūsu preses sekretāru.": "lv",
    "Tere, sooviksime intervjuud teie pressiesindajaga.": "et",
    # A script none of the office's languages is written in (Amharic): undetermined, not a Latin-script guess.
    "ሰላም፣ ቃል አቀባዩን ማነጋገር እንፈልጋለን Thanks": None,
}

CHILD = """
import json, os, sys

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith(key + ":"))

from mediadesk.settings import load_settings
from mediadesk.worker.triage import language

codes = tuple(load_settings(_env_file=None).languages)
before, threads_before = status("VmRSS"), len(os.listdir("/proc/self/task"))
language.warm_up(codes)
warm, threads = status("VmRSS"), len(os.listdir("/proc/self/task"))
found = {text: language.detect_language(text, codes).code for text in json.loads(sys.argv[1])}
print(json.dumps({"before": before, "warm": warm, "after": status("VmRSS"), "peak": status("VmHWM"),
                  "threads_before": threads_before, "threads": threads, "found": found}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
def test_language_models_fit_the_worker_budget_and_stay_accurate(tmp_path):
    out = subprocess.run([sys.executable, "-P", "-c", CHILD, json.dumps(list(TEXTS))], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60, check=True)
    result = json.loads(out.stdout)
    print(f"\nRSS: imports {result['before']} MB, warm-up {result['warm']} MB, after detection "
          f"{result['after']} MB, peak {result['peak']} MB")
    assert result["warm"] < BUDGET_MB
    assert result["after"] < BUDGET_MB and result["peak"] < BUDGET_MB
    # Warm-up runs before the worker forks: lingua's thread pool must not be started by then.
    assert result["threads"] == result["threads_before"]
    assert result["found"] == TEXTS

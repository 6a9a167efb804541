"""Score the categories of a human message from the weighted multilingual rules.

Each category's score is the sum of the weights of its patterns found in the text (a pattern in
the Subject counts ``subject_weight`` times). A sender who presents as press tilts a bare
question towards ``information_request``; when no inquiry category reaches ``min_score`` the
message is ``general``. Scores become probabilities with a softmax, so the rules can be blended
with a learned model's probabilities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mediadesk.worker.triage.rules import INQUIRY_CATEGORIES, LITERALS, SCORED_CATEGORIES, Rules

TEMPERATURE = 2.0
SURE_SPAM = 4.0
SURE_GENERAL = 3.0
# Spam wording (weights as if all in the body: "loan" in a subject is still one word) from
# which an inquiry category's generic words (patterns of this weight or less) no longer count
# for a sender who does not present as press.
SPAM_WORDING = 4.0
GENERIC_WEIGHT = 1.0


@dataclass(frozen=True)
class CategoryScores:
    scores: dict[str, float]
    terms: dict[str, list[str]]
    media_identity: list[str]
    # The patterns that matched, as (category or "media_identity", pattern, in the subject): the
    # rules' evidence, which a learned model weighs pattern by pattern (``learning``).
    hits: tuple[tuple[str, str, bool], ...] = ()

    @property
    def inquiry_score(self) -> float:
        return max(self.scores[c] for c in INQUIRY_CATEGORIES)

    def probabilities(self) -> dict[str, float]:
        """Softmax of the scores over the scored categories (general gets a floor)."""
        top = max(self.scores.values())
        exp = {c: math.exp((s - top) / TEMPERATURE) for c, s in self.scores.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}


def combine(subject: str, text: str) -> str:
    """"subject \n\n text", searched once per rule: the leftmost hit is in the subject if any is."""
    return f"{subject}\n\n{text}" if subject else text


def score_categories(rules: Rules, subject: str, text: str, spam_text: str | None = None) -> CategoryScores:
    """Scores per category for normalised ``subject`` and ``text``.

    ``spam_text``: a longer extract of the message (``text`` holds the head and tail of the
    sender's words) in which spam wording is sought: a mailer's pitch and its opt-out sit
    anywhere in the body, a request at its start.
    """
    scores: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    weak: dict[str, float] = {}
    unweighted: dict[str, float] = {}
    combined = combine(subject, text)
    in_subject_until = len(subject) if subject else -1
    # A reply's subject is the letter it answers (often ours: "Re: Invitation: accreditation now
    # open"): it counts as the body does, not as the sender's own summary.
    subject_weight = 1.0 if subject and rules.human_reply_prefix.search(subject) else rules.subject_weight
    present = LITERALS.present(combined)
    hits: list[tuple[str, str, bool]] = []
    for category in SCORED_CATEGORIES:
        searched, found_in = combined, present
        if category == "spam" and spam_text is not None and len(spam_text) > len(text):
            searched = combine(subject, spam_text)
            found_in = LITERALS.present(searched)
        total = weak_total = plain_total = 0.0
        found: list[str] = []
        for rule in rules.categories[category].candidates(found_in):
            match = rule.search(searched, found_in)
            if match:
                in_subject = match.start() < in_subject_until
                weight = rule.weight * (subject_weight if in_subject else 1.0)
                total += weight
                plain_total += rule.weight
                if rule.weight <= GENERIC_WEIGHT:
                    weak_total += weight
                # A rule that must see more than its words ("the whole letter is 'Unsubscribe'") names them ``term``.
                found.append((match.groupdict().get("term") or match.group(0)).strip())
                hits.append((category, rule.regex.pattern, in_subject))
        scores[category] = total
        terms[category] = found
        weak[category] = weak_total
        unweighted[category] = plain_total
    report = rules.scam_report.matches(combined, present)
    if report:
        # "Is this award really yours?", "je suppose qu'il s'agit d'une escroquerie": the sender
        # reports what was offered in the office's name; its price and "you have won" are quoted.
        # What they ask decides; the general rules know a member of the public checking an offer.
        scores["spam"], terms["spam"] = 0.0, []
    media = rules.media_identity.matches(text, present)
    media_terms = [t for _, t in media]
    hits.extend(("media_identity", r.regex.pattern, False) for r, _ in media)
    if media_terms:
        # A journalist's question is an information request, not a member of the public's:
        # the tilt is one pattern's weight however many press words the letter has.
        # It does not decide between the inquiry categories: a journalist asking how to register
        # or when to film is asking for accreditation.
        tilt = rules.media_identity.rules[0].weight
        others = max(scores[c] for c in INQUIRY_CATEGORIES if c != "information_request")
        if scores["information_request"] >= others:
            scores["information_request"] += tilt
        scores["general"] = max(0.0, scores["general"] - tilt)
    if scores["general"] >= SURE_GENERAL and not media_terms:
        # A student, an applicant or a citizen asking a question: their own words say so. Their
        # question marks and "could you tell me" ask as a journalist's would; only what they
        # ask for specifically makes it an information request.
        scores["general"] += 0.5
        scores["information_request"] -= weak["information_request"]
    elif report and not media_terms:
        # Someone who is not press asking whether an offer in the office's name is real ("Is this message real??"):
        # the public's question, unless they ask for something specific.
        scores["information_request"] -= weak["information_request"]
    if unweighted["spam"] >= SPAM_WORDING and not media_terms:
        # A pitch asks its own questions ("Do you want to be your own boss?") and promises
        # "information", "details", answers to "questions". From a sender with no press identity
        # those generic words make no request of a press office: they do not outweigh spam
        # wording. (They still rank the inquiry categories when spam does not win.)
        specific = {c: scores[c] - weak[c] for c in INQUIRY_CATEGORIES}
        if scores["spam"] > max(specific.values()):
            scores.update(specific)
    if scores["correction_complaint"] >= SURE_GENERAL:
        # A grievance names what it is about (the photo, the interview it was promised, the
        # figure): at a tie with that thing's category, the grievance is the message.
        scores["correction_complaint"] += 0.25
    if scores["spam"] >= SURE_SPAM:
        # Scams borrow the words of real requests ("images", "questions"): strong spam evidence wins a tie.
        scores["spam"] += 0.5
    # General is also the floor: below min_score nothing else is sure enough.
    scores["general"] = max(scores["general"], rules.min_score - 0.01)
    return CategoryScores(scores, terms, media_terms, tuple(hits))


__all__ = ["CategoryScores", "combine", "score_categories"]

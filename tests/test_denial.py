"""A denial that points back disputes what was reported before it; one that comes first
negates what it covers; the content of an accusation is done by the accused."""
from __future__ import annotations

from hadath.model import Document


def events(pipeline, text):
    doc = pipeline(Document(id="t", text=text))
    return [(e.type, [m.entity.country for m in e.actor], [m.entity.country for m in e.recipient],
             e.certainty, e.negated) for e in doc.events]


def test_which_moscow_denied(pipeline):
    evs = events(pipeline, "قصفت الطائرات الروسية مستشفى في إدلب، وهو ما نفته موسكو.")
    assert ("ASSAULT", ["RUS"], [], "claimed", False) in evs
    assert ("REJECT", ["RUS"], [], "asserted", False) in evs


def test_a_denied_accusation_rejects_the_accuser(pipeline):
    evs = events(pipeline, "واتهمت واشنطن إيران بدعم الحوثيين، الأمر الذي نفته طهران.")
    assert ("REJECT", ["IRN"], ["USA"], "asserted", False) in evs
    assert any(t == "ACCUSE" and c == "claimed" for t, _, _, c, _ in evs)


def test_denied_that(pipeline):
    evs = events(pipeline, "وقالت مصادر محلية إن الجيش السوري قصف البلدة، لكن دمشق نفت ذلك.")
    assert any(t == "ASSAULT" and c == "claimed" for t, _, _, c, _ in evs)
    assert any(t == "REJECT" and a == ["SYR"] for t, a, _, _, _ in evs)


def test_a_denial_first_negates(pipeline):
    evs = events(pipeline, "نفت روسيا أن تكون طائراتها قصفت المستشفى.")
    assert [(t, n) for t, _, _, _, n in evs] == [("ASSAULT", True)]


def test_the_accused_does_what_it_is_accused_of(pipeline):
    evs = events(pipeline, "اتهمت السعودية إيران بتزويد الحوثيين بالصواريخ.")
    assert ("ACCUSE", ["SAU"], ["IRN"]) in [e[:3] for e in evs]
    assert any(t == "AID" and a == ["IRN"] and r == ["YEM"] and c == "claimed" for t, a, r, c, _ in evs)

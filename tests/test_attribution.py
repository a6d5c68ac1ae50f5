"""Attribution: report chains and certainty on 60 hand-written sentences (tests/data/attribution.tsv),
and the document facts (byline, author as the source of unattributed statements)."""
from __future__ import annotations

from pathlib import Path

import pytest

from hadath.evaluate import norm_name
from hadath.kb import load_kb
from hadath.model import Document

CASES = Path(__file__).parent / "data" / "attribution.tsv"


def cases():
    rows = [line.split("\t") for line in CASES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    out, previous = [], None
    for sentence, chain, certainty in rows:
        if chain == "=":   # continues the previous sentence's chain
            out.append((previous[0] + "\n" + sentence, previous[1], certainty))
        else:
            out.append((sentence, chain, certainty))
        previous = out[-1]
    return out


def names_of(source) -> set[str]:
    names = {norm_name(source.name)}
    actor = load_kb().get(source.id) if source.id else None
    if actor is not None:
        names |= {norm_name(n) for n in [actor.name, *actor.en]}
    return names


def chain_matches(chain, expected: str) -> bool:
    want = [] if expected == "-" else [norm_name(n) for n in expected.split(" > ")]
    got = [s for s in chain if s.kind != "author"]
    return len(got) == len(want) and all(w in names_of(s) for s, w in zip(got, want))


def first_event(pipeline, text):
    doc = pipeline(Document(id="t", text=text, published="2019-07-01"))
    last = max(s.index for s in doc.sentences)
    events = [e for e in doc.events if e.sentence == last]
    return events[0] if events else None


def test_chains_and_certainty(pipeline):
    results = []
    for text, chain, certainty in cases():
        ev = first_event(pipeline, text)
        ok = ev is not None and chain_matches(ev.attribution, chain) and \
            (ev.certainty == certainty or (certainty == "denied" and ev.negated))
        results.append((ok, text, chain, certainty,
                        None if ev is None else ([s.name for s in ev.attribution], ev.certainty)))
    right = sum(ok for ok, *_ in results)
    assert len(results) >= 60
    wrong = [r[1:] for r in results if not r[0]]
    assert right / len(results) >= 0.9, wrong


def test_author_is_the_source_of_unattributed_statements(pipeline):
    text = "هاجمت القوات الإسرائيلية مخيم جنين فجر اليوم.\nبقلم: أحمد خالد"
    doc = pipeline(Document(id="t", text=text))
    assert doc.sources and doc.sources[0].kind == "author" and doc.sources[0].text == "أحمد خالد"
    ev = doc.events[0]
    assert ev.certainty == "asserted" and [s.kind for s in ev.attribution] == ["author"]


def test_denial_negates_the_event(pipeline):
    ev = first_event(pipeline, "ونفت وزارة الخارجية القطرية أن تكون قطر قد دعمت المعارضة البحرينية.")
    assert ev is not None and ev.certainty == "denied" and ev.negated


def test_framing_markers(pipeline):
    text = 'بدأ جيش الاحتلال "الإسرائيلي" في شن غارات على غزة، وقالت صحيفة "الشرق الأوسط" إن "إسرائيل" صعدت.'
    doc = pipeline(Document(id="t", text=text))
    kinds = {(f["kind"], f["actor_id"]) for f in doc.framing}
    assert ("scare_quotes", "ISR") in kinds
    assert any(kind == "loaded_term" for kind, _ in kinds)
    assert not any(f["actor"] == "Asharq Al-Awsat" for f in doc.framing)
    for f in doc.framing:
        assert text[f["start"]:f["end"]] == f["text"]


def test_the_newspaper_is_the_outlet_named_before(pipeline):
    text = ('كشفت صحيفة "الشرق الأوسط" أن تركيا زودت حكومة الوفاق الوطني بطائرات مسيرة. '
            "ونقلت الصحيفة عن مصدر دبلوماسي قوله إن أنقرة أرسلت أيضا مستشارين عسكريين إلى طرابلس.")
    doc = pipeline(Document(id="t", text=text, published="2020-07-01"))
    first = [e for e in doc.events if e.sentence == 0 and e.type == "AID"]
    second = [e for e in doc.events if e.sentence == 1 and e.type == "AID"]
    # the head word and the quoted name together are the outlet, not "the Middle East"
    assert first and [s.name for s in first[0].attribution] == ["Asharq Al-Awsat"]
    assert second and [s.name for s in second[0].attribution] == ["Asharq Al-Awsat", "unnamed diplomatic source"]


def test_an_outlet_the_base_does_not_hold_is_its_quoted_name(pipeline):
    ev = first_event(pipeline, 'وزعم موقع "إيران إنترناشيونال" أن طهران هددت بإغلاق مضيق هرمز.')
    assert ev is not None and ev.certainty == "claimed"
    assert [s.kind for s in ev.attribution] == ["outlet"] and "إنترناشيونال" in ev.attribution[0].text



def test_officials_who_are_not_named_are_anonymous(pipeline):
    ev = first_event(pipeline, "ذكرت وكالة رويترز نقلا عن مسؤولين أمريكيين لم تكشف عن هويتهم أن واشنطن "
                               "فرضت عقوبات جديدة على شركات إيرانية.")
    assert ev is not None and [s.kind for s in ev.attribution] == ["outlet", "anonymous"]

"""hadath.ner: corpus reading, scoring, features, the shipped tagger and provisional actors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.model import Document, Entity, Mention
from hadath.ner.corpus import anercorp_split, entities, read_aqmar, read_anercorp
from hadath.ner.train import score


# -- corpus reading and scoring (small files written here) ----------------------------------

def test_anercorp_rules(tmp_path):
    f = tmp_path / "ANERCorp.txt"
    f.write_text("أعلن O\nاتحاد B-ORG\nالسيارات I-ORG\n. O\n. O\n\u200f O\nفي O\n"
                 "ألمانيا B-LOC\n• O\nقال O\nعمرو B-PERS\nموسى I-PERS\n", encoding="utf-8")
    sents = read_anercorp(f)
    assert [len(s) for s in sents] == [5, 3, 3]          # a run of periods ends one sentence
    assert sents[1][-1] == (".", "O")                    # • becomes a period
    assert sents[2][1:] == [("عمرو", "B-PERS"), ("موسى", "I-PERS")]


def test_anercorp_split_five_sixths(tmp_path):
    f = tmp_path / "ANERCorp.txt"
    f.write_text("".join(f"كلمة{i} O\nأخرى O\n. O\n" for i in range(6)), encoding="utf-8")
    train, test = anercorp_split(f)
    assert len(train) == 5 and len(test) == 1 and test[0][0][0] == "كلمة5"


def test_aqmar_tags(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("دمشق B-LOC\nهي O\n\nالذرة B-MIS1\nعند I-MIS1\nفيرمي B-PER\nو IO\nx B-ENGLISH\n"
                 "ب I--ORG\n", encoding="utf-8")
    s = read_aqmar(f)
    assert s[0] == [("دمشق", "B-LOC"), ("هي", "O")]
    assert [t for _, t in s[1]] == ["B-MISC", "I-MISC", "B-PERS", "O", "O", "B-ORG"]


def test_entities_and_score():
    assert entities(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG"]) == {
        (0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG")}
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"]]
    res = score(gold, pred)
    assert res["precision"] == 0.5 and res["recall"] == 0.5
    assert res["types"]["LOC"]["f1"] == 1.0 and res["types"]["PERS"]["f1"] == 0.0


# -- the shipped tagger ---------------------------------------------------------------------

def test_tagger_loads_once_and_tags():
    from hadath.ner import load_tagger
    from hadath.text import tokenize
    t = load_tagger()
    assert load_tagger() is t
    text = "وقال الرئيس الأمريكي باراك أوباما في واشنطن إن الأمم المتحدة ستجتمع"
    tags = t.tag(tokenize(text))
    words = [tok.text for tok in tokenize(text)]
    spans = {(" ".join(words[a:b]), k) for a, b, k in entities(tags)}
    assert ("باراك أوباما", "PERS") in spans
    assert ("واشنطن", "LOC") in spans


def _doc(text: str) -> Document:
    from hadath.extract.pipeline import segment_text
    doc = Document("t", text)
    segment_text(doc)
    return doc


def test_provisional_mentions_offsets_and_entities():
    from hadath.ner import provisional_mentions
    text = "وقال المتحدث باسم الحزب سامي الجميل إن وزير الخارجية وليد المعلم سيزور الرياض."
    doc = _doc(text)
    ms = provisional_mentions(doc, [])
    names = {m.text for m in ms}
    assert "سامي الجميل" in names or "وليد المعلم" in names
    for m in ms:
        assert doc.text[m.start:m.end] == m.text
        assert m.kind == "ner" and m.entity.provisional
        assert m.entity.id.startswith("PROV_") and m.entity.type in ("person", "organisation")
        sent = doc.sentences[m.sentence]
        assert sent.tokens[m.token_start].start <= m.start < m.end <= sent.tokens[m.token_end - 1].end
        assert m.entity.name and m.entity.name.isascii()
    # A knowledge-base mention over a name hides it.
    m0 = ms[0]
    taken = [Mention(m0.start, m0.end, m0.text, Entity("X", "x"))]
    assert all(m.start != m0.start for m in provisional_mentions(doc, taken))


def test_proclitic_left_out_of_the_name():
    from hadath.ner.actors import _name_span
    from hadath.text import tokenize
    text = "ولحزب"
    toks = tokenize("وبوتين")
    s, e = _name_span(toks[0], toks[0])
    assert e == len("وبوتين") and s in (0, 1, 2)
    assert text  # the article stays: للجيش -> الجيش is not asked of _name_span


def test_candidates_counts_unknown_names():
    from hadath.ner import candidates
    docs = [_doc("قال وليد المعلم إن سوريا ترحب. وأكد وليد المعلم ذلك."),
            _doc("التقى وليد المعلم نظيره الروسي.")]
    out = candidates(docs)
    assert out, "no candidates"
    name, kind, count, example = out[0]
    assert name == "وليد المعلم" and kind == "person" and count == 3
    assert "وليد المعلم" in example


def test_country_from_context():
    from hadath.ner.countries import country_near
    from hadath.text import tokenize
    toks = tokenize("عضو حزب الليكود الإسرائيلي الذي")
    assert country_near(toks, 1, 3) == "ISR"
    toks = tokenize("شركة إماراتية - كازاخستانية مشتركة ، ريم ترافيل ، تمتلك")
    assert country_near(toks, 6, 8) in ("ARE", "KAZ")


def test_romanize_fallback():
    from hadath.ner.romanize import fallback_romanize
    assert fallback_romanize("محمد بن سلمان") == "Mohamed bin Salman"
    assert fallback_romanize("خليفة حفتر").lower().startswith("khalifa")


# -- the reference article and the corpora (need ../shared) ---------------------------------

def test_reference_article_unknown_actors(reference_text, monkeypatch):
    # Without the knowledge base at all: not as taken mentions, not as gazetteer names.
    from hadath.ner import provisional_mentions, tagger
    bare = tagger.Tagger(tagger.default_model_path(), tagger.make_featurizer(with_kb=False))
    monkeypatch.setattr(tagger, "_tagger", bare)
    doc = _doc(reference_text)
    found = {m.text: m for m in provisional_mentions(doc, [])}
    assert "أورين حزان" in found and found["أورين حزان"].entity.type == "person"
    assert "ريم ترافيل" in found and found["ريم ترافيل"].entity.type == "organisation"


def test_train_on_a_tiny_sample(tmp_path, shared):
    from click.testing import CliRunner
    from hadath.cli.ner import ner
    out = tmp_path / "tiny.crfsuite"
    res = CliRunner().invoke(ner, ["train", "--data", str(shared / "data" / "ner"), "--out", str(out),
                                   "--limit", "60", "--max-iterations", "5", "--aqmar", "none"])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0
    from hadath.ner.tagger import Tagger, make_featurizer
    assert len(Tagger(out, make_featurizer()).tag_words(["قال", "محمد"])) == 2


def test_eval_on_the_test_split(shared):
    from click.testing import CliRunner
    from hadath.cli.ner import ner
    res = CliRunner().invoke(ner, ["eval", "--data", str(shared / "data" / "ner")])
    assert res.exit_code == 0, res.output
    line = json.loads(res.output.strip().splitlines()[-1])
    assert line["split"] == "test" and line["entities"] > 2000
    assert {"f1", "precision", "recall"} <= set(line)
    assert {"PERS", "ORG", "LOC", "MISC"} <= set(line["types"])
    assert line["f1"] > 0.70   # the shipped model scores 0.734


def test_names_keep_their_letters_and_skip_hashtags():
    from hadath.ner.actors import _name_span, _plausible_name
    from hadath.text import tokenize
    toks = tokenize("وليد")                    # a given name, not و + ليد
    assert _name_span(toks[0], toks[0]) == (0, len("وليد"))
    toks = tokenize("سعد #الحريري")
    assert not _plausible_name(toks, 0, len(toks))
    toks = tokenize("على")
    assert not _plausible_name(toks, 0, 1)


def test_a_name_in_apposition_to_a_known_person_is_that_person(pipeline):
    from hadath.model import Document
    for text in ("دعا الأمين العام للأمم المتحدة، أنطونيو غوتيرس، إلى وقف فوري للتصعيد.",
                 "قال أنطونيو غوتيرس، الأمين العام للأمم المتحدة، إنه يدعو إلى وقف القتال."):
        doc = pipeline(Document(id="t", text=text))
        requests = [e for e in doc.events if e.type == "REQUEST"]
        assert len(requests) == 1 and not requests[0].actor[0].entity.provisional


def test_a_name_after_a_place_noun_is_no_actor(pipeline):
    from hadath.model import Document
    doc = pipeline(Document(id="t", text='وارتكبت الميليشيات مجزرة في قرية "وادي القعوم" التابعة لمديرية الدريهمي.'))
    assert not any(m.entity.provisional and "القعوم" in m.text for m in doc.mentions)


def test_corpus_label_priors(tmp_path):
    import gzip
    from hadath.ner.features import Featurizer
    from hadath.ner.priors import count_labels, read_priors, write_priors

    class Fake:   # tags every word that starts with ب as a place
        featurizer = Featurizer(topics={})

        def tag_sentences(self, sentences):
            return [["B-LOC" if w.startswith("ب") else "O" for w in s] for s in sentences]

    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for text in ["زار بيروت امس.", "بيروت مدينة.", "بيروت وزار.", "زار بيروت."]:
            f.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    counts = count_labels(corpus, Fake(), log=lambda m: None)
    assert counts["بيروت"] == {"LOC": 4}
    out = tmp_path / "priors.tsv"
    assert counts["زار"] == {"O": 3}             # وزار: the stem counts
    assert write_priors(counts, out, "test") == 3   # بيروت, زار and ".": 3+ times each
    priors = read_priors(out.read_text(encoding="utf-8"))
    assert priors["بيروت"] == ("gp=LOC", "gp=LOC:hi")
    assert read_priors("x\t10\tO:6 PERS:3 ORG:1\n")["x"] == (
        "gp=O", "gp=O:mid", "gp=PERS", "gp=PERS:mid", "gp=ORG", "gp=ORG:lo")
    fz = Featurizer(topics={}, priors=priors)
    feats = fz.sentence(["بيروت", "كلمه"])
    assert "gp=LOC:hi" in feats[0] and "gp=none" in feats[1]

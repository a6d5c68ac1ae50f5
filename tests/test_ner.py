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
    assert line["f1"] > 0.70   # the shipped model scores 0.727


def test_names_keep_their_letters_and_skip_hashtags():
    from hadath.ner.actors import _name_span, _plausible_name
    from hadath.text import tokenize
    toks = tokenize("وليد")                    # a given name, not و + ليد
    assert _name_span(toks[0], toks[0]) == (0, len("وليد"))
    toks = tokenize("سعد #الحريري")
    assert not _plausible_name(toks, 0, len(toks))
    toks = tokenize("على")
    assert not _plausible_name(toks, 0, 1)


# -- the neural tagger's numpy inference (a small random model written here) --------------

def _random_model(path, hidden=3, seed=0):
    """An .npz in neural_train.export's format with random weights (no torch needed)."""
    import numpy as np
    from hadath.ner.clusters import GRANULARITIES
    from hadath.ner.corpus import TYPES
    from hadath.ner.neural import GAZ_KINDS, SHAPES
    rng = np.random.default_rng(seed)
    labels = ["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]
    vocab, pres, sufs, chars = ["قال", "محمد", "سوريا"], ["و", "و+ال"], ["ه"], list("قالمحدسوري")
    tables = [len(vocab) + 2, len(pres) + 2, len(sufs) + 2, len(SHAPES), GRANULARITIES[0] + 1,
              GRANULARITIES[1] + 1, GRANULARITIES[2] + 1, 5, 3]
    dims = [4, 2, 2, 2, 2, 2, 2, 2, 2]
    w = {f"w.emb{j}": rng.normal(size=(n, d)).astype(np.float32) for j, (n, d) in enumerate(zip(tables, dims))}
    filters, width, cdim = 3, 3, 2
    w["w.char_emb"] = rng.normal(size=(len(chars) + 2, cdim)).astype(np.float32)
    w["w.char_emb"][0] = 0
    w["w.conv.weight"] = rng.normal(size=(filters, cdim, width)).astype(np.float32)
    w["w.conv.bias"] = rng.normal(size=filters).astype(np.float32)
    dim = sum(dims) + 3 * len(GAZ_KINDS) + filters
    for sfx in ("", "_reverse"):
        w["w.lstm.weight_ih_l0" + sfx] = rng.normal(size=(4 * hidden, dim)).astype(np.float32)
        w["w.lstm.weight_hh_l0" + sfx] = rng.normal(size=(4 * hidden, hidden)).astype(np.float32)
        w["w.lstm.bias_ih_l0" + sfx] = rng.normal(size=4 * hidden).astype(np.float32)
        w["w.lstm.bias_hh_l0" + sfx] = rng.normal(size=4 * hidden).astype(np.float32)
    w["w.out.weight"] = rng.normal(size=(len(labels), 2 * hidden)).astype(np.float32)
    w["w.out.bias"] = rng.normal(size=len(labels)).astype(np.float32)
    for k, shape in (("trans", (9, 9)), ("start", 9), ("end", 9)):
        w["w.crf." + k] = rng.normal(size=shape).astype(np.float32)
    np.savez(path, labels=np.array(labels), vocab=np.array(vocab), prefixes=np.array(pres),
             suffixes=np.array(sufs), chars=np.array(chars), **w)
    return w


def _lstm_reference(x, wi, wh, b):
    """A plain LSTM over one sentence with torch's gate order (i, f, g, o)."""
    import numpy as np
    H = wh.shape[1]
    h, c, out = np.zeros(H), np.zeros(H), []
    sig = lambda v: 1 / (1 + np.exp(-v))   # noqa: E731
    for xt in x:
        g = wi @ xt + wh @ h + b
        i, f, gg, o = sig(g[:H]), sig(g[H:2 * H]), np.tanh(g[2 * H:3 * H]), sig(g[3 * H:])
        c = f * c + i * gg
        h = o * np.tanh(c)
        out.append(h)
    return np.array(out)


def test_neural_inference_matches_a_plain_implementation(tmp_path):
    import itertools

    import numpy as np
    from hadath.ner.features import Featurizer
    from hadath.ner.neural import NeuralModel, allowed_transitions
    path = tmp_path / "m.npz"
    w = _random_model(path)
    m = NeuralModel(str(path), Featurizer({}, {("محمد",): {"given"}}, topics={}))
    sents = [["وقال", "محمد", "إن", "سوريا"], ["x"], ["قال", "محمد", "؟"]]
    vecs = [m.word_vectors(*m.encoder.sentence(s)) for s in sents]
    assert vecs[0][1, sum([4, 2, 2, 2, 2, 2, 2, 2, 2])] == 1.0   # the gazetteer flag of محمد
    got = {}
    for part, lens, em in m.emissions(vecs):
        for r, i in enumerate(part):
            got[i] = (em[r, :lens[r]], m.viterbi(em, lens)[r, :lens[r]], m.marginals(em, lens)[r, :lens[r]])
    ok, ok_start = allowed_transitions(m.labels)
    trans = np.where(ok, w["w.crf.trans"], -1e4)
    start = np.where(ok_start, w["w.crf.start"], -1e4)
    for i, x in enumerate(vecs):
        hf = _lstm_reference(x, w["w.lstm.weight_ih_l0"], w["w.lstm.weight_hh_l0"],
                             w["w.lstm.bias_ih_l0"] + w["w.lstm.bias_hh_l0"])
        hb = _lstm_reference(x[::-1], w["w.lstm.weight_ih_l0_reverse"], w["w.lstm.weight_hh_l0_reverse"],
                             w["w.lstm.bias_ih_l0_reverse"] + w["w.lstm.bias_hh_l0_reverse"])[::-1]
        em = np.concatenate([hf, hb], 1) @ w["w.out.weight"].T + w["w.out.bias"]
        assert np.allclose(got[i][0], em, atol=1e-4)
        # Best path and marginals by enumerating every label sequence.
        scores = {}
        for seq in itertools.product(range(9), repeat=len(x)):
            s = start[seq[0]] + em[0, seq[0]] + w["w.crf.end"][seq[-1]]
            s += sum(trans[a, b] + em[t + 1, b] for t, (a, b) in enumerate(zip(seq, seq[1:])))
            scores[seq] = s
        assert tuple(got[i][1]) == max(scores, key=scores.get)
        z = np.logaddexp.reduce(list(scores.values()))
        marg = np.zeros((len(x), 9))
        for seq, s in scores.items():
            marg[np.arange(len(x)), seq] += np.exp(s - z)
        assert np.allclose(got[i][2], marg, atol=1e-3)


def test_neural_tagger_batches_and_recall(tmp_path):
    from hadath.ner.tagger import Tagger, make_featurizer
    path = tmp_path / "m.npz"
    _random_model(path, hidden=4, seed=3)
    t = Tagger(path, make_featurizer(with_kb=False))
    assert t.model_files() == [str(path)]
    sents = [["وقال", "محمد", "إن", "سوريا", "ترحب"], [], ["قال", "محمد"], ["سوريا"] * 70]
    together = t.tag_sentences(sents)
    assert together == [t.tag_words(s) if s else [] for s in sents]   # batching changes nothing
    for tags in together:
        prev = "O"
        for tag in tags:   # valid BIO: an I- only continues its own type
            assert not tag.startswith("I-") or prev[2:] == tag[2:]
            prev = tag
    wide = t.tag_sentences(sents, recall=0.0)   # every word in some entity
    assert all(tag != "O" for s, tags in zip(sents, wide) for w, tag in zip(s, tags) if w[:1].isalpha())
    # recall only turns O into entity tags: the best path's entity words keep their tags
    assert all(b == a for x, y in zip(together, wide) for a, b in zip(x, y) if a != "O")


def test_neural_model_file_errors(tmp_path):
    from hadath.errors import HadathError
    from hadath.ner.tagger import Tagger, make_featurizer
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(HadathError):
        Tagger(bad, make_featurizer(with_kb=False))


def test_neural_export_matches_torch(tmp_path):
    """The numpy tagger computes what the torch network computes, from the exported file."""
    torch = pytest.importorskip("torch")
    import numpy as np
    from hadath.ner.corpus import TYPES
    from hadath.ner.neural import Encoder, NeuralModel
    from hadath.ner.neural_train import HP, _batch, build_vocabularies, export, make_net
    from hadath.ner.tagger import make_featurizer
    fz = make_featurizer(with_kb=False)
    gold = [[("وقال", "O"), ("محمد", "B-PERS"), ("في", "O"), ("دمشق", "B-LOC")],
            [("الأمم", "B-ORG"), ("المتحدة", "I-ORG"), ("ستجتمع", "O")]]
    vocab, pres, sufs, chars = build_vocabularies(gold, ["قال", "دمشق"])
    labels = ["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]
    sizes = {"vocab": len(vocab) + 2, "prefixes": len(pres) + 2, "suffixes": len(sufs) + 2, "chars": len(chars) + 2}
    torch.manual_seed(0)
    net = make_net(sizes, labels, dict(HP, hidden=5), np.random.default_rng(0).normal(size=(2, 6)).astype(np.float32))
    for p in (net.trans, net.start, net.end):
        torch.nn.init.normal_(p)
    net.eval()
    path = tmp_path / "m.npz"
    export(net, path, labels, vocab, pres, sufs, chars)
    model = NeuralModel(str(path), fz)
    enc = Encoder(*[{w: i + 2 for i, w in enumerate(v)} for v in (vocab, pres, sufs, chars)], featurizer=fz)
    items = [(*enc.sentence([w for w, _ in s]), [0] * len(s)) for s in gold]
    ids, ch, cl, mu, lengths, _tags, _mask = _batch(items, torch)
    with torch.no_grad():
        want = net.emissions(ids, ch, cl, mu, lengths).numpy()
    vecs = [model.word_vectors(*model.encoder.sentence([w for w, _ in s])) for s in gold]
    for part, lens, em in model.emissions(vecs):
        for r, i in enumerate(part):
            # the stem table is stored as float16: small differences only
            assert np.allclose(em[r, :lens[r]], want[i, :lens[r]], atol=2e-2)


def test_neural_train_and_eval_commands(tmp_path, shared):
    pytest.importorskip("torch")
    import numpy as np
    from click.testing import CliRunner
    from hadath.cli.ner import ner
    emb = tmp_path / "emb.npz"
    words = ["قال", "في", "إن", "رئيس"]
    np.savez(emb, words=np.array(words), vectors=np.random.default_rng(0).normal(size=(4, 8)).astype(np.float32))
    out = tmp_path / "tiny.npz"
    data = str(shared / "data" / "ner")
    res = CliRunner().invoke(ner, ["train", "--data", data, "--out", str(out), "--aqmar", "none",
                                   "--limit", "40", "--epochs", "1", "--embeddings", str(emb)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(ner, ["eval", "--data", data, "--model", str(out), "--dev"])
    assert res.exit_code == 0, res.output
    line = json.loads(res.output.strip().splitlines()[-1])
    assert line["split"] == "dev" and line["entities"] > 1000 and 0.0 <= line["f1"] <= 1.0
    res = CliRunner().invoke(ner, ["train", "--data", data, "--out", str(out), "--limit", "5"])
    assert res.exit_code != 0 and "--embeddings" in str(res.exception)

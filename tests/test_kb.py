"""Knowledge base: file format, validator, loader cache, matcher and coreference."""
from __future__ import annotations

import textwrap

import pytest

from hadath.extract.pipeline import segment_text
from hadath.kb import MentionFinder, load_kb, romanize
from hadath.kb.base import build_kb, load_kb_from
from hadath.kb.matcher import within_one_edit
from hadath.kb.names import candidate_forms, name_key
from hadath.kb.schema import check_record
from hadath.kb.validate import validate_base
from hadath.model import Document, Entity, Mention
from hadath.text import normalize

MINI = {
    "states.yaml": """
        - {id: LBY, type: state, name: Libya, ar: [ليبيا], country: LBY, wikidata: Q1016, metonyms: [طرابلس]}
        - {id: ISR, type: state, name: Israel, ar: [إسرائيل], country: ISR, metonyms: [تل أبيب],
           framing: [الاحتلال, الاحتلال الإسرائيلي, الكيان الصهيوني]}
        - {id: EGY, type: state, name: Egypt, ar: [مصر], country: EGY, metonyms: [القاهرة]}
    """,
    "demonyms.yaml": """
        - {country: LBY, ar: [ليبي], en: Libyan}
        - {country: ISR, ar: [إسرائيلي], en: Israeli}
        - {country: EGY, ar: [مصري], en: Egyptian}
    """,
    "agents.yaml": """
        - {id: AGENT_MIL, sector: MIL, name: military, ar: [جيش, قوات], person: false}
        - {id: AGENT_GOV, sector: GOV, name: government, ar: [حكومة, السلطات, مسؤولين], person: false}
        - {id: AGENT_MIL_PERSON, sector: MIL, name: commander, ar: [القائد, الجنرال], person: true}
    """,
    "armed_groups.yaml": """
        - {id: LNA, type: armed_group, name: Libyan National Army, ar: [الجيش الوطني الليبي], country: LBY,
           sector: MIL, affiliations: [{id: LBY, from: 2014-05-16, until: null}]}
    """,
    "persons.yaml": """
        - id: PER_KHALIFA_HAFTAR
          type: person
          name: Khalifa Haftar
          ar: [خليفة حفتر, حفتر]
          country: LBY
          sector: MIL
          roles:
            - {role: commander, of: LNA, sector: MIL, country: LBY, from: 2014-05-16, until: null,
               ar: [قائد الجيش الوطني الليبي]}
          descriptors: [القائد المتمركز في بنغازي]
        - id: PER_OLD_PM
          type: person
          name: Old Premier
          ar: [أحمد الأول]
          roles: [{role: prime minister, sector: GOV, country: LBY, from: 2000, until: 2010-12-31,
                   ar: [رئيس الوزراء الليبي]}]
        - id: PER_NEW_PM
          type: person
          name: New Premier
          ar: [محمود الثاني]
          roles: [{role: prime minister, sector: GOV, country: LBY, from: 2011-01-01, until: null,
                   ar: [رئيس الوزراء الليبي]}]
    """,
}


@pytest.fixture()
def mini_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("HADATH_CACHE_DIR", str(tmp_path / "cache"))
    d = tmp_path / "data"
    d.mkdir()
    for name, body in MINI.items():
        (d / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return d


@pytest.fixture()
def mini(mini_dir):
    return build_kb(mini_dir)


def find(kb, text, published=None):
    doc = Document(id="t", text=text, published=published)
    segment_text(doc)
    MentionFinder(ner=False, kb=kb)(doc)
    return doc.mentions


def by_text(mentions):
    return {m.text: m for m in mentions}


# -- format and validator --------------------------------------------------------------
def test_valid_record_has_no_problems():
    assert check_record({"id": "LNA", "type": "armed_group", "name": "LNA", "ar": ["الجيش الوطني الليبي"],
                         "country": "LBY", "sector": "MIL"}, "armed_groups") == []


@pytest.mark.parametrize("record,problem", [
    ({"id": "lna", "type": "armed_group", "name": "x", "ar": ["س"]}, "id must match"),
    ({"id": "X", "type": "militia", "name": "x", "ar": ["س"]}, "unknown type"),
    ({"id": "X", "type": "party", "name": "x", "ar": ["س"], "sector": "ZZZ"}, "unknown sector"),
    ({"id": "X", "type": "party", "name": "x", "ar": ["س"], "country": "ly"}, "country must be"),
    ({"id": "X", "type": "party", "name": "x"}, "no Arabic name"),
    ({"id": "X", "type": "party", "name": "x", "ar": ["س"], "colour": "red"}, "unknown field"),
    ({"id": "X", "type": "person", "name": "x", "ar": ["س"], "roles": [{"role": "r", "from": "May 2014"}]},
     "bad date"),
])
def test_invalid_records_are_reported(record, problem):
    assert any(problem in p for p in check_record(record, "parties"))


def test_validator_reports_duplicates_and_unknown_references(mini_dir):
    (mini_dir / "parties.yaml").write_text(
        "- {id: LNA, type: party, name: Dup, ar: [حزب]}\n"
        "- {id: P1, type: party, name: P, ar: [حزب ما], affiliations: [{id: NOWHERE}]}\n", encoding="utf-8")
    errors, warnings, counts = validate_base(mini_dir)
    assert any("duplicate id LNA" in e for e in errors)
    assert any("unknown actor NOWHERE" in e for e in errors)


def test_validator_passes_on_a_clean_base(mini_dir):
    errors, _, counts = validate_base(mini_dir)
    assert errors == []
    assert counts["state"] == 3 and counts["person"] == 3


def test_shipped_base_validates():
    errors, _, counts = validate_base()
    assert errors == [], "\n".join(errors[:20])
    assert counts.get("state", 0) + counts.get("territory", 0) >= 250


def test_shipped_base_every_actor_has_both_names():
    kb = load_kb()
    assert all(a.ar and a.name for a in kb.actors.values())


# -- loading and cache ------------------------------------------------------------------
def test_cache_is_rebuilt_when_a_file_changes(mini_dir, tmp_path):
    kb1 = load_kb_from(mini_dir)
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1
    assert load_kb_from(mini_dir).get("LNA") is not None
    with open(mini_dir / "parties.yaml", "w", encoding="utf-8") as f:
        f.write("- {id: LIKUD, type: party, name: Likud, ar: [الليكود], country: ISR, sector: PTY}\n")
    kb2 = load_kb_from(mini_dir)
    assert kb1.get("LIKUD") is None and kb2.get("LIKUD").name == "Likud"
    import gc
    assert gc.isenabled()   # loading switches the collector off only while it runs


def test_kb_interface(mini):
    assert mini.get("LBY").name == "Libya"
    assert mini.counts()["state"] == 3
    assert [a.id for a in mini.search("ليبيا")][:1] == ["LBY"]
    assert [a.id for a in mini.search("Libyan National Army")] == ["LNA"]
    assert {m.entity.id for m in mini.match("قال حفتر إن ليبيا")} == {"PER_KHALIFA_HAFTAR", "LBY"}


# -- names and readings -----------------------------------------------------------------
def test_name_keys_drop_the_article_per_token():
    assert name_key("الجيش الوطني الليبي") == "جيش وطني ليبي"
    assert name_key("إسرائيل") == normalize("إسرائيل")


@pytest.mark.parametrize("token,form,suffix", [
    ("لحفتر", "حفتر", ""), ("وبإسرائيل", "اسرائيل", ""), ("للإسرائيليين", "اسرائيليين", ""),
    ("قواته", "قوات", "ه"), ("ولقواتها", "قوات", "ها"), ("حكومته", "حكومه", "ه"),
])
def test_clitic_readings(token, form, suffix):
    known = {"حفتر", "اسرائيل", "اسرائيليين", "قوات", "حكومه"}
    readings = candidate_forms(normalize(token), known)
    assert readings and readings[0].form == form and readings[0].suffix == suffix


def test_whole_word_reading_comes_first():
    # بنغازي is a name, not ب + نغازي
    assert candidate_forms("بنغازي", {"بنغازي", "نغازي"})[0].form == "بنغازي"


def test_one_edit():
    assert within_one_edit("احتلال", "احنلال")
    assert within_one_edit("احتلال", "احتلا")
    assert not within_one_edit("احتلال", "اتنلال")


# -- matching ---------------------------------------------------------------------------
def test_longest_match_and_stem_span(mini):
    ms = find(mini, "وأعلن الجيش الوطني الليبي أن لحفتر دورا")
    assert [(m.text, m.entity.id, m.kind) for m in ms] == [
        ("الجيش الوطني الليبي", "LNA", "name"), ("حفتر", "PER_KHALIFA_HAFTAR", "name")]


def test_offsets_and_token_indexes(mini):
    text = "قالت «إسرائيل» إن القاهرة ترفض"
    doc = Document(id="t", text=text)
    segment_text(doc)
    MentionFinder(ner=False, kb=mini)(doc)
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
        toks = doc.sentences[m.sentence].tokens
        assert toks[m.token_start].start <= m.start and m.end <= toks[m.token_end - 1].end
    israel = by_text(doc.mentions)["إسرائيل"]
    assert israel.framing == "scare_quotes"
    assert by_text(doc.mentions)["القاهرة"].kind == "metonym"


def test_metonyms_and_demonyms(mini):
    ms = by_text(find(mini, "ورحبت تل أبيب بالدعم المصري وتظاهر الليبيون"))
    assert ms["تل أبيب"].entity.id == "ISR" and ms["تل أبيب"].kind == "metonym"
    assert ms["المصري"].entity.country == "EGY" and ms["المصري"].kind == "demonym"
    assert ms["الليبيون"].entity.id == "LBY"


def test_capital_after_fi_is_a_place(mini):
    assert not find(mini, "اجتمعوا في القاهرة أمس")


def test_role_word_with_demonym_or_country(mini):
    ms = by_text(find(mini, "وقال الجيش الإسرائيلي إن السلطات في القاهرة والحكومة المصرية وافقت"))
    mil = ms["الجيش الإسرائيلي"].entity
    assert (mil.id, mil.name, mil.country, mil.sector) == ("ISR-MIL", "Israeli military", "ISR", "MIL")
    assert ms["السلطات في القاهرة"].entity.id == "EGY-GOV"
    assert ms["الحكومة المصرية"].entity.country == "EGY"


def test_definiteness_must_agree(mini):
    # "طالب" is a verb here; an indefinite role word takes no definite adjective
    assert all(m.kind != "agent" or m.entity.country is None
               for m in find(mini, "جيش الليبيون"))


def test_loaded_term_with_typo(mini):
    ms = find(mini, "وقصف جيش الاحنلال الموقع", "2019-07-01")
    mil = [m for m in ms if m.entity.sector == "MIL"]
    assert mil and mil[0].entity.country == "ISR" and mil[0].framing == "loaded_term"


def test_descriptor_and_bare_title_resolve_to_the_person(mini):
    ms = find(mini, "التقى حفتر بالسفير. وقال القائد المتمركز في بنغازي إن القائد لن يتراجع", "2019-07-01")
    people = [m for m in ms if m.entity.id == "PER_KHALIFA_HAFTAR"]
    assert [m.kind for m in people] == ["name", "descriptor", "descriptor"]


def test_a_title_must_fit_the_person(mini_dir):
    with open(mini_dir / "agents.yaml", "a", encoding="utf-8") as f:
        f.write("- {id: AGENT_GOV_HEAD, sector: GOV, name: head of state, ar: [الرئيس], person: true}\n")
    kb = build_kb(mini_dir)
    ms = find(kb, "التقى حفتر بالرئيس", "2019-07-01")
    assert [m.entity.id for m in ms] == ["PER_KHALIFA_HAFTAR", "AGENT_GOV_HEAD"]


def test_his_forces_are_his_armed_group(mini):
    ms = by_text(find(mini, "وتلقى حفتر وقواته دعما", "2019-07-01"))
    assert ms["قواته"].entity.id == "LNA" and ms["قواته"].kind == "pronoun"


def test_pronoun_enclitic_points_to_last_compatible_actor(mini):
    ms = find(mini, "حذرت مصر من التصعيد وقالت إن مصالحها مهددة")
    pron = [m for m in ms if m.kind == "pronoun"]
    assert pron and pron[0].entity.id == "EGY" and pron[0].text == "ها"


def test_dated_roles_use_the_publication_date(mini):
    assert find(mini, "وقال رئيس الوزراء الليبي", "2005-03-01")[0].entity.id == "PER_OLD_PM"
    assert find(mini, "وقال رئيس الوزراء الليبي", "2019-03-01")[0].entity.id == "PER_NEW_PM"
    assert find(mini, "وقال رئيس الوزراء الليبي")[0].entity.id == "PER_NEW_PM"
    before = find(mini, "وقال رئيس الوزراء الليبي", "1990-01-01")[0].entity   # nobody known then
    assert (before.id, before.name, before.country) == ("LBY-GOV", "Libyan prime minister", "LBY")


def test_false_friends(mini_dir):
    (mini_dir / "outlets.yaml").write_text(
        "- {id: AJ, type: outlet, name: Al Jazeera, ar: [الجزيرة, قناة الجزيرة], country: QAT, sector: MED}\n",
        encoding="utf-8")
    kb = build_kb(mini_dir)
    assert [m.entity.id for m in find(kb, "وقالت الجزيرة إن")] == ["AJ"]
    assert find(kb, "في شبه الجزيرة العربية") == []
    assert find(kb, "في جزيرة صغيرة") == []   # the article is part of the name


def test_affiliations_are_dated(mini):
    assert mini.get("LNA").entity("2010-01-01").affiliations == ()
    assert mini.get("LNA").entity("2019-01-01").affiliations == ("LBY",)


def test_ner_mentions_are_added_without_overlap(mini, monkeypatch):
    import hadath.ner as ner

    def fake(doc, taken):
        spans = [(m.start, m.end) for m in taken]
        s = doc.text.index("زيد")
        assert spans   # the KB mentions are passed on
        return [Mention(s, s + 3, "زيد", Entity("PROV_ZAYD", "Zayd", provisional=True), kind="ner"),
                Mention(spans[0][0], spans[0][1], "x", Entity("PROV_X", "X", provisional=True))]
    monkeypatch.setattr(ner, "provisional_mentions", fake, raising=False)
    doc = Document(id="t", text="وقال حفتر إن زيد وصل")
    segment_text(doc)
    MentionFinder(ner=True, kb=mini)(doc)
    assert [(m.text, m.kind) for m in doc.mentions] == [("حفتر", "name"), ("زيد", "ner")]


def test_cli_commands(mini_dir, monkeypatch):
    import json

    from click.testing import CliRunner

    import hadath.kb.base as base
    from hadath.cli.actors import actors
    monkeypatch.setattr(base, "load_kb", lambda: build_kb(mini_dir))
    monkeypatch.setattr("hadath.kb.load_kb", lambda: build_kb(mini_dir))
    runner = CliRunner()
    out = runner.invoke(actors, ["find", "قال حفتر إن قواته في ليبيا", "--published", "2019-07-01"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [(r["id"], r["kind"]) for r in rows] == [("PER_KHALIFA_HAFTAR", "name"), ("LNA", "pronoun"),
                                                     ("LBY", "name")]
    assert {"text", "start", "end", "name", "name_ar", "country", "sector", "type", "wikidata"} <= set(rows[0])
    shown = runner.invoke(actors, ["show", "LNA"])
    assert json.loads(shown.output)["name"] == "Libyan National Army"
    assert runner.invoke(actors, ["show", "NOPE"]).exit_code != 0
    assert runner.invoke(actors, ["search", "حفتر"]).output.startswith("PER_KHALIFA_HAFTAR\t")


def test_romanize():
    assert romanize("خليفة حفتر") == "Khalifa Haftar"
    assert romanize("") == ""
    assert romanize("زيد").isascii()


def test_finder_segments_a_bare_document(mini):
    doc = Document(id="t", text="وقال حفتر")
    MentionFinder(ner=False, kb=mini)(doc)
    assert [m.text for m in doc.mentions] == ["حفتر"]


try:
    from hypothesis import given, settings, strategies as st
except ImportError:   # hypothesis is a test extra
    given = None

if given is not None:
    WORDS = ["حفتر", "وقواته", "الجيش", "الإسرائيلي", "في", "القاهرة", "«", "»", '"', "،", ".", "\n",
             "السلطات", "بينه", "ليبيا", "الليبيون", "مصالحها", "القائد", "الاحنلال", "جيش", "x", "ـ",
             "\u200f", "تل", "أبيب", "المتمركز", "بنغازي", "ة", "ه"]

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([" ", "", "  "]))
    def test_mentions_keep_their_invariants(words, sep):
        kb = _mini_cached()
        text = sep.join(words)
        doc = Document(id="t", text=text, published="2019-07-01")
        segment_text(doc)
        MentionFinder(ner=False, kb=kb)(doc)
        last = -1
        for m in doc.mentions:
            assert last <= m.start < m.end <= len(text)
            assert m.text == text[m.start:m.end]
            toks = doc.sentences[m.sentence].tokens
            assert 0 <= m.token_start < m.token_end <= len(toks)
            assert m.kind in ("name", "metonym", "demonym", "descriptor", "agent", "pronoun")
            last = m.end


_MINI = []


def _mini_cached():
    if not _MINI:
        import tempfile
        from pathlib import Path
        d = Path(tempfile.mkdtemp()) / "data"
        d.mkdir()
        for name, body in MINI.items():
            (d / name).write_text(textwrap.dedent(body), encoding="utf-8")
        _MINI.append(build_kb(d))
    return _MINI[0]


def test_weapon_with_adjective_is_the_military(mini):
    ms = by_text(find(mini, "وأصاب صاروخ إسرائيلي المنزل"))
    e = ms["صاروخ إسرائيلي"].entity
    assert (e.country, e.sector) == ("ISR", "MIL")


def test_apposition_yields_the_actors_inside(mini_dir):
    (mini_dir / "parties.yaml").write_text(
        "- {id: LIKUD, type: party, name: Likud, ar: [الليكود, حزب الليكود], country: ISR, sector: PTY}\n"
        "- id: PER_HAZAN\n  type: person\n  name: Oren Hazan\n  ar: [أورين حزان]\n  country: ISR\n"
        "  roles: [{role: member, of: LIKUD, sector: PTY, country: ISR, from: 2015, ar: [عضو حزب الليكود]}]\n",
        encoding="utf-8")
    kb = build_kb(mini_dir)
    ms = find(kb, "التقى أورين حزان، عضو حزب الليكود", "2019-07-01")
    assert [m.entity.id for m in ms] == ["PER_HAZAN", "LIKUD"]
    # without the name just before it, the role description is the person
    assert [m.entity.id for m in find(kb, "وقال عضو حزب الليكود", "2019-07-01")] == ["PER_HAZAN"]


def test_combine_only_demonym(mini_dir):
    with open(mini_dir / "demonyms.yaml", "a", encoding="utf-8") as f:
        f.write("- {country: MLI, ar: [مالي], combine_only: true}\n")
    with open(mini_dir / "states.yaml", "a", encoding="utf-8") as f:
        f.write("- {id: MLI, type: state, name: Mali, ar: [جمهورية مالي], country: MLI}\n")
    kb = build_kb(mini_dir)
    assert find(kb, "وقدم الدعم المالي") == []
    assert find(kb, "وهاجم الجيش المالي")[0].entity.country == "MLI"


def test_dateline_capital_is_no_actor(mini):
    assert [m.entity.id for m in find(mini, "القاهرة ـ قالت مصر إن")] == ["EGY"]
    assert find(mini, "القاهرة ـ قالت مصر إن")[0].text == "مصر"


def test_ambiguous_names_prefer_the_documents_countries(mini_dir):
    (mini_dir / "governments.yaml").write_text(
        "- {id: GNA, type: government, name: GNA, ar: [حكومة الوفاق], country: LBY, sector: GOV,\n"
        "   descriptors: [الحكومة المعترف بها دوليا]}\n"
        "- {id: YEM_GOV, type: government, name: Yemeni government, ar: [الحكومة اليمنية], country: YEM,\n"
        "   sector: GOV, descriptors: [الحكومة المعترف بها دوليا]}\n"
        "- {id: YEM, type: state, name: Yemen, ar: [اليمن], country: YEM}\n", encoding="utf-8")
    kb = build_kb(mini_dir)
    assert find(kb, "في اليمن. وقالت الحكومة المعترف بها دوليا")[-1].entity.id == "YEM_GOV"
    assert find(kb, "في ليبيا قالت الحكومة المعترف بها دوليا")[-1].entity.id == "GNA"


def test_past_office_with_a_demonym_and_no_date_does_not_crash():
    """A role phrase of an office nobody holds at the (missing) date, then a nisba adjective."""
    from hadath.kb import load_kb
    mentions = load_kb().match("قال نائب رئيس المجلس الرئاسي الليبي")
    assert mentions and mentions[-1].entity.country == "LBY"

"""Casualty reports: the dead and wounded are the recipients, the actor is only the force
the sentence names as the means (برصاص، في غارة، جراء قصف)."""
from __future__ import annotations

import pytest

from hadath.model import Document


def assaults(pipeline, text):
    doc = pipeline(Document(id="t", text=text, published="2018-07-01"))
    return [e for e in doc.events if e.type == "ASSAULT"]


def sides(ev):
    return ({m.entity.country or m.entity.id for m in ev.actor},
            {m.entity.country or m.entity.id for m in ev.recipient})


def test_shot_by_names_the_actor_and_the_fallen_are_the_victims(pipeline):
    evs = assaults(pipeline, "وسقط عشرات المدنيين الفلسطينيين بين قتيل وجريح برصاص قوات الجيش الإسرائيلي.")
    assert len(evs) == 1
    actor, victims = sides(evs[0])
    assert actor == {"ISR"} and "ISR" not in victims


def test_the_speaker_of_a_casualty_report_is_not_the_attacker(pipeline):
    evs = assaults(pipeline, "أعلنت الشرطة الباكستانية مقتل 12 شخصا في تفجير انتحاري استهدف تجمعا انتخابيا.")
    assert len(evs) == 1, "the deaths and the bombing that caused them are one event"
    assert evs[0].actor == [] and evs[0].mode == "suicide-attack"


def test_casualties_and_their_cause_fold_into_one_event(pipeline):
    evs = assaults(pipeline, "قتل خمسة مدنيين في بلدة غضم جراء القصف.")
    assert len(evs) == 1 and evs[0].mode == "heavy-weapons"
    assert evs[0].actor == [], "the civilians are the dead, not the shellers"


def test_partitive_count_is_the_dead_not_the_attacker(pipeline):
    evs = assaults(pipeline, "كما قتل 12 من قوات النظام السوري ليل الجمعة في ريف درعا.")
    assert evs and all(not e.actor for e in evs)
    assert {"SYR"} <= sides(evs[0])[1]


def test_caused_by_targeting_names_the_actor(pipeline):
    evs = assaults(pipeline, "وقتل أربعة فلسطينيين نتيجة استهداف قوات الاحتلال الإسرائيلي مسيرات سلمية قرب السياج.")
    assert evs and sides(evs[0]) == ({"ISR"}, {"PSE"})


@pytest.mark.parametrize("text", [
    "تحطمت طائرة عسكرية أميركية في جيبوتي ما أسفر عن أربعة قتلى.",
    "لقي ثلاثة أشخاص مصرعهم في حادث سير على الطريق الدولي.",
])
def test_accidents_are_no_assault(pipeline, text):
    assert assaults(pipeline, text) == []


def test_a_new_clause_with_its_own_subject_and_object(pipeline):
    doc = pipeline(Document(id="t", text="سقط عشرات الفلسطينيين بين قتيل وجريح برصاص الجيش الإسرائيلي "
                                        "واتهمت الحكومة الفلسطينية إسرائيل بارتكاب مذبحة."))
    accuse = [e for e in doc.events if e.type == "ACCUSE"]
    assert accuse and sides(accuse[0]) == ({"PSE"}, {"ISR"})


def test_a_place_name_holds_no_trigger(pipeline):
    doc = pipeline(Document(id="t", text="قتل ثلاثة جنود في انفجار عبوة ناسفة بمدينة بيشاور."))
    assert {e.type for e in doc.events} == {"ASSAULT"}, "بيشاور is Peshawar, not يشاور (consults)"


def test_issued_by_is_no_seizure(pipeline):
    doc = pipeline(Document(id="t", text="وسارعت إسرائيل في بيان صادر عن وزارة الخارجية إلى إدانة القرار."))
    assert "COERCE" not in {e.type for e in doc.events}


def test_at_the_hands_of_names_the_actor(pipeline):
    evs = assaults(pipeline, "وقتل شابان على أيدي مسلحين مجهولين في بغداد.")
    assert evs and evs[0].actor and evs[0].actor[0].entity.sector == "UAF"


def test_those_who_were_killed(pipeline):
    evs = assaults(pipeline, "ويشكل ذلك نصف الفلسطينيين الذين قتلوا في الحرب.")
    assert all(not e.actor for e in evs)


def test_an_attack_that_caused_the_deaths_before_them(pipeline):
    for text in ("وأكد السفير أن غارة جوية إسرائيلية أدت لمقتل ثلاثة عناصر من حركة حماس.",
                 "وانفجرت عبوة ناسفة أسفرت عن مقتل جنديين.",
                 "وقالت الشرطة إن القصف الإسرائيلي أدى إلى مقتل ثلاثة فلسطينيين."):
        evs = assaults(pipeline, text)
        assert len(evs) == 1, text
    evs = assaults(pipeline, "وأكد السفير أن غارة جوية إسرائيلية أدت إلى مقتل ثلاثة عناصر من حركة حماس.")
    assert {m.entity.country for m in evs[0].actor} == {"ISR"}

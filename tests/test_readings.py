"""Words that look like triggers but read otherwise in context, and clause structure that
decides who the subject is (relative clauses, conditionals, بأن)."""
from __future__ import annotations

import pytest

from hadath.model import Document


def found(pipeline, text):
    doc = pipeline(Document(id="t", text=text, published="2018-07-01"))
    return [(e.type, {m.entity.country or m.entity.id for m in e.actor},
             {m.entity.country or m.entity.id for m in e.recipient}) for e in doc.events]


@pytest.mark.parametrize("text, not_type", [
    ("لكن العراق مليء بالأسلحة والأحقاد.", "AID"),                         # أسلحة is no أسلّح + ه
    ("واعترفت تل أبيب بأن طائراتها قصفت مواقع في مدينة اللاذقية.", "SUPPORT"),  # admitted
    ("تعرضت ناشطات للاعتداء تحت تهديد السلاح شرقي الهند.", "THREATEN"),
    ("وكان الأتراك قد صوتوا على الدستور الذي يمنح الرئيس صلاحيات واسعة.", "AID"),
    ("ويواجه قائد المنتخب عقوبة السجن لخمس سنوات.", "SANCTION"),
    ("فازت فرنسا على الدانمارك في ثمن النهائي.", "SUPPORT"),
    ("وأعد التقرير الأممي لجنة الخبراء التابعة للأمم المتحدة.", "AGREE"),
    ("وتتخلل الزيارة لقاءات لتعزيز التبادل التجاري والاجتماعي بين مصر والأردن.", "CONSULT"),   # social
    ("وسيطرت القوات الحكومية اليمنية على قمة جبل الظهر في محافظة البيضاء.", "CONSULT"),
    ("وفي انتخابات عام 2015 تراجعت شعبية حزب العدالة والتنمية.", "CONCEDE"),
    ("دعا البيان الختامي للمؤتمر الوزاري الدولي إلى حماية لبنان.", "CONSULT"),      # ministerial
    ("ويزور وزير الخارجية الأمريكي في رحلته الشرق أوسطية الرياض.", "COERCE"),       # his trip
    ("لم يظهر في التسجيلات طالب الدكتوراه الإيطالي.", "REQUEST"),                    # a student
    ("وقال إن طهران تطور البنية التحتية لبناء أجهزة طرد مركزي متطورة.", "SANCTION"),   # centrifuges
    ("وقال الوزير إن إيران تمثل تهديدا أمنيا للمنطقة.", "THREATEN"),
    ("وتمنح هذه الجامعة درجات علمية للدارسين.", "AID"),
    ("وقدم المهاجرون طلب اللجوء في كندا.", "REQUEST"),
])
def test_look_alikes_are_no_events(pipeline, text, not_type):
    assert not_type not in {t for t, _, _ in found(pipeline, text)}


def test_recognition_is_still_support(pipeline):
    assert ("SUPPORT", {"SWE"}, {"PSE"}) in found(pipeline, "اعترفت السويد بدولة فلسطين.")


def test_the_head_of_a_relative_clause_is_its_subject(pipeline):
    assert ("SUPPORT", {"IRN"}, {"LBN"}) in found(   # Hezbollah, a Lebanese party
        pipeline, "وتواجه إيران، التي تدعم حزب الله، عقوبات أميركية.")


def test_a_relative_verb_with_the_heads_pronoun_keeps_its_own_subject(pipeline):
    assert any(t == "SUPPORT" and a == {"IRN"} for t, a, _ in
               found(pipeline, "وهاجمت إسرائيل الفصائل التي تدعمها إيران في سوريا."))


def test_a_condition_has_its_own_subject(pipeline):
    evs = found(pipeline, "وحذر الرئيس الإيراني من عواقب وخيمة إذا انسحبت الولايات المتحدة من الاتفاق.")
    assert ("RETREAT", {"USA"}, set()) in evs


def test_ability_is_no_occurrence(pipeline):
    doc = pipeline(Document(id="t", text="قالت وزارة الدفاع الأميركية إن النظام السوري ما يزال قادرا على شن هجمات كيميائية."))
    assert all("hypothetical" in e.aux for e in doc.events if e.type == "ASSAULT")


def test_a_counterpart_is_the_other_side_of_a_call(pipeline):
    evs = found(pipeline, "وطلب الرئيس الفرنسي إيمانويل ماكرون الأحد خلال اتصال هاتفي بنظيره الإيراني "
                          "حسن روحاني ممارسة الضغوط على النظام السوري.")
    assert ("CONSULT", {"FRA"}, {"IRN"}) in evs


def test_a_possible_visit_is_hypothetical(pipeline):
    doc = pipeline(Document(id="t", text="وينتظر الإيرانيون زيارة محتملة للرئيس الفرنسي إيمانويل ماكرون."))
    assert all("hypothetical" in e.aux for e in doc.events if e.type == "CONSULT")


def test_enjoying_support_is_receiving_it(pipeline):
    evs = found(pipeline, "يتمتع الرئيس التركي رجب طيب أردوغان بدعم قوي من روسيا.")
    assert ("SUPPORT", {"RUS"}, {"TUR"}) in evs


def test_air_defences_with_a_demonym_act(pipeline):
    evs = found(pipeline, "وأفادت مصادر عسكرية بأن الدفاعات الجوية السورية تصدت لهجوم صاروخي إسرائيلي.")
    assert any(a == {"SYR"} for t, a, _ in evs if t == "REJECT")


def test_a_spokesmans_office_is_not_the_target(pipeline):
    evs = found(pipeline, "فيما ندد الناطق باسم الرئاسة الفلسطينية نبيل أبو ردينة بالقانون الأميركي.")
    assert all("PSE" not in r for t, _, r in evs if t == "ACCUSE")


def test_a_politician_attacks_in_words(pipeline):
    evs = found(pipeline, "وهاجم الرئيس التركي رجب طيب أردوغان المعارضة في خطاب أمس.")
    assert {t for t, _, _ in evs} == {"ACCUSE"}


def test_a_commander_attacks_with_force(pipeline):
    evs = found(pipeline, "وهاجمت قوات حفتر العاصمة الليبية طرابلس.")
    assert "ASSAULT" in {t for t, _, _ in evs}


def test_a_masculine_verb_takes_no_feminine_subject_after_it(pipeline):
    # the subject is dropped; the opposition is what is supported
    evs = found(pipeline, "وكما دعم المعارضة السورية في حربها ضد الرئيس بشار الأسد.")
    assert not any(t == "SUPPORT" and a for t, a, _ in evs)


def test_a_title_after_a_name_is_no_second_actor(pipeline):
    doc = pipeline(Document(id="t", text="وانتقد كارلس بوغديمون، رئيس كتالونيا السابق، ترشح فالس لرئاسة البلدية."))
    assert len([e for e in doc.events if e.type == "ACCUSE"]) <= 1


def test_subjected_to_criticism_is_its_target(pipeline):
    evs = found(pipeline, "وقد تعرض قادة الكنائس لانتقادات من الحكومة الرواندية.")
    assert any(t == "ACCUSE" and a == {"RWA"} for t, a, _ in evs)


def test_killed_as_written_is_passive(pipeline):
    doc = pipeline(Document(id="t", text="وأصيب الصحفي الفلسطيني جعفر اشتية برصاص الجيش الإسرائيلي."))
    evs = [e for e in doc.events if e.type == "ASSAULT"]
    assert evs and {m.entity.country for m in evs[0].actor} == {"ISR"}


def test_a_surname_after_another_given_name_is_another_person(pipeline):
    doc = pipeline(Document(id="t", text="وأصيب الصحفي الفلسطيني جعفر اشتية برصاص الجيش الإسرائيلي."))
    assert not any(m.entity.id == "PER_MOHAMMAD_SHTAYYEH" for m in doc.mentions)


def test_the_speaker_of_a_first_person_verb_acts(pipeline):
    evs = found(pipeline, 'وقال وزير الخارجية الإيراني: "ندعم الحكومة السورية في حربها".')
    assert ("SUPPORT", {"IRN"}, {"SYR"}) in evs


def test_a_ministry_attacks_in_words(pipeline):
    evs = found(pipeline, "هاجمت وزارة الخارجية الإسرائيلية نادي ريال مدريد الإسباني.")
    assert {t for t, _, _ in evs} == {"ACCUSE"}


def test_admitting_is_no_recognition(pipeline):
    assert "SUPPORT" not in {t for t, _, _ in found(pipeline, "ولكن الجيش الأمريكي اعترف بوجود الفيديو.")}


def test_a_victim_noun_after_the_verb_makes_it_passive(pipeline):
    evs = found(pipeline, "وقتل شرطي أردني، السبت، في هجوم استهدف حافلة لقوات الدرك.")
    assert ("ASSAULT", set(), {"JOR"}) in evs


def test_a_second_verb_shares_the_first_ones_subject(pipeline):
    evs = found(pipeline, "قتل جنود الحرس الثوري الإيراني 10 مسلحين وأصاب آخرين في منطقة كردية.")
    assert [a for t, a, _ in evs] == [{"IRN"}, {"IRN"}]


def test_leaders_resign_with_a_masculine_verb(pipeline):
    evs = found(pipeline, "واستقال قادة الجيش التركي احتجاجا على اعتقال 200 عسكري.")
    assert any(t == "RETREAT" and a == {"TUR"} for t, a, _ in evs)


def test_a_speaker_who_acts_too(pipeline):
    evs = found(pipeline, "وتنفي موسكو أي تورط لها في الاعتداء وتتهم بريطانيا بشن حملة ضدها.")
    assert any(t == "ACCUSE" and a == {"RUS"} and r == {"GBR"} for t, a, r in evs)


def test_and_received(pipeline):
    evs = found(pipeline, "ولجأ أردوغان إلى إعلان مفاجئ عن انتخابات مبكرة وحصل على موافقة البرلمان التركي.")
    assert any(t == "AGREE" and r == {"TUR"} for t, _, r in evs)


@pytest.mark.parametrize("text", [
    "يلتقي مساء الأربعاء مرسيليا الفرنسي وأتلتيكو مدريد الإسباني في المباراة النهائية.",   # a match
    "أعلنت جماعة الحوثي وقفا مؤقتا قابلة للتمديد للعمليات العسكرية.",                      # قابلة: capable
    "وقالت إن العنف ضد المدنيين قد يشكل جرائم بموجب اتفاقية روما.",                         # a treaty named
    "انفجر بركان بالقرب من مدينة بالو الإندونيسية.",                                        # a volcano
])
def test_no_event_at_all(pipeline, text):
    assert found(pipeline, text) == []


def test_a_deputy_is_not_his_commander(pipeline):
    evs = found(pipeline, "حذر نائب القائد العام للحرس الثوري الإيراني العميد حسين سلامي إسرائيل.")
    assert [(t, r) for t, _, r in evs] == [("THREATEN", {"ISR"})]
    doc = pipeline(Document(id="t", text="حذر نائب القائد العام للحرس الثوري الإيراني العميد حسين سلامي إسرائيل."))
    assert doc.events[0].actor[0].entity.id == "PER_HOSSEIN_SALAMI"


def test_the_place_that_saw_it_did_not_do_it(pipeline):
    doc = pipeline(Document(id="t", text="شهدت مدينة دوما السورية قصفا عنيفا السبت."))
    assert all(not e.actor for e in doc.events)


def test_his_injury_by_police_fire(pipeline):
    evs = found(pipeline, "كما لقي أحد المتظاهرين مصرعه بعد إصابته برصاص الشرطة العراقية.")
    assert evs and all(a == {"IRQ"} for t, a, _ in evs if t == "ASSAULT")


def test_killed_in_shelling_by(pipeline):
    evs = found(pipeline, "وقال ناشطون إن عائلات بأكملها قتلت في قصف النظام السوري على الغوطة الشرقية.")
    assert any(t == "ASSAULT" and a == {"SYR"} for t, a, _ in evs)


def test_who_announces_its_own_act_does_it(pipeline):
    assert ("SANCTION", {"GBR"}, {"RUS"}) in found(pipeline, "وأعلنت الحكومة البريطانية فرض عقوبات على روسيا.")


def test_a_monitor_announcing_shelling_did_not_shell(pipeline):
    assert all(not a for t, a, _ in found(pipeline, "وأعلن المرصد السوري قصف مواقع في إدلب."))


def test_the_accused_alone_is_accused(pipeline):
    evs = found(pipeline, "كما يتهم النظام السوري باستخدام غاز السارين على بلدة خان شيخون.")
    assert not any(t == "ACCUSE" and a == {"SYR"} for t, a, _ in evs)


def test_no_agreement_is_negated(pipeline):
    doc = pipeline(Document(id="t", text="إننا لا نبادل السجناء نظرا لعدم وجود اتفاقية بيننا وبين فرنسا."))
    assert all(e.negated for e in doc.events if e.type == "AGREE")


def test_a_palestinian_boy_is_the_victim(pipeline):
    assert ("ASSAULT", {"ISR"}, {"PSE"}) in found(pipeline, "وكان فتى فلسطيني قد قتل برصاص الجيش الإسرائيلي.")


def test_so_is_no_given_name(pipeline):
    evs = found(pipeline, 'ووفق "رويترز"، فان ترمب طلب ألا يقتصر الهجوم على النظام السوري.')
    assert [(t, a) for t, a, _ in evs] == [("REQUEST", {"USA"})]


def test_after_inna_a_noun(pipeline):
    evs = found(pipeline, 'وقالت المديرة إن "رفض السلطات الأردنية السماح لطالبي اللجوء بالدخول لا يتفق مع التزاماتها".')
    assert ("REJECT", {"JOR"}, set()) in evs


def test_whose_decision_withdraws(pipeline):
    evs = found(pipeline, "تتزايد المخاوف من التبعات الاقتصادية لقرار الولايات المتحدة الانسحاب من الاتفاق النووي.")
    assert ("RETREAT", {"USA"}, set()) in evs


def test_a_protest_as_the_setting_is_not_the_shooters(pipeline):
    evs = found(pipeline, "قال مسؤولون إن القوات الإسرائيلية قتلت فلسطينيين وأصابت 415 آخرين خلال احتجاجات على الحدود.")
    assert not any(t == "PROTEST" and a == {"ISR"} for t, a, _ in evs)


def test_a_turkish_title_is_not_trumps(pipeline):
    evs = found(pipeline, "من جانبه، ناشد وزير التجارة التركي ترامب أن يعود إلى طاولة المفاوضات.")
    assert ("REQUEST", {"TUR"}, {"USA"}) in evs


def test_we_urge_is_no_subject_after_it(pipeline):
    evs = found(pipeline, "بالرغم من ذلك، نحن نناشد الرئيس ترامب العودة إلى طاولة التفاوض.")
    assert not any(a == {"USA"} for _, a, _ in evs)


def test_the_dead_and_the_wounded_of_one_attack(pipeline):
    evs = found(pipeline, "أعلنت وسائل إعلام سورية رسمية عن مقتل 6 مدنيين وإصابة العشرات اثر قصف فصائل المعارضة.")
    assert len([t for t, _, _ in evs if t == "ASSAULT"]) == 1


def test_killed_by_shelling_is_one_event(pipeline):
    evs = found(pipeline, "قتل الجيش الإسرائيلي 3 فلسطينيين على الحدود الشرقية لغزة بقصف مدفعي.")
    assert [(t, a) for t, a, _ in evs] == [("ASSAULT", {"ISR"})]


@pytest.mark.parametrize("text", [
    'قال الجيش السوري إنه استعاد 4 قرى من تحالف "قوات سوريا الديمقراطية".',   # a coalition
    "وشكلت وزارة الداخلية فريق بحث للوقوف على ملابسات الحادث.",                 # a search team
])
def test_nouns_after_a_preposition_or_a_head(pipeline, text):
    assert {t for t, _, _ in found(pipeline, text)} <= {"ASSAULT"}


@pytest.mark.parametrize("text", [
    "وقالت الشرطة البريطانية إنها تحقق في إرسال طرد يحتوي على مادة غريبة إلى أحد القصور.",   # a parcel
    "أعلن الجيش اليمني نزع فرقه الهندسية قرابة 3000 لغم أرضي وعبوة ناسفة.",                     # defused
    "تحطمت طائرة ركاب روسية بعد إقلاعها من مطار موسكو، وقتل جميع ركابها.",                    # a crash
])
def test_parcels_defused_bombs_and_crashes(pipeline, text):
    assert "ASSAULT" not in {t for t, _, _ in found(pipeline, text)} and "SANCTION" not in {t for t, _, _ in found(pipeline, text)}


def test_condemning_a_release_is_not_releasing(pipeline):
    evs = found(pipeline, "نددت السلطة الفلسطينية الثلاثاء بالإفراج عن جندي إسرائيلي.")
    assert not any(t == "RETREAT" and a == {"PSE"} for t, a, _ in evs)


def test_written_passive(pipeline):
    evs = found(pipeline, "اعتُقل ثلاثة ناشطين مصريين في القاهرة.")
    assert all(not a for _, a, _ in evs)


def test_a_counted_demonym(pipeline):
    assert ("ASSAULT", {"ISR"}, {"PSE"}) in found(pipeline, "وقُتل 20 فلسطينيا برصاص القوات الإسرائيلية.")


def test_an_attack_carried_out_by(pipeline):
    assert ("ASSAULT", {"USA"}, set()) in found(pipeline, "كما تزامن ذلك مع غارة جوية شنتها طائرة اميركية بدون طيار فجر امس.")
    assert any(t == "ASSAULT" and a and r == {"IRN"} for t, a, r in
               found(pipeline, "والشهر الماضي قتل 10 جنود إيرانيين في هجوم شنه مسلحون مجهولون قرب الحدود العراقية."))


def test_a_genitive_follows_its_noun_directly(pipeline):
    evs = found(pipeline, "واستهدف قصف مدفعي متقطع جماعات مسلحة في أطراف إدلب.")
    assert all(not a for t, a, _ in evs if t == "ASSAULT")


@pytest.mark.parametrize("text, not_type", [
    ("وقيل إن الجماعة مسؤولة عن بعض الهجمات الدموية في أفغانستان.", None),     # responsible for
    ("لقد كانوا دعما قويا لنا عندما احتجنا إلى الدعم.", "PROTEST"),             # we needed
    ("ولبنان غارق في الأزمات وحزب الله يحكم قبضته على البلاد.", "COERCE"),     # its grip
])
def test_responsible_needed_grip(pipeline, text, not_type):
    evs = found(pipeline, text)
    if not_type is None:
        assert not any("AGENT_GOV_OFFICIAL" in a for _, a, _ in evs)
    else:
        assert not_type not in {t for t, _, _ in evs}


def test_thousands_of_palestinians_protest(pipeline):
    assert ("PROTEST", {"PSE"}, set()) in found(pipeline, "وتظاهر آلاف الفلسطينيين على طول الحدود بين قطاع غزة وإسرائيل الجمعة.")


def test_the_addressee_of_a_demand_is_to_do_it(pipeline):
    evs = found(pipeline, "وطالبت المنظمة في بيان رسمي الحكومة التركية بإلغاء القرار والإفراج الفوري عن الصحفيين.")
    assert any(t == "RETREAT" and a == {"TUR"} for t, a, _ in evs)


def test_politics_about_a_world_cup_is_politics(pipeline):
    evs = found(pipeline, "حذر الرئيس الأمريكي دونالد ترامب من عدم مساندة واشنطن للدول التي لن تصوت لملف استضافة كأس العالم.")
    assert any(t == "THREATEN" for t, _, _ in evs)


def test_attacks_carried_out_by_militants_killed(pipeline):
    evs = found(pipeline, 'قتل 21 شخصا وأصيب 11 آخرين، الاثنين، من جراء عدة اعتداءات شنها مسلحون من جماعة "بوكو حرام".')
    assert [t for t, _, _ in evs] == ["ASSAULT"] and evs[0][1]


def test_with_support_from(pipeline):
    evs = found(pipeline, "وتتابع القوات اليمنية بدعم من التحالف العربي عمليات التمشيط في الساحل الغربي.")
    assert any(t == "SUPPORT" and r == {"YEM"} and a != {"YEM"} for t, a, r in evs)


def test_a_means_of_supply_or_funding_is_no_event(pipeline):
    evs = found(pipeline, "وتتابع القوات عملياتها لقطع طرق إمداد مليشيات الحوثي وشبكة تمويل الحرس الثوري.")
    assert "AID" not in {t for t, _, _ in evs}


def test_shelling_that_killed_is_one_event(pipeline):
    evs = found(pipeline, "قصفت الطائرات الروسية البلدة مما أسفر عن مقتل مدنيين.")
    assert [(t, a) for t, a, _ in evs] == [("ASSAULT", {"RUS"})]


def test_a_counted_student_is_no_demand(pipeline):
    assert "REQUEST" not in {t for t, _, _ in found(pipeline, "انتشل عمال الإنقاذ جثث 34 طالب لاهوت قضوا في انهيار أرضي.")}


def test_criticism_for_a_budget_is_not_the_budgets(pipeline):
    evs = found(pipeline, "وتعرض وزير الخارجية الأمريكي لانتقادات واسعة لمحاولته تقليص موازنة الخارجية الأميركية.")
    assert all(not a for t, a, _ in evs if t == "ACCUSE")


def test_killed_with_nothing_after_is_passive(pipeline):
    evs = found(pipeline, "وقالت مصادر محلية إن 3 متشددين من تنظيم القاعدة قتلوا، وأصيب آخرون في الغارة.")
    assert all(not a for t, a, _ in evs if t == "ASSAULT")


def test_the_dead_are_no_shellers(pipeline):
    evs = found(pipeline, "وتفاقم حصار الغوطة الشرقية حيث قتل أكثر من 500 مدني خلال سبعة أيام من القصف.")
    assert all(not a for t, a, _ in evs if t == "ASSAULT")


def test_killed_and_then_another_verb(pipeline):
    evs = found(pipeline, "وكانت المسعفة قتلت وأصيب نحو مئة شخص برصاص وقنابل غاز أطلقها الجيش الإسرائيلي.")
    assert all("ISR" not in r for t, _, r in evs if t == "ASSAULT")


def test_a_force_verb_with_no_object_is_passive(pipeline):
    evs = found(pipeline, "وقابلت المنظمة شابة نيجيرية اختطفت بعد أن هاجمت بوكو حرام قريتها.")
    assert not any(t == "ASSAULT" and a == {"NGA"} for t, a, _ in evs)


def test_a_clash_with_is_no_passive(pipeline):
    assert any(t == "ASSAULT" and a == {"SDN"} for t, a, _ in
               found(pipeline, "وكان الجيش السوداني قد اشتبك مع قوات الدعم السريع في الخرطوم."))


def test_the_name_of_a_relief_society_is_no_aid(pipeline):
    assert "AID" not in {t for t, _, _ in found(pipeline, "ونعى مصطفى البرغوثي رئيس جمعية الإغاثة الطبية الفلسطينية المسعفة.")}


def test_soldiers_do_not_protest(pipeline):
    evs = found(pipeline, "وقتل أكثر من 60 فلسطينيا بالرصاص الإسرائيلي خلال التظاهرات على حدود غزة.")
    assert all(a != {"ISR"} for t, a, _ in evs if t == "PROTEST")


def test_a_city_is_not_the_person_of_that_name(pipeline):
    doc = pipeline(Document(id="t", text="وشهدت مدينة أوستن بولاية تكساس انفجار طرد مفخخ."))
    assert not any(m.entity.id == "PER_LLOYD_AUSTIN" for m in doc.mentions)


def test_title_comma_name_comma_object(pipeline):
    evs = found(pipeline, "وطالب المتحدث الرسمي باسم الحكومة الفلسطينية، يوسف المحمود، المجتمع الدولي بالتدخل.")
    assert len(evs) == 1 and evs[0][0] == "REQUEST" and evs[0][2] == {"IGO"}   # the international community
    evs = found(pipeline, "ودعا الأمين العام للأمم المتحدة، أنطونيو غوتيريس، إسرائيل إلى ضبط النفس.")
    assert len(evs) == 1 and evs[0][0] == "REQUEST" and evs[0][2] == {"ISR"}


def test_two_killed_early_in_the_week_in_shelling(pipeline):
    evs = found(pipeline, "وكان عضوان من مسلحي حماس قد قتلا أوائل الأسبوع في قصف إسرائيلي على نقطة للحركة.")
    assert any(t == "ASSAULT" and a == {"ISR"} and "PSE" in r or "HAMAS" in r for t, a, r in evs)


@pytest.mark.parametrize("text", [
    "قتل ما لا يقل عن 49 شخصا جراء الأمطار الغزيرة في شمال الهند.",        # rain
    "وكان لتصويته دور حيوي في إقرار اتفاق أوسلو في الكنيست.",               # an accord's name
    "وكشف مصدر أن السعودية منحت الإذن للسلطات التركية بتفتيش القنصلية.",    # permission
])
def test_weather_accords_and_permissions(pipeline, text):
    assert {t for t, _, _ in found(pipeline, text)} <= {"CONSULT"} and \
        not {t for t, _, _ in found(pipeline, text)} & {"ASSAULT", "AGREE", "AID"}


def test_a_list_of_people_is_no_apposition(pipeline):
    evs = found(pipeline, "ومن المقرر أن تلتقي ملكة بريطانيا، والأمير تشارلز، والدي ميغان ماركل هذا الأسبوع.")
    assert len([t for t, _, _ in evs if t == "CONSULT"]) >= 2


def test_a_president_named_before_a_cause_did_not_kill(pipeline):
    evs = found(pipeline, "وقاد ضباط تمردا على حكم الرئيس، رجب طيب أردوغان، أدى إلى مقتل 250 من المحتجين المدنيين.")
    assert all(not a for t, a, _ in evs if t == "ASSAULT")

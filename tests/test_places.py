"""Place names and event locations (hadath.extract.places)."""
from __future__ import annotations

import pytest

from hadath.extract.places import PlaceMention, event_location, find_places, gazetteer
from hadath.model import Place

# (sentence, [(surface, English name, country)])
CASES = [
    # the reference article
    ("حيث جعلت حكومة الوفاق الوطني المعترف بها في طرابلس تتبارى ضد حكومة منافسة في طبرق",
     [("طرابلس", "Tripoli", "LBY"), ("طبرق", "Tobruk", "LBY")]),
    ("القائد المتمركز في بنغازي على أنه البديل الوحيد في ليبيا",
     [("بنغازي", "Benghazi", "LBY"), ("ليبيا", "Libya", "LBY")]),
    ("تدعم تل أبيب، إلى جانب القاهرة وباريس والرياض وأبو ظبي حفتر",
     [("تل أبيب", "Tel Aviv", "ISR"), ("القاهرة", "Cairo", "EGY"), ("باريس", "Paris", "FRA"),
      ("الرياض", "Riyadh", "SAU"), ("أبو ظبي", "Abu Dhabi", "ARE")]),
    ("من منظور مصالحها في شبه جزيرة سيناء", [("شبه جزيرة سيناء", "Sinai", "EGY")]),
    ("الروابط بين القوى المسلحة في ليبيا وسيناء", [("ليبيا", "Libya", "LBY"), ("سيناء", "Sinai", "EGY")]),
    ("التقى حفتر مع عملاء الموساد في الأردن", [("الأردن", "Jordan", "JOR")]),
    ("عقد اجتماعا آخر في عمان مع مسؤولين أردنيين", [("عمان", "Amman", "JOR")]),
    ("في جميع أنحاء فزان، المنطقة الجنوبية الغربية", [("فزان", "Fezzan", "LBY")]),
    ("تحذر السلطات في الجزائر من الدعم", [("الجزائر", "Algeria", "DZA")]),
    ("الدول العربية وتحديدا مصر والسعودية والإمارات العربية المتحدة",
     [("مصر", "Egypt", "EGY"), ("السعودية", "Saudi Arabia", "SAU"),
      ("الإمارات العربية المتحدة", "United Arab Emirates", "ARE")]),
    # clitics: the span is the name alone
    ("وصل الوفد بطرابلس أمس", [("طرابلس", "Tripoli", "LBY")]),
    ("قدمت مساعدات لليبيا", [("ليبيا", "Libya", "LBY")]),
    ("وقعت اشتباكات وبنغازي تشهد هدوءا", [("بنغازي", "Benghazi", "LBY")]),
    ("زار الوزير الجزائر وبالقاهرة التقى نظيره", [("الجزائر", "Algeria", "DZA"), ("القاهرة", "Cairo", "EGY")]),
    ("قال في تصريحات للسعودية", [("سعودية", "Saudi Arabia", "SAU")]),
    ("وفي الموصل قتل خمسة", [("الموصل", "Mosul", "IRQ")]),
    # Middle East cities and regions
    ("قصف الطيران مواقع في إدلب وحلب", [("إدلب", "Idlib", "SYR"), ("حلب", "Aleppo", "SYR")]),
    ("سيطرت القوات على الرقة ودير الزور", [("الرقة", "Raqqa", "SYR"), ("دير الزور", "Deir ez-Zor", "SYR")]),
    ("اندلعت اشتباكات في كركوك", [("كركوك", "Kirkuk", "IRQ")]),
    ("وصلت التعزيزات إلى سرت ومصراتة", [("سرت", "Sirte", "LBY"), ("مصراتة", "Misrata", "LBY")]),
    ("انفجرت سيارة في درنة", [("درنة", "Derna", "LBY")]),
    ("تقدمت القوات نحو صنعاء من مأرب", [("صنعاء", "Sanaa", "YEM"), ("مأرب", "Marib", "YEM")]),
    ("تجددت المعارك في الحديدة وعدن", [("الحديدة", "Hodeidah", "YEM"), ("عدن", "Aden", "YEM")]),
    ("تظاهر الآلاف في الخرطوم ودارفور", [("الخرطوم", "Khartoum", "SDN"), ("دارفور", "Darfur", None)]),
    ("أطلقت صواريخ من قطاع غزة على عسقلان", [("قطاع غزة", "Gaza Strip", "PSE"), ("عسقلان", "Ashkelon", "ISR")]),
    ("اقتحمت القوات مدينة جنين في الضفة الغربية", [("جنين", "Jenin", "PSE"), ("الضفة الغربية", "West Bank", "PSE")]),
    ("نقلت السفارة من تل أبيب إلى القدس", [("تل أبيب", "Tel Aviv", "ISR"), ("القدس", "Jerusalem", None)]),
    ("غارات إسرائيلية على مواقع في الجولان", [("الجولان", "Golan Heights", "SYR")]),
    ("التقى الرئيس في طهران نظيره التركي القادم من أنقرة", [("طهران", "Tehran", "IRN"), ("أنقرة", "Ankara", "TUR")]),
    ("عقد المؤتمر في إسطنبول", [("إسطنبول", "Istanbul", "TUR")]),
    ("اجتمع وزراء الخارجية في الدوحة والمنامة", [("الدوحة", "Doha", "QAT"), ("المنامة", "Manama", "BHR")]),
    ("مقتل جنود في شمال سيناء", [("شمال سيناء", "North Sinai", "EGY")]),
    ("قتل ثلاثة في بيروت وصيدا", [("بيروت", "Beirut", "LBN"), ("صيدا", "Sidon", "LBN")]),
    ("اشتباكات في طرابلس اللبنانية", [("طرابلس اللبنانية", "Tripoli", "LBN")]),
    ("هجوم على مدينة صور", [("صور", "Tyre", "LBN")]),
    ("عبرت سفن مضيق هرمز نحو البحر الأحمر", [("مضيق هرمز", "Strait of Hormuz", None), ("البحر الأحمر", "Red Sea", None)]),
    ("وصل وزير الخارجية إلى سلطنة عمان", [("سلطنة عمان", "Oman", "OMN")]),
    ("وقعت الاشتباكات في محافظة البيضاء وسط اليمن", [("البيضاء", "Al Bayda", "YEM"), ("اليمن", "Yemen", "YEM")]),
    # countries (generated from CLDR) and their variants
    ("زار الرئيس الولايات المتحدة الأميركية وروسيا والصين",
     [("الولايات المتحدة الأميركية", "United States", "USA"), ("روسيا", "Russia", "RUS"), ("الصين", "China", "CHN")]),
    ("انتقدت بريطانيا وفرنسا وألمانيا القرار",
     [("بريطانيا", "United Kingdom", "GBR"), ("فرنسا", "France", "FRA"), ("ألمانيا", "Germany", "DEU")]),
    ("وقعت إيران وتركيا اتفاقا", [("إيران", "Iran", "IRN"), ("تركيا", "Turkey", "TUR")]),
    ("أرسلت موريتانيا وجيبوتي والصومال وجزر القمر وفودا",
     [("موريتانيا", "Mauritania", "MRT"), ("جيبوتي", "Djibouti", "DJI"), ("الصومال", "Somalia", "SOM"),
      ("جزر القمر", "Comoros", "COM")]),
    ("دعت فنزويلا والبرازيل إلى الحوار", [("فنزويلا", "Venezuela", "VEN"), ("البرازيل", "Brazil", "BRA")]),
    ("أعلنت #كوريا_الشمالية تعليق التجارب", [("كوريا_الشمالية", "North Korea", "PRK")]),
    ("الفلسطينيون في الأراضي الفلسطينية المحتلة", [("الأراضي الفلسطينية المحتلة", "Palestine", "PSE")]),
    # capitals named by their country's adjective, unless the name follows
    ("وصل الوفد إلى العاصمة السورية أمس", [("العاصمة السورية", "Damascus", "SYR")]),
    ("قتل خمسة في العاصمة الليبية طرابلس", [("طرابلس", "Tripoli", "LBY")]),
    # places beyond the region and a country other than the section's
    ("ضمت روسيا شبه جزيرة القرم", [("روسيا", "Russia", "RUS"), ("شبه جزيرة القرم", "Crimea", "UKR")]),
    ("وقع التسميم في سالزبري", [("سالزبري", "Salisbury", "GBR")]),
    ("تقدمت القوات نحو الدريهمي والتحيتا", [("الدريهمي", "Durayhimi", "YEM"), ("التحيتا", "Tuhayta", "YEM")]),
    ("اقتحم مستوطنون المسجد الأقصى", [("المسجد الأقصى", "Jerusalem", None)]),
    # with diacritics
    ("وَصَلَ الوَفْدُ إِلَى بَنْغَازِي", [("بَنْغَازِي", "Benghazi", "LBY")]),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_find_places(sentence, expected):
    found = find_places(sentence, 0, len(sentence))
    assert [(p.text, p.name, p.country) for p in found] == expected
    for p in found:
        assert sentence[p.start:p.end] == p.text
        assert isinstance(p, Place) and isinstance(p, PlaceMention)
        assert p.record() == {"name": p.name, "country": p.country, "text": p.text}


def test_enough_cases():
    assert sum(len(e) for _, e in CASES) >= 40 and len(CASES) >= 40


NOT_PLACES = [
    "مارس ضغوطا سياسية كبيرة",
    "يسعون دوماً لإسقاط النظام",          # دوماً "always", not Douma
    "قدمت الحكومة دعم مالي للمزارعين",    # مالي "financial", not Mali
    "نشرت صحيفة نيويورك تايمز تقريرا",     # a newspaper
    "عاد إلى مسقط رأسه",                   # "his birthplace", not Muscat
    "تحدث بعدة لغات",                      # لغات "languages", not Ghat
    "على الصعيد المحلي تراجعت الأسعار",     # "at the level", not Upper Egypt
    "تحقيق مآرب سياسية",                   # مآرب "aims", not Marib
    "انتقل إلى الزاوية الأخرى من الغرفة",
    "بلغت الحد الأقصى للسرعة",                 # الأقصى "the maximum"
    "قال المدعي العام إن الخبر صحيح",           # الخبر "the news", not Khobar
]


@pytest.mark.parametrize("sentence", NOT_PLACES)
def test_not_places(sentence):
    assert find_places(sentence, 0, len(sentence)) == []


def test_offsets_into_the_whole_text():
    text = "مقدمة عن الحرب. قتل خمسة في بنغازي."
    s = text.index("قتل")
    (p,) = find_places(text, s, len(text))
    assert text[p.start:p.end] == "بنغازي" and p.start > s
    assert find_places(text, 0, s) == []


def test_roles():
    text = "نقل المقاتلون من مصراتة إلى سرت عبر الطريق الساحلي واشتبكوا في بنغازي ضد قوات قرب درنة"
    roles = {p.name: p.role for p in find_places(text)}
    assert roles == {"Misrata": "source", "Sirte": "destination", "Benghazi": "location", "Derna": "at"}


def test_tripoli_of_lebanon_by_context():
    (lb, tr, sd) = find_places("كبرى مدن لبنان طرابلس وصيدا")
    assert (tr.name, tr.country) == ("Tripoli", "LBN")
    (ly,) = find_places("اشتباكات في طرابلس")
    assert (ly.name, ly.country) == ("Tripoli", "LBY")


def test_amman_and_oman():
    assert find_places("زار الملك عمان")[0].name == "Oman"
    assert find_places("التقى الوزراء في عمان")[0].name == "Amman"
    assert find_places("وصل السلطان إلى عمان قادما من مسقط")[0].name == "Oman"
    assert find_places("زار الملك الأردني عمان")[0].name == "Amman"


def _trigger(text: str, word: str) -> tuple[int, int]:
    s = text.index(word)
    return s, s + len(word)


def test_event_location_prefers_in_after_the_trigger():
    text = "انطلقت القوات من مصراتة وهاجمت مواقع في سرت"
    places = find_places(text)
    assert event_location(places, *_trigger(text, "هاجمت")).name == "Sirte"


def test_event_location_before_the_trigger():
    text = "في بنغازي، اشتبكت القوات مع مسلحين قادمين من درنة"
    places = find_places(text)
    assert event_location(places, *_trigger(text, "اشتبكت")).name == "Benghazi"


def test_event_location_source_only_if_nothing_else():
    text = "انسحبت القوات من طرابلس"
    places = find_places(text)
    assert event_location(places, *_trigger(text, "انسحبت")).name == "Tripoli"
    assert event_location([], 0, 1) is None


def test_event_location_same_clause():
    text = "أعلنت القاهرة، التي تدعم حفتر، أنها ستعقد اجتماعا في عمان مع مسؤولين أردنيين"
    places = find_places(text)
    assert event_location(places, *_trigger(text, "اجتماعا")).name == "Amman"


def test_plain_place_objects_are_accepted():
    text = "اجتماع في بنغازي"
    plain = [Place("Benghazi", "LBY", "بنغازي", 10, 16)]
    assert event_location(plain, 0, 6).name == "Benghazi"


def test_gazetteer_covers_every_country_and_arab_capital():
    g = gazetteer()
    names = {e.name for e in g.entries}
    for capital in ["Cairo", "Riyadh", "Baghdad", "Damascus", "Beirut", "Amman", "Tripoli", "Tunis",
                    "Algiers", "Rabat", "Nouakchott", "Khartoum", "Mogadishu", "Djibouti", "Moroni",
                    "Sanaa", "Muscat", "Doha", "Kuwait City", "Manama", "Abu Dhabi", "Jerusalem",
                    "Ramallah", "Tehran", "Ankara"]:
        assert capital in names, capital
    countries = {e.country for e in g.entries if e.type == "country"}
    assert len(countries) >= 240


def test_reference_article_locations(reference_text):
    lines = reference_text.split("\n")
    base = [0]
    for line in lines[:-1]:
        base.append(base[-1] + len(line) + 1)

    def location(n: int, trigger: str):
        s = base[n] + lines[n].index(trigger)
        places = find_places(reference_text, base[n], base[n] + len(lines[n]))
        return event_location(places, s, s + len(trigger))

    assert location(6, "التقى").name == "Jordan"
    assert location(8, "غارات").name == "Libya"
    assert location(10, "اجتماعًا").name == "Amman"
    assert location(13, "لهجوم").name == "Tripoli"


def test_bare_names_are_actors_not_locations():
    text = "تدعم تل أبيب، إلى جانب القاهرة وباريس، حفتر الذي يرغب في السيطرة على ليبيا"
    places = find_places(text)
    assert event_location(places, *_trigger(text, "تدعم")) is None


def test_direction_without_preposition():
    text = "قتل خمسة جنود شمال بغداد"
    (p,) = find_places(text)
    assert (p.name, p.role) == ("Baghdad", "at")
    assert event_location([p], *_trigger(text, "قتل")).name == "Baghdad"
    (q,) = find_places("قتل خمسة في شمال سوريا")
    assert q.role == "location"


from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = ["في", "بنغازي", "بطرابلس", "لليبيا", "وسيناء", "شبه", "جزيرة", "سيناء", "مدينة", "صور",
           "عمان", "سلطنة", "من", "إلى", "\u064e", "\u0640", "\u200f", "ﻻ", "#", "_", "،", "الولايات",
           "المتحدة", "x", "2015", "تل", "أبيب"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25), st.sampled_from([" ", "", "  "]))
def test_offsets_hold_on_any_text(pieces, sep):
    text = "مقدمة " + sep.join(pieces) + " خاتمة"
    start, end = 6, len(text) - 6
    places = find_places(text, start, end)
    for p in places:
        assert start <= p.start < p.end <= end
        assert text[p.start:p.end] == p.text
    if places:
        event_location(places, start, start + 1)


def test_seats_of_power_are_their_cities():
    text = "والتقى نتنياهو بالرئيس الأميركي في البيت الأبيض، بعد زيارة إلى الكرملين."
    names = {p.name for p in find_places(text)}
    assert {"Washington", "Moscow"} <= names


def test_a_backer_is_no_place():
    roles = {p.name: p.role for p in find_places("استهدفت الضربات ميليشيات مدعومة من إيران في سوريا.")}
    assert roles["Iran"] not in ("location", "at", "source") and roles["Syria"] == "location"

from desktop.domain import enums


def test_enum_sizes() -> None:
    assert len(enums.POVERTY_CAUSES) == 11  # 01–11 of the national list
    assert len(enums.ETHNICITIES) == 57  # the 56 of GB 3304 and 其他
    assert enums.ETHNICITIES[:4] == ("汉族", "蒙古族", "回族", "藏族")  # GB 3304 order
    assert enums.ETHNICITIES[-2:] == ("基诺族", "其他")
    assert len(enums.RELATIONS) == 21
    assert len(enums.SCHOOLING) == 17  # 16 national values and 送教上门
    assert len(enums.LABOUR) == 4
    assert "因自然灾害" in enums.RISK_TYPES


def test_no_duplicates() -> None:
    for name in dir(enums):
        value = getattr(enums, name)
        if name.isupper() and isinstance(value, tuple):
            assert len(set(value)) == len(value), name


def test_rule_sets_hold_grades_and_every_stored_spelling() -> None:
    assert {"小学", "七年级", "八年级", "九年级", "送教上门", "初中"} == enums.ATTENDING_SCHOOL
    assert "学前教育" not in enums.ATTENDING_SCHOOL
    assert {"高中一年级", "中职三年级", "高职二年级", "大专及以上", "高中"} <= enums.PAST_COMPULSORY_SCHOOL
    assert not enums.ATTENDING_SCHOOL & enums.PAST_COMPULSORY_SCHOOL
    assert {"本人或户主", "户主"} == enums.HEAD_RELATIONS
    assert enums.HEAD_RELATION == "本人或户主"
    assert {"大病", "患有大病"} == enums.SERIOUS_ILLNESS
    assert "弱劳动力或半劳动力" not in enums.ABLE_LABOUR | enums.NO_LABOUR
    assert {"普通劳动力", "技能劳动力"} == enums.ABLE_LABOUR
    assert {"丧失劳动力", "无劳动力"} == enums.NO_LABOUR

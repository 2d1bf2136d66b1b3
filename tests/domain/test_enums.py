from desktop.domain import enums


def test_enum_sizes() -> None:
    assert len(enums.POVERTY_CAUSES) == 12
    assert len(enums.ETHNICITIES) == 57  # 56 official names and 其他
    assert enums.ETHNICITIES[:2] == ("汉族", "藏族")
    assert enums.ETHNICITIES[-1] == "其他"
    assert len(enums.LABOUR) == 5
    assert "因自然灾害" in enums.RISK_TYPES


def test_no_duplicates() -> None:
    for name in dir(enums):
        value = getattr(enums, name)
        if name.isupper() and isinstance(value, tuple):
            assert len(set(value)) == len(value), name


def test_attending_school_sets_are_schooling_values() -> None:
    assert {"小学", "初中", "送教上门"} == enums.ATTENDING_SCHOOL
    assert "学前教育" not in enums.ATTENDING_SCHOOL
    assert set(enums.SCHOOLING) >= enums.ATTENDING_SCHOOL
    assert set(enums.SCHOOLING) >= enums.PAST_COMPULSORY_SCHOOL
    assert set(enums.LABOUR) >= enums.ABLE_LABOUR | enums.NO_LABOUR

"""The demo's people: families, names, birth dates, ID numbers, phones, schooling and member fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.domain.enums import ABLE_LABOUR, HEAD_RELATION
from desktop.domain.idnumber import check_character
from desktop.services.demo.common import (
    _CHILD_RELATIONS,
    _PHONE_PREFIXES,
    ACCIDENT,
    DIBAO,
    EDUCATION_GAP,
    FEMALE,
    ILLNESS,
    MALE,
    MEDICAL_GAP,
    TEKUN,
    WORK_AWAY,
    _BuilderBase,
    _other,
    _Person,
    _Plan,
    _years_before,
)


class _PeopleMixin(_BuilderBase):
    # people ---------------------------------------------------------------------------------------------

    def _family(self, plan: _Plan) -> list[_Person]:
        rng = self.rng
        if plan.category == TEKUN:
            head = _Person(HEAD_RELATION, rng.choice((MALE, FEMALE)), rng.randint(66, 86))
            people = [head]
            if plan.size > 1:
                spouse = rng.random() < 0.5
                relation = "配偶" if spouse else "之兄弟姐妹"
                sex = _other(head.sex) if spouse else rng.choice((MALE, FEMALE))
                people.append(_Person(relation, sex, min(92, max(62, head.age + rng.randint(-6, 6)))))
            return people

        three_generations = plan.size >= 5 and not plan.gap and plan.story != ILLNESS and rng.random() < 0.5
        head_sex = MALE if rng.random() < 0.78 else FEMALE
        if plan.gap == EDUCATION_GAP:
            head_age = rng.randint(36, 46)
        elif plan.gap == MEDICAL_GAP:
            head_age = rng.randint(47, 56)
        elif plan.story == ILLNESS:
            head_age, head_sex = rng.randint(46, 58), MALE
        elif three_generations:
            head_age = rng.randint(55, 74)
        else:
            head_age = rng.randint(min(50, max(26, 20 + 3 * plan.size)), 60)
        head = _Person(HEAD_RELATION, head_sex, head_age, tag="ill" if plan.story == ILLNESS else "")
        if plan.story == ACCIDENT:
            head.tag = "injured"
        people = [head]
        left = plan.size - 1
        must_marry = plan.story == ILLNESS or plan.gap == EDUCATION_GAP
        if left and (must_marry or rng.random() < (0.9 if head_age < 65 else 0.6)):
            spouse_age = min(92, max(20, head_age + rng.randint(-5, 4)))
            people.append(
                _Person("配偶", _other(head_sex), spouse_age, tag="ranger" if plan.story == ILLNESS else "")
            )
            left -= 1

        if three_generations and left >= 2:
            child_age = max(22, head_age - rng.randint(22, 30))
            son = rng.random() < 0.85
            people.append(_Person("之子" if son else "之女", MALE if son else FEMALE, child_age))
            people.append(
                _Person(
                    "之儿媳" if son else "之女婿",
                    FEMALE if son else MALE,
                    max(20, child_age + rng.randint(-4, 3)),
                )
            )
            left -= 2
            age = child_age - rng.randint(20, 26)
            while left and age >= 0:
                boy = rng.random() < 0.5
                people.append(_Person("之孙子" if boy else "之孙女", MALE if boy else FEMALE, age))
                age -= rng.randint(1, 4)
                left -= 1
            while left:
                boy = rng.random() < 0.5
                people.append(
                    _Person(
                        "之子" if boy else "之女",
                        MALE if boy else FEMALE,
                        rng.randint(16, max(16, child_age - 2)),
                    )
                )
                left -= 1
            return people

        if left >= 3 and head_age <= 48 and not plan.gap and rng.random() < 0.35:
            for relation, sex in (("之父", MALE), ("之母", FEMALE))[: rng.randint(1, 2)]:
                people.append(_Person(relation, sex, min(92, head_age + rng.randint(22, 30))))
                left -= 1
        age = head_age - rng.randint(20, 27)
        while left:
            boy = rng.random() < 0.5
            if age >= 0:
                people.append(_Person("之子" if boy else "之女", MALE if boy else FEMALE, age))
            else:
                people.append(
                    _Person("之兄弟姐妹", MALE if boy else FEMALE, max(16, head_age + rng.randint(-8, 8)))
                )
            age -= rng.randint(1, 4)
            left -= 1

        children = [p for p in people if p.relation in _CHILD_RELATIONS]
        if plan.gap == EDUCATION_GAP:
            dropout = min(children, key=lambda p: abs(p.age - 13))
            dropout.age, dropout.tag = 13, "dropout"
        elif plan.gap == MEDICAL_GAP:
            adults = [p for p in children if p.age >= 18] or [head]
            max(adults, key=lambda p: p.age).tag = "uninsured"
        return people

    def _names(self, people: list[_Person], han: bool) -> None:
        names = self.facts["names"]
        surname = self.rng.choice(names["han_surnames"])
        taken: list[str] = []
        for person in people:
            spouse_like = person.relation in ("配偶", "之母", "之儿媳", "之女婿")
            person_han = han or (person.relation == "配偶" and self.rng.random() < names["han_spouse_share"])
            person.ethnicity = "汉族" if person_han else "藏族"
            for _ in range(50):
                if person_han:
                    family = self.rng.choice(names["han_surnames"]) if spouse_like or not han else surname
                    given = names["han_male" if person.sex == MALE else "han_female"]
                    name = family + self.rng.choice(given)
                else:
                    name = self._tibetan_name(person.sex)
                if name not in taken:
                    break
            person.name = name
            taken.append(name)

    def _tibetan_name(self, sex: str) -> str:
        names, rng = self.facts["names"], self.rng
        if rng.random() < 0.18:
            return rng.choice(names["tibetan_single_male" if sex == MALE else "tibetan_single_female"])
        first = rng.choice(names["tibetan_first"])
        second = first
        while second == first:
            second = rng.choice(names["tibetan_male" if sex == MALE else "tibetan_female"])
        return first + second

    def _birth_date(self, age: int) -> dt.date:
        latest = _years_before(self.today, age)
        earliest = _years_before(self.today, age + 1) + dt.timedelta(days=1)
        return earliest + dt.timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def _id_number(self, birth: dt.date, sex: str) -> str:
        ids = self.facts["id_numbers"]
        region = ids["old_region"] if birth.year < ids["old_region_before"] else ids["region"]
        while True:
            sequence = self.rng.randrange(1, 500) * 2 - (1 if sex == MALE else 0)  # odd for men
            first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                return first17 + check_character(first17)

    def _phone(self) -> str:
        while True:
            prefix = self.rng.choice(_PHONE_PREFIXES)
            phone = f"{prefix}{self.rng.randrange(10**8):08d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _member_fields(self, person: _Person, plan: _Plan) -> dict[str, Any]:
        rng, age, tag = self.rng, person.age, person.tag
        schools = self.facts["schools"]
        person.birth_date = self._birth_date(age)
        education, schooling = self._schooling(person)
        person.schooling = schooling
        student = schooling not in ("非在校生",)

        health, disability, note = "健康", None, None
        if tag == "ill":
            health = "大病"
            note = f"{self.latest} 年确诊{self.facts['health']['serious']}"
        elif tag == "injured":
            health, disability = "残疾", "肢体三级"
            note = f"{self.latest} 年务工时摔伤"
        elif age >= 18 and not tag:
            roll = rng.random()
            chronic, disabled = (0.35, 0.04) if age >= 60 else (0.06, 0.02)
            if roll < disabled:
                health, disability = "残疾", rng.choice(self.facts["health"]["disability"])
            elif roll < disabled + chronic:
                health = "长期慢性病"
                note = rng.choice(self.facts["health"]["chronic"])
        person.health = health

        if age < 16 or (student and age < 23):
            labour = "无劳动力"
        elif tag == "ill":
            labour = "丧失劳动力"
        elif tag in ("ranger", "uninsured"):
            labour = "普通劳动力"
        elif health == "残疾" or tag == "injured":
            labour = rng.choice(("弱劳动力或半劳动力", "丧失劳动力"))
        elif age >= 70:
            labour = "无劳动力"
        elif age >= 60 or (health == "长期慢性病" and rng.random() < 0.5):
            labour = "弱劳动力或半劳动力"
        else:
            labour = "技能劳动力" if rng.random() < 0.2 else "普通劳动力"
        person.labour = labour

        away = 0.45 if plan.poor else 0.35  # share of able adults working away
        work_status: str | None = None if age < 16 else "未务工"
        months: int | None = None if age < 16 else 0
        if tag == "ranger":
            work_status, months, note = "乡（镇）内务工", 12, "生态护林员"
        elif tag == "uninsured":
            work_status, months = "省外务工", 10
            note = self.facts["gaps"]["medical"]["note"].format(year=self.today.year)
        elif labour in ABLE_LABOUR and 18 <= age <= 58 and not student and rng.random() < away:
            work_status = rng.choices(WORK_AWAY, (15, 35, 35, 15))[0]
            months = rng.randint(3, 12) if work_status == "乡（镇）内务工" else rng.randint(4, 10)
        if tag == "dropout":
            note = "本学期开学后未返校，在家放牧"
        person.work_status, person.work_months = work_status, months

        insured = tag != "uninsured"
        adult = age >= 16 and not student
        political = "群众"
        if age >= 20 and rng.random() < (0.12 if person.relation == HEAD_RELATION else 0.04):
            political = "中共党员"
        elif 14 <= age <= 28 and rng.random() < 0.3:
            political = "共青团员"
        return {
            "name": person.name,
            "sex": person.sex,
            "id_number": self._id_number(person.birth_date, person.sex),
            "relation": person.relation,
            "ethnicity": person.ethnicity,
            "political_status": political,
            "birth_date": person.birth_date,
            "education": education,
            "schooling": schooling,
            "school_name": schools.get(schooling),
            "health": health,
            "disability": disability,
            "labour": labour,
            "work_status": work_status,
            "work_months": months,
            "medical_insurance": insured,
            "serious_illness_insurance": insured,
            "pension_insurance": (rng.random() < 0.95) if adult else None,
            "family_doctor": plan.poor or age >= 65 or health != "健康" or rng.random() < 0.6,
            "chronic_card": True if health == "长期慢性病" else None,
            "dibao": plan.category == DIBAO or plan.story == ILLNESS,
            "tekun": plan.category == TEKUN,
            "soldier": False,
            "phone": self._phone() if self._has_phone(person) else None,
            "note": note,
        }

    def _has_phone(self, person: _Person) -> bool:
        """Every head has one (the household's contact number); other adults often do."""
        if person.relation == HEAD_RELATION:
            return True
        return 18 <= person.age <= 65 and self.rng.random() < 0.5

    def _schooling(self, person: _Person) -> tuple[str | None, str]:
        """(文化程度, 在校生状况) for the person's age today."""
        rng, age = self.rng, person.age
        if person.tag == "dropout":
            return "小学", "非在校生"
        if age <= 2:
            return None, "非在校生"
        if age <= 5:
            return "学龄前儿童", "学前教育"
        if age <= 11:
            return "小学", "小学"
        if age <= 14 or (age == 15 and rng.random() < 0.7):
            return "初中", "初中"
        if age == 15:
            return "高中", "高中"
        if age <= 18 and person.tag != "uninsured":
            roll = rng.random()
            if roll < 0.45:
                return "高中", "高中"
            if roll < 0.75 or age == 16:
                # a 16-year-old may still be 15 by the enrolment cut-off: of compulsory-school age
                return "中专", "中职"
            return "初中", "非在校生"
        if age <= 22 and person.tag != "uninsured" and rng.random() < 0.2:
            return "大专及以上", "大专及以上"
        born = self.today.year - age
        if born < 1960:
            options: tuple[tuple[str, int], ...] = (("文盲或半文盲", 60), ("小学", 40))
        elif born < 1976:
            options = (("文盲或半文盲", 30), ("小学", 50), ("初中", 20))
        elif born < 1991:
            options = (("小学", 40), ("初中", 45), ("高中", 10), ("中专", 5))
        else:
            options = (("初中", 45), ("高中", 25), ("中专", 15), ("大专及以上", 15))
        return rng.choices([o for o, _ in options], [w for _, w in options])[0], "非在校生"

"""The demo's work: assessments, incomes, helpers, pairings, measures, monitoring, work logs, indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desktop.domain.enums import NO_LABOUR
from desktop.domain.errors import InvalidInput
from desktop.services.demo.common import (
    ACCIDENT,
    DIBAO,
    DISASTER,
    EDUCATION_GAP,
    FEMALE,
    HAIL,
    HOUSING_GAP,
    ILLNESS,
    MALE,
    MEDICAL_GAP,
    TEKUN,
    WATER_GAP,
    _Context,
    _dec,
    _Person,
    _Plan,
    _share,
)
from desktop.services.demo.people import _PeopleMixin
from desktop.store.ids import natural_id
from desktop.store.models import (
    Assessment,
    Income,
    Measure,
    Monitoring,
    Pairing,
    VillageIndicator,
    WorkLog,
)


class _WorkMixin(_PeopleMixin):
    # checks, incomes, help ------------------------------------------------------------------------------

    def _assessment(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        rng, texts = self.rng, self.facts["assessment"]
        team = self.facts["team"]["members"]
        fields: dict[str, Any] = {
            "household_id": household_id,
            "assessed_on": self.today
            - dt.timedelta(days=rng.randint(5, 40) if plan.gap else rng.randint(15, 300)),
            "assessors": f"{self.user}、{rng.choice(team)}",
            "food_staple_ok": True,
            "food_protein_ok": True,
            "clothes_seasonal_ok": True,
            "clothes_bedding_ok": True,
            "food_answer": "met",
            "food_evidence": rng.choice(texts["food_evidence"]),
            "clothes_answer": "met",
            "clothes_evidence": rng.choice(texts["clothes_evidence"]),
        }
        if plan.gap:
            column = {
                EDUCATION_GAP: "education",
                MEDICAL_GAP: "medical",
                HOUSING_GAP: "housing",
                WATER_GAP: "water",
            }[plan.gap]
            who = next((p for p in people if p.tag in ("dropout", "uninsured")), people[0])
            evidence = self.facts["gaps"][plan.gap]["evidence"]
            fields[f"{column}_answer"] = "not_met"
            fields[f"{column}_evidence"] = evidence.format(name=who.name, age=who.age, year=self.today.year)
        self.create(Assessment, fields, self.next_id("assessment"))

    def _threshold(self, year: int) -> Decimal | None:
        try:
            return self.policy.monitoring_threshold(year, self.province).amount
        except InvalidInput:  # before the first year of 防返贫 monitoring
            return None

    def _per_person_target(self, plan: _Plan, year: int) -> Decimal:
        rng = self.rng
        line = self.policy.poverty_line(year, self.province).amount
        threshold = self._threshold(year)
        if plan.poor and year < self.exit_year:
            return line * _dec(rng.uniform(0.55, 0.9))
        if plan.story and year == self.latest and threshold is not None and threshold > line:
            return line + (threshold - line) * _dec(rng.uniform(0.3, 0.75))
        if not plan.poor:
            low, high = self.facts["income"]["non_poor_per_person"]
            target = _dec(rng.uniform(low, high) * self._growth(year))
            floor = (threshold or line) * _dec(1.3)
            return max(target, floor)
        return (threshold or line) * _dec(rng.uniform(1.2, 1.9))

    def _growth(self, year: int) -> float:
        return float(1.06 ** (year - self.latest))

    def _incomes(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        years = self.income_years if plan.poor else [self.latest]
        for year in years:
            fields = self._income_fields(plan, people, year, self._per_person_target(plan, year))
            self.create(
                Income,
                {**fields, "household_id": household_id, "year": year},
                natural_id("income", household_id, str(year)),
            )

    def _income_fields(
        self, plan: _Plan, people: list[_Person], year: int, per_person: Decimal
    ) -> dict[str, Any]:
        rng, figures = self.rng, self.facts["income"]
        growth = self._growth(year)
        m = len(people)
        net = int((per_person * m).to_integral_value())
        parts = {
            "transfer_pension": round(figures["pension_per_person"] * growth)
            * sum(p.age >= 60 for p in people),
            "transfer_eco": round(rng.uniform(*figures["eco_per_household"]) * growth),
            "transfer_dibao": round(figures["dibao_per_person"] * growth) * m
            if plan.category == DIBAO or (plan.story == ILLNESS and year == self.latest)
            else 0,
            "transfer_tekun": round(figures["tekun_per_person"] * growth) * m
            if plan.category == TEKUN
            else 0,
            "transfer_other": figures["relief"] if plan.story == DISASTER and year == self.latest else 0,
            "dividend": round(rng.uniform(*figures["dividend"]) * growth)
            if year >= 2018 and rng.random() < 0.5
            else 0,
        }
        fixed = sum(parts.values())
        cap = net * 3 // 4
        if fixed > cap:  # transfers never make up more than three quarters of a made-up income
            parts = {k: v * cap // fixed for k, v in parts.items()}
        rest = net - sum(parts.values())
        working = any(p.work_status not in (None, "未务工") and p.work_months for p in people)
        able = any(p.labour not in NO_LABOUR and p.age >= 16 for p in people)
        wage = round(rest * rng.uniform(0.45, 0.75)) if working else 0
        earned = rest - wage
        rent = 0
        if not able and not working:  # nobody herds or farms: the land and pasture are let out
            rent, earned = earned, 0
        costs = round(earned * rng.uniform(0.2, 0.4)) if earned else 0
        transfer = sum(v for k, v in parts.items() if k.startswith("transfer_"))
        result: dict[str, Any] = {
            "wage": Decimal(wage),
            "business": Decimal(earned + costs),
            "property": Decimal(parts["dividend"] + rent),
            "transfer": Decimal(transfer),
            "business_costs": Decimal(costs),
        }
        result |= {k: Decimal(v) for k, v in parts.items() if k.startswith("transfer_") and v}
        return result

    def _helper_pool(self) -> list[dict[str, str]]:
        helpers = [dict(h) for h in self.facts["helpers"]]
        poor_total = _share(
            self.total, self.facts["village"]["poor_households"], self.facts["village"]["households"]
        )
        templates = list(helpers)
        k = 0
        while len(helpers) < poor_total // 4:
            template = templates[k % len(templates)]
            sex = self.rng.choice((MALE, FEMALE))
            names = self.facts["names"]
            name = (
                self.rng.choice(names["han_surnames"])
                + self.rng.choice(names["han_male" if sex == MALE else "han_female"])
                if self.rng.random() < 0.6
                else self._tibetan_name(sex)
            )
            helpers.append({**template, "name": name, "post": "干部"})
            k += 1
        for helper in helpers:
            helper["phone"] = self._phone()
        return helpers

    def _pairings(self, household_id: str, plan: _Plan) -> None:
        rng = self.rng
        first, second = rng.sample(self.helpers, 2)
        start = dt.date(plan.identified, rng.randint(3, 10), rng.randint(1, 28))
        spans: list[tuple[dict[str, str], dt.date, dt.date | None]] = [(first, start, None)]
        if rng.random() < 0.35:  # helpers changed with the 2021 hand-over to 乡村振兴: history is kept
            spans = [(first, start, dt.date(2021, 5, 31)), (second, dt.date(2021, 6, 1), None)]
        for helper, start_on, end_on in spans:
            self.create(
                Pairing,
                {
                    "household_id": household_id,
                    "helper_name": helper["name"],
                    "work_unit": helper["work_unit"],
                    "unit_level": helper["unit_level"],
                    "post": helper["post"],
                    "phone": helper["phone"],
                    "start_on": start_on,
                    "end_on": end_on,
                },
                self.next_id("pairing"),
            )

    def _measures(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        rng = self.rng
        chosen: list[tuple[str, dt.date]] = []
        early = dt.date(rng.choice((max(2016, plan.identified), 2017)), rng.randint(6, 9), rng.randint(1, 28))
        if plan.category != TEKUN:
            chosen.append((rng.choice(("yak", "barley", "herbs")), early))
            if rng.random() < 0.4:
                chosen.append(("microcredit", early + dt.timedelta(days=rng.randint(10, 60))))
            if rng.random() < 0.25:
                chosen.append(("training", early + dt.timedelta(days=rng.randint(60, 300))))
        if plan.category in (DIBAO, TEKUN):
            chosen.append(("dibao" if plan.category == DIBAO else "tekun", dt.date(2016, 1, 1)))
        if any(p.schooling in ("中职", "高中") for p in people):
            september = dt.date(self.today.year if self.today.month >= 9 else self.today.year - 1, 9, 1)
            chosen.append(("yulu", september))
        if any(p.health == "长期慢性病" for p in people):
            chosen.append(("doctor", dt.date(2018, 3, 1)))
        if rng.random() < 0.3:
            chosen.append(("grassland", dt.date(2016, 6, 1)))
        identified = dt.date(self.latest, 4, 20)
        if plan.story == ILLNESS:
            chosen += [("illness", identified), ("ranger", identified + dt.timedelta(days=40))]
            if plan.category != DIBAO:
                chosen.append(("dibao", identified + dt.timedelta(days=20)))
        elif plan.story == DISASTER:
            disaster = dt.date(self.latest, 8, 1)
            chosen += [
                ("relief", disaster + dt.timedelta(days=10)),
                ("rebuild", disaster + dt.timedelta(days=40)),
            ]
        elif plan.story == ACCIDENT:
            chosen += [("relief", identified), ("training", identified + dt.timedelta(days=60))]
        elif plan.story == HAIL:
            chosen += [("relief", identified), ("barley", identified + dt.timedelta(days=30))]
        for key, start_on in chosen:
            template = self.facts["measures"][key]
            funds = rng.randint(*template["funds"])
            if key == "rebuild":
                deadline = self.today + dt.timedelta(days=rng.randint(60, 150))
            elif key == "microcredit":
                deadline = start_on + dt.timedelta(days=3 * 365)
            else:
                deadline = start_on + dt.timedelta(days=rng.randint(90, 300))
            done = deadline <= self.today
            self.create(
                Measure,
                {
                    "household_id": household_id,
                    "group_name": template["group"],
                    "project": template["project"],
                    "scale": template["scale"],
                    "unit": template["unit"],
                    "funds": Decimal(funds),
                    "start_on": start_on,
                    "deadline": deadline,
                    "expected_gain": Decimal(rng.randint(*template["gain"])),
                    "result": template["result"] if done else "正在落实",
                    "result_signed": done,
                },
                self.next_id("measure"),
            )

    def _monitoring(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        rng, texts = self.rng, self.facts["monitoring"]
        if plan.story == DISASTER:
            clue, source, risks = (
                dt.date(self.latest, 8, rng.randint(1, 10)),
                "干部走访",
                ["因自然灾害", "住房安全"],
            )
            measures = texts["disaster_measures"]
        elif plan.story == ILLNESS:
            clue, source, risks = (
                dt.date(self.latest, 4, rng.randint(1, 10)),
                "部门预警",
                ["因病", "缺劳动力"],
            )
            measures = texts["illness_measures"].format(disease=self.facts["health"]["serious"])
        elif plan.story == ACCIDENT:
            clue, source, risks = dt.date(self.latest, 4, rng.randint(1, 10)), "自主申报", ["因意外事故"]
            measures = texts["accident_measures"]
        else:
            clue, source, risks = dt.date(self.latest, 4, rng.randint(1, 10)), "干部走访", ["因自然灾害"]
            measures = texts["hail_measures"]
        # home check, cross-check, 民主评议, notice (5 days), township, county: 13 days from the clue
        home, cross, review, notice_from, notice_to, township, county = (
            clue + dt.timedelta(days=n) for n in (2, 4, 5, 6, 11, 12, 13)
        )
        self.create(
            Monitoring,
            {
                "household_id": household_id,
                "category": "脱贫不稳定户",
                "risk_types": risks,
                "clue_source": source,
                "clue_on": clue,
                "home_check_on": home,
                "cross_check_on": cross,
                "review_on": review,
                "notice_from": notice_from,
                "notice_to": notice_to,
                "township_review_on": township,
                "identified_on": county,
                "measures": measures,
                "safety_net": False,
            },
            self.next_id("monitoring"),
        )

    # the village's own records --------------------------------------------------------------------------

    def _work_log(self, village: _Context) -> None:
        """Two months of 驻村工作日志 and 在岗考勤 for the first secretary and one team member: most days
        in the village (a diary entry on about half of them, a 在村 mark on the rest), a few days away,
        a 公休 and a meeting in town (the kinds of resources/policy/attendance.toml)."""
        from desktop.services.diary.rules import PRESENT

        texts = self.facts["work_log"]
        team = self.facts["team"]["members"][:1]
        first = self.today - dt.timedelta(days=60)
        for person in (self.user, *team):
            rest = first + dt.timedelta(days=self.rng.randrange(10, 25))
            meeting = rest + dt.timedelta(days=self.rng.randrange(8, 20))
            leave = {rest + dt.timedelta(days=i): "公休" for i in range(3)} | {meeting: "乡里开会"}
            for start, kind in ((rest, "公休"), (meeting, "乡里开会")):
                self._log(village, person, start, kind, until=start + dt.timedelta(days=2 if kind == "公休" else 0),
                          content=self.rng.choice(texts["leave"]), approver=texts["approver"])  # fmt: skip
            day = first
            while day <= self.today:
                if day not in leave and self.rng.random() < 0.85:
                    if self.rng.random() < 0.55:
                        kind, text = self.rng.choice(texts["entries"])
                        group = self.rng.choice(village.groups) if village.groups else ""
                        self._log(village, person, day, kind, content=text.format(group=group),
                                  place=group if "{group}" in text else "村委会", in_village=True)  # fmt: skip
                    else:
                        self._log(village, person, day, PRESENT, in_village=True)
                day += dt.timedelta(days=1)

    def _log(self, village: _Context, person: str, day: dt.date, kind: str, **fields: Any) -> None:
        in_village = fields.pop("in_village", False)
        leave = kind in ("公休", "乡里开会")
        self.create(
            WorkLog,
            {"village_id": village.id, "day": day, "author": person, "kind": kind, "in_village": in_village,
             "leave_approved": True if leave else None, **fields},
            self.next_id("work_log"),
        )  # fmt: skip

    def _indicator(self, village: _Context, plans: list[_Plan]) -> None:
        poor = sum(p.poor for p in plans)
        self.create(
            VillageIndicator,
            {
                "village_id": village.id,
                "year": self.latest,
                "collective_income": Decimal(self.rng.randrange(60000, 160000, 1000)),
                "items": dict.fromkeys(self.policy.village_exit.items, True),
                "note": f"建档立卡 {poor} 户已于 {self.exit_year} 年全部脱贫，贫困发生率 0%；"
                f"{sum(bool(p.story) for p in plans)} 户纳入防返贫监测",
            },
            natural_id("village_indicator", village.id, str(self.latest)),
        )

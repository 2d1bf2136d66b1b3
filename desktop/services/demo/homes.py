"""The demo's household records: category, exit, causes, land, house and water (incl. two planted gaps)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desktop.services.demo.common import (
    DIBAO,
    HOUSING_GAP,
    ILLNESS,
    TEKUN,
    WATER_GAP,
    _BuilderBase,
    _Context,
    _one_decimal,
    _Person,
    _Plan,
)


class _HomesMixin(_BuilderBase):
    # one household's own fields ----------------------------------------------------------------------

    def _household_fields(
        self,
        village: _Context,
        plan: _Plan,
        number: str,
        group: str,
        phone: str | None,
        people: list[_Person],
    ) -> dict[str, Any]:
        rng, size = self.rng, len(people)
        base = self.facts["village"]
        fields: dict[str, Any] = {
            "village_id": village.id,
            "number": number,
            "group_name": group,
            "address": f"{base['township']}{village.name}{group}",
            "phone": phone,
            "category": plan.category,
            "military_family": False,
            "coop_member": rng.random() < 0.45,
            "has_power": True,
            "production_power": rng.random() < 0.85,
            "tv": True,
            "road_distance_km": _one_decimal(rng.uniform(0.1, 3.5)),
            "fuel": rng.choices(("牛粪", "柴草", "电", "液化气"), (40, 30, 25, 5))[0],
            "toilet": rng.choices(("水冲式厕所", "卫生旱厕", "普通旱厕"), (25, 45, 30))[0],
            "farmland_mu": _one_decimal(rng.uniform(1.5, 3.0) + 1.1 * size),
            "forest_mu": _one_decimal(rng.uniform(5, 40)),
            "pasture_mu": _one_decimal(rng.uniform(30, 200)),
        }
        fields["irrigated_mu"] = _one_decimal(float(fields["farmland_mu"]) * rng.uniform(0, 0.4))
        if rng.random() < 0.3:
            fields["grain_to_forest_mu"] = _one_decimal(rng.uniform(1, 4))
        if plan.poor:
            identified = plan.identified = rng.choice(base["identified_years"])
            main, others = self._causes(plan)
            exit_day = dt.date(self.exit_year, 9, 1) + dt.timedelta(days=rng.randint(0, 40))
            fields |= {
                "standard": "国家",
                "poverty_status": "已脱贫",
                "identified_year": identified,
                "exit_year": self.exit_year,
                "main_cause": main,
                "other_causes": others,
                "bank_account": f"621457{rng.randrange(10**13):013d}",
                "exit_steps": {
                    "民主评议": exit_day.isoformat(),
                    "村两委和驻村工作队核实": (exit_day + dt.timedelta(days=5)).isoformat(),
                    "贫困户认可签字": (exit_day + dt.timedelta(days=8)).isoformat(),
                    "公示": (exit_day + dt.timedelta(days=10)).isoformat(),
                    "销号": (exit_day + dt.timedelta(days=25)).isoformat(),
                },
            }
        fields |= self._house(plan)
        fields |= self._water(plan)
        return fields

    def _causes(self, plan: _Plan) -> tuple[str, list[str]]:
        rng = self.rng
        if plan.category == TEKUN:
            main = "缺劳动力"
        elif plan.category == DIBAO or plan.story == ILLNESS:
            main = rng.choice(("因病", "因残"))
        else:
            causes = (
                "缺技术",
                "缺资金",
                "因学",
                "交通条件落后",
                "缺劳动力",
                "因病",
                "自身发展动力不足",
                "缺土地",
            )
            main = rng.choices(causes, (4, 4, 2, 2, 2, 2, 1, 1))[0]
        pool = [c for c in ("缺技术", "缺资金", "交通条件落后", "因病", "缺劳动力") if c != main]
        return main, rng.sample(pool, rng.randint(0, 2))

    def _house(self, plan: _Plan) -> dict[str, Any]:
        rng = self.rng
        housing = self.facts["housing"]
        appraised = self.today - dt.timedelta(days=rng.randint(200, 1500))
        if plan.gap == HOUSING_GAP:
            return {
                "house_area": Decimal(rng.randrange(110, 180)),
                "house_structure": "土木",
                "house_built_year": rng.randint(1982, 1992),
                "house_grade": "C",
                "house_appraiser": housing["appraiser"],
                "house_appraised_on": dt.date(self.latest, 8, rng.randint(12, 25)),  # after the slide
                "note": self.facts["gaps"]["housing"]["note"],
            }
        if plan.poor and rng.random() < 0.6:
            year = rng.choice((2016, 2017))
            low, high = housing["renovation_subsidy"]
            return {
                "house_area": Decimal(rng.randrange(90, 160)),
                "house_structure": "砖木",
                "house_built_year": year,
                "house_grade": "A",
                "house_appraiser": housing["appraiser"],
                "house_appraised_on": appraised,
                "renovation_year": year,
                "renovation_subsidy": Decimal(rng.randrange(low, high + 1, 500)),
            }
        structure = rng.choices(("砖木", "土木", "砖混", "钢混", "其他"), (50, 20, 20, 3, 7))[0]
        grade = (
            "A"
            if structure in ("砖混", "钢混")
            else "B"
            if structure in ("土木", "其他")
            else rng.choice("AB")
        )
        return {
            "house_area": Decimal(rng.randrange(90, 260)),
            "house_structure": structure,
            "house_built_year": rng.randint(1975, 2005) if structure == "土木" else rng.randint(1985, 2022),
            "house_grade": grade,
            "house_appraiser": housing["appraiser"],
            "house_appraised_on": appraised,
        }

    def _water(self, plan: _Plan) -> dict[str, Any]:
        if plan.gap == WATER_GAP:
            return {
                "water_source": "不受保护井泉",
                "water_lpd": 15,
                "water_quality_ok": True,
                "water_fetch_minutes": 40,
                "water_days_without": 20,
                "water_short_area": False,
                "water_safe": False,
                "water_difficult": True,
                "road_distance_km": Decimal("6.5"),
                "note": self.facts["gaps"]["water"]["note"],
            }
        return {
            "water_source": "自来水",
            "water_lpd": self.rng.randrange(60, 101, 5),
            "water_quality_ok": True,
            "water_fetch_minutes": 0,
            "water_days_without": self.rng.randint(0, 10),  # frozen pipes in deep winter
            "water_short_area": False,
            "water_safe": True,
            "water_difficult": False,
        }

"""The demo's visits and follow-ups, including the visit that records each planted checklist gap."""

from __future__ import annotations

import datetime as dt

from desktop.services.demo.common import (
    EDUCATION_GAP,
    HOUSING_GAP,
    MEDICAL_GAP,
    _BuilderBase,
    _Person,
    _Plan,
)
from desktop.store.models import (
    FollowUp,
    Visit,
)


class _VisitsMixin(_BuilderBase):
    # visits ---------------------------------------------------------------------------------------------

    def _visits(self, household_id: str, plan: _Plan, people: list[_Person], group: str) -> None:
        rng, texts = self.rng, self.facts["visits"]
        head = people[0]
        if plan.gap:
            self._gap_visit(household_id, plan, people, group)
        if plan.story:
            count = 3
        elif plan.poor:
            count = rng.randint(1, 2)
        else:
            count = 1 if rng.random() < 0.25 else 0
        days = sorted(rng.sample(range(1, 90), count), reverse=True)
        for k, ago in enumerate(days):
            kind = "入户" if plan.story and k == 0 else rng.choices(("入户", "电话", "微信"), (60, 25, 15))[0]
            visited = self.today - dt.timedelta(days=ago)
            topic = rng.choice([t for t in texts["topics"] if kind in t["kinds"]])
            content, policy = topic["content"], topic["policy"]
            heard = rng.choice(texts["problems"]) if rng.random() < 0.35 else None
            problem = heard["problem"] if heard else None
            follow_ups = []
            if heard and rng.random() < 0.5:
                due = visited + dt.timedelta(days=rng.randint(7, 30))
                done_on = min(self.today, visited + dt.timedelta(days=rng.randint(2, 20)))
                follow_ups.append((heard["follow_up"], due, done_on if rng.random() < 0.5 else None))
            self._visit(
                household_id,
                visited,
                kind,
                head,
                people,
                group,
                content,
                problem,
                policy,
                follow_ups,
            )

    def _gap_visit(self, household_id: str, plan: _Plan, people: list[_Person], group: str) -> None:
        rng, gap = self.rng, self.facts["gaps"][plan.gap]
        who = next((p for p in people if p.tag in ("dropout", "uninsured")), people[0])
        say = {"name": who.name, "age": who.age, "year": self.today.year}
        if plan.gap == EDUCATION_GAP:  # persuasion visit is overdue
            visited = self.today - dt.timedelta(days=rng.randint(40, 70))
            kind, due, done_on = "入户", visited + dt.timedelta(days=14), None
        elif plan.gap == MEDICAL_GAP:
            visited = self.today - dt.timedelta(days=rng.randint(10, 30))
            kind, due, done_on = "电话", self.today + dt.timedelta(days=rng.randint(10, 30)), None
        elif plan.gap == HOUSING_GAP:
            visited = self.today - dt.timedelta(days=rng.randint(20, 50))
            kind, due, done_on = "入户", self.today + dt.timedelta(days=rng.randint(20, 40)), None
        else:  # reported to the township: done, though the water is not safe yet
            visited = self.today - dt.timedelta(days=rng.randint(50, 80))
            kind, due = "入户", visited + dt.timedelta(days=10)
            done_on = visited + dt.timedelta(days=rng.randint(3, 9))
        self._visit(
            household_id,
            visited,
            kind,
            people[0],
            people,
            group,
            gap["content"],
            gap["problem"].format(**say),
            gap["policy"],
            [(gap["follow_up"].format(**say), due, done_on)],
            met=who if kind == "电话" else None,
        )

    def _visit(
        self,
        household_id: str,
        visited: dt.date,
        kind: str,
        head: _Person,
        people: list[_Person],
        group: str,
        content: str,
        problem: str | None,
        policy: str,
        follow_ups: list[tuple[str, dt.date, dt.date | None]],
        met: _Person | None = None,
    ) -> None:
        rng = self.rng
        team = self.facts["team"]
        spouse = next((p for p in people if p.relation == "配偶"), None)
        if kind == "入户":
            visitors = [self.user, rng.choice(team["members"])]
            people_met = f"户主{head.name}" + (f"及配偶{spouse.name}" if spouse else "")
        else:
            visitors = [self.user]
            people_met = (met or head).name
        visit_id = self.create(
            Visit,
            {
                "household_id": household_id,
                "visited_on": visited,
                "kind": kind,
                "visitors": visitors,
                "people_met": people_met,
                "content": content,
                "policies": policy,
                "problems": problem,
                "place": f"{group}{head.name}家中" if kind == "入户" else None,
                "signed": kind == "入户",
            },
            self.next_id("visit"),
        )
        for action, due, done_on in follow_ups:
            self.create(
                FollowUp,
                {
                    "visit_id": visit_id,
                    "household_id": household_id,
                    "action": action,
                    "owner": rng.choice([self.user, *team["members"], *team["others"]]),
                    "due_on": due,
                    "done": done_on is not None,
                    "done_on": done_on,
                },
                self.next_id("follow_up"),
            )

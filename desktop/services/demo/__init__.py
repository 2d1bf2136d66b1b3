"""The demo village: 亚弄村 as a 2016 report describes it, with a season of work and four gaps to find.

71 households and 374 people at 3600 m; 18 registered poor households (73 people), all exited in 2017,
two of them now under 防返贫 monitoring. Everything personal is made up from a seeded ``random.Random``
and ``ledger.today()``, so a seed and a day always give the same ledger. The fixed facts (the village,
name syllables, helpers, measures, phrases) live in ``resources/demo/yanong.toml``.

Choices worth knowing:
- An exited household keeps its original 贫困户属性 (一般 / 低保 / 特困供养贫困户) in ``category``, with
  ``poverty_status`` 已脱贫: that is how the national roster shows it (脱贫属性 and 贫困户属性 are two
  columns), and the 特困 data-quality rule needs the original category.
- Income: formerly poor households have 2016, 2017 and the last three full years; the others only the
  latest year (the 防返贫 income check covers every household). In 2016 the poor households are below
  that year's line (they exited in 2017); from 2017 on they are above it, and above the monitoring
  threshold once there is one, except the monitored households in the latest year. Per person always
  divides by today's members, as the rest of the ledger does.
- Exactly four checklist gaps per village, whatever its size: a 13-year-old out of school, a house
  graded C (the first monitored household's, after a mud-slide), a member without medical insurance,
  and a household drinking from an unprotected spring. Every other dimension of every household is met.
"""

from desktop.services.demo.village import DemoSummary, create_demo

__all__ = ["DemoSummary", "create_demo"]

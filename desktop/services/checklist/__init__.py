"""两不愁三保障 + 饮水安全: the facts, the verdicts, the checks recorded, 一超六有."""

"""台账打印: gathering the printed ledgers' values and making their PDF files."""

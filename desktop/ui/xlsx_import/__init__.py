"""从 Excel 导入: the three-step import dialog."""

"""台账打印: choosing a document, making its PDF, previewing and printing it."""

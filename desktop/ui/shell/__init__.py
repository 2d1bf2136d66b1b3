"""What every page lives in: the main window, the shared context, jobs, undo, dialogs, i18n."""

"""The PySide6 desktop interface: windows, views and Qt item models over the services."""

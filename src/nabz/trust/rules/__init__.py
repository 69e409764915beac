"""Rule families. Importing this package registers every rule."""

from importlib import import_module

FAMILY_MODULES = ("privacy", "consent", "claims", "tone", "platform", "replies")

for _name in FAMILY_MODULES:
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a family not written yet
        if exc.name != f"{__name__}.{_name}":
            raise

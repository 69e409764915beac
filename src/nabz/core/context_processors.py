def shell(request):  # type: ignore[no-untyped-def]
    return {}

class WorkspaceMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request):  # type: ignore[no-untyped-def]
        return self.get_response(request)


RequireTwoFactorMiddleware = WorkspaceMiddleware

"""Who may look at the numbers in the admin (shared by the admin of the numbers and of their drafts)."""


class StaffMayViewMixin:
    """Every staff member may look at the numbers; changing them needs the group's permissions."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

"""Separation of duties: who may approve, and who may publish, an official document.

A memo is the body's word once approved and signed with its certificate, so no one person may
make it alone: its author never sits on its route, and the route ends with someone who can
commit the body (an executive or an organisation admin), unless it is exactly one of the
routes the organisation's admins set as templates. The services check these rules on setting
the route, on submitting and on every approval (the route's people may have changed role since),
so a crafted POST meets the same refusal as the form.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from itatrack.errors import ActionError
from itatrack.models import Membership, Role
from reports.models import Memo, RouteTemplate

# Who may end a route, and who may publish a signed document for the body.
FINAL_APPROVER_ROLES = (Role.EXECUTIVE, Role.ADMIN)
PUBLISHER_ROLES = (Role.EXECUTIVE, Role.ADMIN)
ADMIN_ROLES = (Role.ADMIN,)

Route = Sequence[tuple[Membership, str]]


def follows_template(organization_id: int, route: Route) -> bool:
    """The route is exactly (people and verbs, in order) one of the organisation's templates."""
    wanted = [(member.pk, verb) for member, verb in route]
    for template in RouteTemplate.objects.filter(organization_id=organization_id).prefetch_related(
        "steps__member"
    ):
        steps = [(s.member_id, s.verb) for s in template.steps.all() if s.member.is_active]
        if steps and steps == wanted:
            return True
    return False


def route_problem(memo: Memo, route: Route) -> str:
    """Why route cannot carry memo ("" when it can). An empty route is left to the caller."""
    if any(member.pk == memo.author_id for member, _verb in route):
        return _("ผู้จัดทำบันทึกข้อความเป็นผู้พิจารณาบันทึกข้อความของตนเองไม่ได้ กรุณาเลือกผู้อื่น")
    if not route:
        return ""
    last = route[-1][0]
    if last.role in FINAL_APPROVER_ROLES or follows_template(memo.organization_id, route):
        return ""
    return _(
        "ผู้พิจารณาลำดับสุดท้ายต้องเป็นผู้บริหารหรือผู้ดูแลหน่วยงาน (%(name)s เป็น%(role)s) "
        "หรือใช้เส้นทางตามแม่แบบที่ผู้ดูแลหน่วยงานกำหนด"
    ) % {"name": last.display_name, "role": Role(last.role).label}


def check_route(memo: Memo, route: Route) -> None:
    if problem := route_problem(memo, route):
        raise ActionError(problem)


def can_publish(membership: Membership) -> bool:
    return membership.role in PUBLISHER_ROLES

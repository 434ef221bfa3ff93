"""Values every page template needs: the site's name and the 关怀版 (care mode) preference."""

CARE_COOKIE = "care"
SITE_NAME = "深圳医保自助服务"


def is_care_mode(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "1"


def site(request):
    return {"site_name": SITE_NAME, "care_mode": is_care_mode(request)}

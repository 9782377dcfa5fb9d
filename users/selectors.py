from django.contrib.auth import get_user_model
from django.db.models import Q

User = get_user_model()


def active_users(search=None):
    users = User.objects.filter(is_active=True).select_related("profile")
    if search:
        term = search.strip()
        users = users.filter(
            Q(username__icontains=term)
            | Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
        )
    return users


def user_by_username(username):
    return active_users().filter(username__iexact=username).first()

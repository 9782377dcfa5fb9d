def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile from the moment the account exists."""
    from users.models import Profile

    if created and not raw:
        Profile.objects.create(user=instance)

"""What an account's deletion must not leave behind of its jobs: the files of its exports
(their rows go with the account; the files would not)."""


def forget_deleted_account(sender, user, **kwargs):
    from infra.tasks import delete_files_after_commit
    from jobs.models import Job

    exported = Job.objects.filter(owner=user, kind=Job.Kind.EXPORT).exclude(result="")
    delete_files_after_commit(list(exported.values_list("result", flat=True)))

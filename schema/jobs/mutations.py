"""Asking for jobs in the API: an import of bookmarks, an export of one's account."""

import graphene

from jobs import services
from jobs.errors import JobErrorCode
from schema.core.errors import error_type
from schema.core.files import Upload
from schema.core.ids import decode_id
from schema.core.mutations import Mutation
from schema.jobs.types import JobNode

JobError = error_type(
    "JobError",
    JobErrorCode,
    "A problem with a job's request.",
    {
        JobErrorCode.NOT_FOUND: "There is no such board of yours (or one you collaborate on).",
        JobErrorCode.NOT_A_BOOKMARK_FILE: (
            "Neither a browser's bookmark file (HTML) nor a CSV with the header "
            "url,title,description,tags,board."
        ),
        JobErrorCode.NOT_UTF8: "The file is not UTF-8 (or UTF-16) text.",
        JobErrorCode.TOO_LARGE: "The file is over 10 MB.",
        JobErrorCode.TOO_MANY_LINKS: "The file has over 5,000 links.",
        JobErrorCode.NO_LINKS: "The file has no links.",
        JobErrorCode.EXPORTED_TODAY: "An export was asked for in the last 24 hours.",
        JobErrorCode.TRY_AGAIN: "The work cannot be queued right now; nothing was saved.",
    },
)


class JobMutation(Mutation):
    class Meta:
        abstract = True

    job = graphene.Field(JobNode, description="The job, queued; null when there are errors.")


class ImportBookmarks(JobMutation):
    """Import the links of a browser's bookmark file (Chrome, Firefox, Safari) or a CSV with
    the header `url,title,description,tags,board`: each link to an image, or to a page
    whose `og:image` is one, is saved as `bookmarkImage` saves it. Links saved before are
    counted as done, not saved again. At most 5,000 links and 10 MB. Follow it with
    `jobProgress`."""

    class Meta:
        error_type = JobError
        login_required = True
        atomic = False  # the service writes in its own transaction

    class Input:
        file = Upload(required=True, description="The bookmark file (HTML) or CSV.")
        board_id = graphene.ID(
            description="A board to save every link to; omitted, a bookmark folder (or the "
            "CSV's `board`) names the board, made when missing."
        )

    @classmethod
    def perform(cls, info, file, board_id=None):
        board = None if board_id is None else decode_id(board_id, "Board")
        job = services.import_bookmarks(user=info.context.user, file=file, board_id=board)
        return {"job": job}


class RequestExport(JobMutation):
    """Export your account as a ZIP (`pinmark-export.json` and the originals under
    `images/`): once it is done, `resultUrl` downloads it and it is mailed to you. One a
    day."""

    class Meta:
        account_operation = True
        error_type = JobError
        login_required = True
        atomic = False

    @classmethod
    def perform(cls, info):
        return {"job": services.request_export(user=info.context.user)}


class Mutations(graphene.ObjectType):
    import_bookmarks = ImportBookmarks.Field()
    request_export = RequestExport.Field()

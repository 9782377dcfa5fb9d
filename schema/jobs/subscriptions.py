"""Live job progress: `jobProgress`."""

import graphene
from django.utils.translation import gettext

from infra import events
from jobs import selectors
from schema.core.errors import api_error
from schema.core.ids import decode_id
from schema.core.live import COMPLETE, Delivery, Topic
from schema.jobs.types import JobNode


class JobSubscription(graphene.ObjectType):
    job_progress = graphene.Field(
        JobNode,
        required=True,
        id=graphene.ID(required=True, description="The job's global ID."),
        description="One of your jobs as it moves on (a few times a second at most while "
        "its items finish, and at each change of status); completes once it is over.",
    )

    def resolve_job_progress(root, info, id):
        return root


class JobProgress(Topic):
    field_name = "jobProgress"

    def channels(self, subscription):
        subscription.state["job_id"] = decode_id(subscription.arguments["id"], "Job")
        return [events.job_channel(subscription.state["job_id"])]

    def start(self, subscription):
        if selectors.job_by_id(subscription.viewer, subscription.state["job_id"]) is None:
            raise api_error(gettext("There is no such job."), "NOT_FOUND")

    def deliveries(self, channel, event, subscriptions):
        if not isinstance(event, (events.JobProgressed, events.Resync)):
            return []
        deliveries = []
        for subscription in subscriptions:
            job = selectors.job_by_id(subscription.viewer, subscription.state["job_id"])
            if job is None:
                deliveries.append(Delivery(subscription, COMPLETE))
                continue
            deliveries.append(Delivery(subscription, job))
            if job.is_over:
                deliveries.append(Delivery(subscription, COMPLETE))
        return deliveries


TOPICS = {topic.field_name: topic for topic in (JobProgress(),)}

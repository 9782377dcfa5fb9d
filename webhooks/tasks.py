"""Webhook deliveries on Celery workers (webhooks/delivery.py says what an attempt does).
Each task takes a delivery's id and may run twice: only the run that claims the pending
attempt sends it."""

from celery import shared_task

from webhooks import delivery


# An attempt waits at most WEBHOOK_TIMEOUT (5 s) for the receiver; the limits leave room.
@shared_task(soft_time_limit=30, time_limit=40)
def deliver(delivery_id) -> None:
    delivery.attempt(delivery_id)


@shared_task
def deliver_due_webhooks() -> None:
    """Beat's sweep (webhooks/delivery.py): attempts whose worker stopped count as failed,
    then a task for each attempt due that has none."""
    delivery.fail_stranded_attempts()
    for delivery_id in delivery.take_due_deliveries():
        deliver.delay(delivery_id)

"""Reading a Celery queue on the broker from outside a worker (tests and benchmarks)."""


def run_queued_tasks(app, queue_name, *, limit=1000) -> int:
    """Take the tasks waiting in `queue_name` off the broker, oldest first, and run each in
    this process with its settings; returns how many ran. A task that fails raises here."""
    ran = 0
    with app.connection_for_read() as connection:
        queue = app.amqp.queues[queue_name].bind(connection.default_channel)
        queue.declare()
        while ran < limit and (message := queue.get(no_ack=False, accept=["json"])):
            args, kwargs, _ = message.decode()
            try:
                app.tasks[message.headers["task"]].apply(
                    args, kwargs, task_id=message.headers["id"], throw=True
                )
            finally:
                message.ack()
            ran += 1
    return ran


def purge_queue(app, queue_name, *, delete=False) -> None:
    """Drop what waits in `queue_name` (and the queue itself with `delete`)."""
    with app.connection_for_write() as connection:
        queue = app.amqp.queues[queue_name].bind(connection.default_channel)
        queue.declare()
        queue.purge()
        if delete:
            queue.delete()

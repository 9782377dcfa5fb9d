"""The shorter way through execution answers exactly as graphql-core does, errors
included, and is the way a query that goes well takes; with GRAPHQL_SHORT_EXECUTION off,
the endpoint runs graphql-core's own execution instead."""

import pytest
from django.test import RequestFactory
from graphql import execute, parse
from graphql.execution import ExecutionContext
from graphql_relay import to_global_id

from activity.models import Action
from activity.services import create_action
from images import ranking
from images.models import Image
from schema import schema as graphene_schema
from schema.core.loaders import attach_loaders
from server import execution
from testing.likes import add_likes
from users.services import follows

QUERIES = {
    "images page": """{ images(first: 5) { totalCount edges { cursor node {
        id title slug url createdAt totalLikes likedByViewer totalViews
        postedBy { id username followersCount profile { photo { url } } }
        thumbnail(size: SMALL) { url width height } file { url }
        likers(first: 2) { edges { node { username } } }
      } } pageInfo { hasNextPage endCursor } } }""",
    "feed with union targets": """{ feed(first: 10) { edges { node {
        id verb description createdAt actor { username }
        target { __typename ... on Image { title } ... on User { username } }
      } } } }""",
    "node interface": """query($id: ID!) { node(id: $id) { id ... on Image { title } } }""",
    "users with counts": """{ users(first: 10) { edges { node {
        username imagesCount followersCount followingCount isFollowedByViewer } } } }""",
    "ranking": "{ imageRanking(first: 3) { title totalViews } }",
    "an error in a resolver": "{ images(first: 101) { edges { node { title } } } }",
    "an error below a list": """{ users(first: 3) { edges { node {
        username images(first: -1) { edges { node { title } } } } } } }""",
    "a bad cursor below a nullable field": """{ image(slug: "image-1") {
        title likers(after: "nonsense") { edges { node { username } } } } }""",
}


@pytest.fixture
def world(ann, bob, make_user, make_image):
    images = [make_image(ann, f"Image {n}", slug=f"image-{n}") for n in range(1, 7)]
    add_likes(bob, images[:1])
    follows.follow_user(user_from=bob, user_to=ann)
    create_action(ann, Action.Verb.LIKED_IMAGE, images[1])
    create_action(ann, Action.Verb.FOLLOWED_USER, make_user("carl"))
    return images


def run(query, variables, context_class, viewer):
    request = RequestFactory().post("/graphql")
    request.user = viewer
    attach_loaders(request)
    return execute(
        graphene_schema.graphql_schema,
        parse(query),
        context_value=request,
        variable_values=variables,
        execution_context_class=context_class,
    )


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_the_short_way_answers_as_graphql_core_does(world, bob, query):
    variables = {"id": to_global_id("Image", world[0].pk)}
    planned = execution.planned_execution_class({})

    expected = run(query, variables, ExecutionContext, bob)
    answered = run(query, variables, planned, bob)

    assert answered.data == expected.data
    assert [error.formatted for error in answered.errors or []] == [
        error.formatted for error in expected.errors or []
    ]


def test_a_query_that_goes_well_takes_the_short_way(world, bob):
    contexts = []

    class Recorded(execution.planned_execution_class({})):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            contexts.append(self)

    result = run(QUERIES["images page"], None, Recorded, bob)

    assert not result.errors
    assert contexts[0].short_way is True


def test_a_query_with_an_error_gives_up_the_short_way(world, bob):
    contexts = []

    class Recorded(execution.planned_execution_class({})):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            contexts.append(self)

    result = run(QUERIES["an error in a resolver"], None, Recorded, bob)

    assert [error.extensions["code"] for error in result.errors] == ["BAD_REQUEST"]
    assert contexts[0].short_way is False


def test_plans_are_kept_for_the_next_request(world, bob):
    plans = {}
    planned = execution.planned_execution_class(plans)
    document = parse(QUERIES["images page"])

    request = RequestFactory().post("/graphql")
    request.user = bob
    attach_loaders(request)
    execute(
        graphene_schema.graphql_schema,
        document,
        context_value=request,
        execution_context_class=planned,
    )
    kept = dict(plans)
    execute(
        graphene_schema.graphql_schema,
        document,
        context_value=request,
        execution_context_class=planned,
    )

    assert kept and plans == kept


@pytest.fixture
def executions(monkeypatch):
    """The execution contexts that run operations, in the order they run them."""
    contexts = []
    execute_operation = ExecutionContext.execute_operation

    def recorded(self, operation, root_value):
        contexts.append(self)
        return execute_operation(self, operation, root_value)

    monkeypatch.setattr(ExecutionContext, "execute_operation", recorded)
    return contexts


def test_the_endpoint_takes_the_short_way_when_it_is_on(world, api, bob, settings, executions):
    settings.GRAPHQL_SHORT_EXECUTION = True

    answer = api.execute(QUERIES["images page"], user=bob)

    assert "errors" not in answer
    assert len(executions) == 1
    assert type(executions[0]) is not ExecutionContext
    assert executions[0].short_way is True


def test_the_endpoint_runs_graphql_cores_execution_when_the_short_way_is_off(
    world, api, bob, settings, executions
):
    settings.GRAPHQL_SHORT_EXECUTION = False

    answer = api.execute(QUERIES["images page"], user=bob)

    assert "errors" not in answer
    assert [type(context) for context in executions] == [ExecutionContext]


def test_rows_answered_from_what_they_hold_answer_as_their_resolvers(world, bob, redis):
    # View counts a loader gives the images of two lists (the second announced after the
    # first list's counts were fetched), and a stored copy above the live count.
    for number, image in enumerate(world):
        for viewer in range(number):
            ranking.record_view(image.pk, f"viewer-{viewer}")
    Image.objects.filter(pk=world[0].pk).update(total_views=40)
    query = """{ newest: images(first: 3) { edges { node { title totalViews likedByViewer } } }
      oldest: images(first: 6, orderBy: OLDEST) { edges { node { title totalViews } } } }"""
    planned = execution.planned_execution_class({})

    expected = run(query, {}, ExecutionContext, bob)
    answered = run(query, {}, planned, bob)

    assert answered.data == expected.data
    oldest = {
        edge["node"]["title"]: edge["node"]["totalViews"]
        for edge in answered.data["oldest"]["edges"]
    }
    assert oldest == {"Image 1": 40, **{f"Image {n}": n - 1 for n in range(2, 7)}}
    assert [edge["node"]["likedByViewer"] for edge in answered.data["newest"]["edges"]] == [
        False,
        False,
        False,
    ]

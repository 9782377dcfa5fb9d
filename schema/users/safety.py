"""Blocking and muting: blockUser, unblockUser, muteUser, unmuteUser, muteWord and
unmuteWord. Nobody is told of a block or a mute."""

import graphene

from schema.core.mutations import Mutation
from schema.users.accounts import AccountError
from schema.users.types import UserNode
from users.services import blocks, mutes


class PersonInput:
    username = graphene.String(required=True, description="Their username, in any case.")


class WordInput:
    word = graphene.String(
        required=True,
        description="A word or phrase: letters, digits, spaces and ' - _, at most 50 "
        "characters; matched as a whole word whatever its case.",
    )


def _person_mutation(name, doc, service, argument):
    def perform(cls, info, username):
        return {"user": service(**{argument: info.context.user, "username": username})}

    return type(
        name,
        (Mutation,),
        {
            "__doc__": doc,
            "Meta": type("Meta", (), {"error_type": AccountError, "login_required": True}),
            "Input": type("Input", (PersonInput,), {}),
            "user": graphene.Field(UserNode, description="The person; null when there are errors."),
            "perform": classmethod(perform),
        },
    )


BlockUser = _person_mutation(
    "BlockUser",
    "Block someone: follows end both ways, and neither of you finds the other anywhere any "
    "more (they find you as if you did not exist). Blocking again changes nothing.",
    blocks.block,
    "blocker",
)
UnblockUser = _person_mutation(
    "UnblockUser",
    "Lift a block (follows do not come back). Unblocking someone not blocked is fine.",
    blocks.unblock,
    "blocker",
)
MuteUser = _person_mutation(
    "MuteUser",
    "Mute someone: what they do leaves your feed, search, comments and notifications. "
    "They are not told.",
    mutes.mute,
    "muter",
)
UnmuteUser = _person_mutation(
    "UnmuteUser", "Unmute someone. Unmuting someone not muted is fine.", mutes.unmute, "muter"
)

MUTED_WORDS = "Your muted words, lower-cased, in alphabetical order."


def _word_mutation(name, doc, service):
    def perform(cls, info, word):
        return {"muted_words": service(user=info.context.user, word=word)}

    return type(
        name,
        (Mutation,),
        {
            "__doc__": doc,
            "Meta": type("Meta", (), {"error_type": AccountError, "login_required": True}),
            "Input": type("Input", (WordInput,), {}),
            "muted_words": graphene.List(
                graphene.NonNull(graphene.String), description=MUTED_WORDS
            ),
            "perform": classmethod(perform),
        },
    )


MuteWord = _word_mutation(
    "MuteWord",
    "Mute a word or phrase: images whose title, description or tags hold it, and comments "
    "that do, leave your feed, search, comments and notifications. At most 200 words.",
    mutes.mute_word,
)
UnmuteWord = _word_mutation(
    "UnmuteWord", "Unmute a word. Unmuting a word not muted is fine.", mutes.unmute_word
)


class Mutations(graphene.ObjectType):
    block_user = BlockUser.Field()
    unblock_user = UnblockUser.Field()
    mute_user = MuteUser.Field()
    unmute_user = UnmuteUser.Field()
    mute_word = MuteWord.Field()
    unmute_word = UnmuteWord.Field()

"""Documents built to be expensive to check or to answer, for tests and bench.hostile."""

LEVELS = 22


def fragment_bomb(head, on, leaf, body="...NEXT ...NEXT"):
    """`head` spreads F0; each F<n> spreads F<n+1> twice (NEXT in `body`); the last
    selects `leaf`."""
    fragments = [
        f"fragment F{n} on {on} {{ {body.replace('NEXT', f'F{n + 1}')} }}" for n in range(LEVELS)
    ]
    return " ".join([head, *fragments, f"fragment F{LEVELS} on {on} {{ {leaf} }}"])


def aliased_introspection(aliases):
    """Aliases of a field list inside a fragment spread under every type: each alias
    repeats every type's fields (the review's 8.7 MB answer)."""
    fields = " ".join(f"a{n}: fields {{ ...Field }}" for n in range(aliases))
    return (
        "{ __schema { types { ...Type } } } "
        f"fragment Type on __Type {{ name {fields} }} "
        "fragment Field on __Field { name description args { name type { name } } "
        "type { name kind ofType { name kind ofType { name } } } }"
    )

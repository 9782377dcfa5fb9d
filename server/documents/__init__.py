"""A request's document from text to checked: the parse cache, shape, cost and limits,
automatic persisted queries, trusted documents and their store.
"""

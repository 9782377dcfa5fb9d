"""What every domain of the API builds on: the mutation base, pagination, global IDs and
nodes, errors, per-request loaders, file types, argument lengths and the live
subscription contract.
"""

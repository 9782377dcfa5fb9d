"""The reference front end's server side: the one page every route of static/app/ answers,
and the routes themselves, read from the manifest the client's router reads."""

"""Signing in through a provider (python-social-auth), for a single-page front end.

The browser goes to our start endpoint (views.py), which redirects it to the provider
with `state`, PKCE and (OpenID Connect) a nonce, all kept in the Django session: the
session cookie ties the callback to the browser that started. The callback exchanges the
provider's code, runs the pipeline (pipeline.py, in one transaction: strategy.py) and
redirects the browser to the front end's callback page (front_end.py) with a one-time
code in the URL fragment, which the front end exchanges with the `socialSignIn`
mutation for our tokens (users/services/social.py), together with the nonce it passed to
the start endpoint (browser_nonce.py): a code works only in the browser that started its
sign-in. Our tokens never appear in a URL, and the session is used by these endpoints
only: /graphql ignores cookies.
"""

"""Accounts in the API: sign-up, sign-in, sessions, profile, password, e-mail, deletion and
provider sign-in.
"""
